package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.spi.EndpointRules;
import io.cdnpurge.spi.PurgeEngine;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cloudfront.*} keys, read and checked at once so that every problem is reported together. Immutable.
 */
public final class CloudFrontSettings {
    public static final String ID = "cloudfront";

    /** The keys read here, without the prefix, in the order the README lists them. */
    public static final List<String> KEYS = List.of("distributionId", "distributions", "distributionTenantId",
            "tenants", "discovery", "discovery.ttl", "region", "profile", "accessKeyId", "secretAccessKey",
            "sessionToken", "endpoint", "allowInsecureEndpoint", "timeout", "connectTimeout", "queryStrings",
            "callerReferenceWindow", "compaction.enabled", "compaction.minFiles", "compaction.minDepth",
            "freeTier.enabled", "freeTier.warnAt", "freeTier.hardCap", "freeTier.stateFile", "allowSignerDebugLog");

    /**
     * The AWS SDK's SigV4 signer logs each canonical request at DEBUG here; with session credentials (Lambda, ECS,
     * SSO, assumed roles) that includes the {@code x-amz-security-token} header, the session token.
     */
    public static final String SIGNER_LOGGER =
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner";

    /** What to do with a URL's query string. */
    public enum QueryStrings {
        /** Send the path with its query, as given: for distributions whose cache key includes the query. */
        KEEP,
        /** Send the path only: for distributions that do not cache by query, and for signed URLs. */
        STRIP
    }

    final String distributionId;
    final String distributionTenantId;
    final Map<String, String> distributions;
    final Map<String, String> tenants;
    final boolean discovery;
    final Duration discoveryTtl;
    final String region;
    final String profile;
    final String accessKeyId;
    final String secretAccessKey;
    final String sessionToken;
    final URI endpoint;
    final Duration timeout;
    final Duration connectTimeout;
    final QueryStrings queryStrings;
    final Duration callerReferenceWindow;
    final boolean compaction;
    final int compactionMinFiles;
    final int compactionMinDepth;
    final boolean freeTier;
    final int freeTierWarnAt;
    final Integer freeTierHardCap;
    final Path freeTierStateFile;

    private CloudFrontSettings(PurgeConfig config, boolean credentialsGiven) {
        List<String> problems = new ArrayList<>();
        // plain calls, no lambdas: this runs in every client's cold start
        Reader read = new Reader(config, problems);
        String p = ID + ".";
        distributionId = read.id(p + "distributionId", DISTRIBUTION_ID);
        distributionTenantId = read.id(p + "distributionTenantId", TENANT_ID);
        distributions = read.hostMap(p + "distributions", DISTRIBUTION_ID);
        tenants = read.hostMap(p + "tenants", TENANT_ID);
        boolean anyScope = distributionId != null || distributionTenantId != null || !distributions.isEmpty()
                || !tenants.isEmpty();
        discovery = read.bool(p + "discovery", !anyScope);
        discoveryTtl = read.positive(p + "discovery.ttl", Duration.ofMinutes(15));
        if (distributionId != null && distributionTenantId != null) {
            problems.add(p + "distributionId and " + p + "distributionTenantId are both set: the default scope is "
                    + "either a distribution or a distribution tenant, not both");
        }
        if (!anyScope && !discovery) {
            problems.add("no CloudFront distribution: set " + p + "distributionId, map hosts with " + p
                    + "distributions (www.example.com=E2QWRUHAPOMQZL,...), or leave " + p + "discovery on to find "
                    + "each host's distribution by its alternate domain names");
        }
        region = text(config, p + "region");
        if (region != null && !region.matches("[a-z]{2}(-[a-z]+)+-\\d+|aws-global|aws-cn-global")) {
            problems.add(p + "region '" + region + "' is not an AWS region name such as us-east-1 (CloudFront is "
                    + "global; set it only for the China partition, cn-northwest-1)");
        }
        profile = text(config, p + "profile");
        accessKeyId = text(config, p + "accessKeyId");
        secretAccessKey = text(config, p + "secretAccessKey");
        sessionToken = text(config, p + "sessionToken");
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            problems.add(p + "accessKeyId and " + p + "secretAccessKey go together: set both, or neither to use "
                    + "the AWS default credentials chain");
        }
        if (sessionToken != null && accessKeyId == null) {
            problems.add(p + "sessionToken needs " + p + "accessKeyId and " + p + "secretAccessKey as well");
        }
        if (profile != null && (accessKeyId != null || credentialsGiven)) {
            problems.add(p + "profile is set together with other credentials: use one of a profile, static keys "
                    + "or a credentials provider");
        }
        if (accessKeyId != null && credentialsGiven) {
            problems.add(p + "accessKeyId is set together with a credentials provider: use one of them");
        }
        if (accessKeyId != null && !accessKeyId.matches("[A-Z0-9]{16,128}")) {
            problems.add(p + "accessKeyId is not an AWS access key id (upper-case letters and digits, such as "
                    + "AKIA...): check that it is not the secret access key");
        }
        boolean insecure = read.bool(p + "allowInsecureEndpoint", false);
        endpoint = read.endpoint(p + "endpoint", insecure);
        timeout = read.positive(p + "timeout", Duration.ofSeconds(30));
        connectTimeout = read.positive(p + "connectTimeout", Duration.ofSeconds(10));
        queryStrings = read.queryStrings(p + "queryStrings");
        callerReferenceWindow = read.notNegative(p + "callerReferenceWindow", Duration.ofMinutes(1));
        compaction = read.bool(p + "compaction.enabled", false);
        compactionMinFiles = read.range(p + "compaction.minFiles", 10, 2, CloudFrontPaths.MAX_FILE_PATHS);
        compactionMinDepth = read.range(p + "compaction.minDepth", 1, 0, 100);
        freeTier = read.bool(p + "freeTier.enabled", false);
        freeTierWarnAt = read.range(p + "freeTier.warnAt", 800, 0, Integer.MAX_VALUE);
        // at least 1 when valid: 0 is the problem's place holder, which leaves the cap unset
        int hardCap = config.string(p + "freeTier.hardCap").isEmpty() ? 0
                : read.range(p + "freeTier.hardCap", 0, 1, Integer.MAX_VALUE);
        freeTierHardCap = hardCap == 0 ? null : hardCap;
        String stateFile = text(config, p + "freeTier.stateFile");
        freeTierStateFile = stateFile == null ? null : read.path(p + "freeTier.stateFile", stateFile);
        if (freeTierHardCap != null && freeTierWarnAt > freeTierHardCap) {
            problems.add(p + "freeTier.warnAt (" + freeTierWarnAt + ") is above " + p + "freeTier.hardCap ("
                    + freeTierHardCap + "): warn before the cap, or raise the cap");
        }
        if (!freeTier && (freeTierHardCap != null || freeTierStateFile != null)) {
            problems.add(p + "freeTier.hardCap and " + p + "freeTier.stateFile take effect only with " + p
                    + "freeTier.enabled=true: enable the tracker or remove them");
        }
        boolean signerDebugAllowed = read.bool(p + "allowSignerDebugLog", false);
        if (!signerDebugAllowed && org.slf4j.LoggerFactory.getLogger(SIGNER_LOGGER).isDebugEnabled()) {
            problems.add("the logger " + SIGNER_LOGGER + " is at DEBUG: the AWS SDK then logs every canonical "
                    + "request, with the session token of temporary credentials in it; raise that logger to INFO, or "
                    + "set " + p + "allowSignerDebugLog=true if those logs are as protected as the credentials");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    static final String DISTRIBUTION_ID = "[A-Z0-9]{1,64}";
    private static final String TENANT_ID = "[A-Za-z0-9_-]{1,128}";

    /**
     * Every problem with the {@code cloudfront.*} keys and the engine keys, one sentence each naming the key.
     *
     * @param credentialsGiven whether the typed builder was given a credentials provider
     */
    public static List<String> problems(PurgeConfig config, boolean credentialsGiven) {
        List<String> problems = new ArrayList<>();
        try {
            new CloudFrontSettings(config, credentialsGiven);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(PurgeEngine.configurationProblems(ID, config, CloudFrontBackend.defaultCapabilities()));
        problems.addAll(PurgeEngine.unknownKeys(ID, KEYS, java.util.Set.of(), CloudFrontBackend.defaultCapabilities(),
                config.keys()));
        return problems;
    }

    /** @throws InvalidConfigurationException naming every bad key */
    public static CloudFrontSettings from(PurgeConfig config, boolean credentialsGiven) {
        List<String> problems = problems(config, credentialsGiven);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new CloudFrontSettings(config, credentialsGiven);
    }

    /** The secrets among the settings, for redaction. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        Optional.ofNullable(secretAccessKey).ifPresent(secrets::add);
        Optional.ofNullable(sessionToken).ifPresent(secrets::add);
        return secrets;
    }

    /** The key's value, trimmed; null when unset or blank. */
    private static String text(PurgeConfig config, String key) {
        return config.string(key).orElse(null);
    }

    private static String id(PurgeConfig config, String key, String pattern) {
        String value = text(config, key);
        if (value != null && !value.matches(pattern)) {
            throw new InvalidConfigurationException(key + " '" + value + "' is not a CloudFront id"
                    + (pattern.equals(DISTRIBUTION_ID) ? " (such as E2QWRUHAPOMQZL, not the d111.cloudfront.net "
                    + "domain or an alias)" : " (such as dt_2wjDZi3hD1ivOXf6rpZJO1AB)"));
        }
        return value;
    }

    private static Map<String, String> hostMap(PurgeConfig config, String key, String idPattern) {
        Map<String, String> map = new LinkedHashMap<>();
        Optional<String> text = config.string(key);
        if (text.isEmpty()) {
            return Map.of();
        }
        List<String> problems = new ArrayList<>();
        for (String entry : text.get().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String host = eq <= 0 ? "" : entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String id = eq <= 0 ? "" : entry.substring(eq + 1).trim();
            if (!host.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
                    || !id.matches(idPattern)) {
                problems.add(key + " entry '" + entry.trim() + "' is not host=id (a host name such as "
                        + "www.example.com or *.example.com, then the CloudFront id)");
                continue;
            }
            map.put(host, id);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return Collections.unmodifiableMap(map);
    }

    private static URI endpoint(PurgeConfig config, String key, boolean insecure) {
        String text = text(config, key);
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(key + " is not a URL: use https://host[:port]");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidConfigurationException(key + " is not an http:// or https:// URL");
        }
        Optional<String> problem = EndpointRules.problem(ID, text, scheme.equals("https"), uri.getHost(),
                uri.getUserInfo() != null, insecure);
        if (problem.isPresent()) {
            throw new InvalidConfigurationException(problem.get());
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null) {
            throw new InvalidConfigurationException(key + " has a path or query: give only scheme, host and port "
                    + "(the SDK adds /2020-05-31/...)");
        }
        return uri;
    }

    private static QueryStrings queryStrings(PurgeConfig config, String key) {
        String value = config.string(key, "keep").trim().toUpperCase(Locale.ROOT);
        try {
            return QueryStrings.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key + " is '" + config.string(key, "") + "': use keep (send "
                    + "the query as given) or strip (send the path only)");
        }
    }

    private static Path path(String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException(key + " is not a file path: " + e.getReason());
        }
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new InvalidConfigurationException(key + " is " + value + ": use a positive duration");
        }
        return value;
    }

    private static Duration notNegative(String key, Duration value) {
        if (value.isNegative()) {
            throw new InvalidConfigurationException(key + " is " + value + ": use 0 or a positive duration");
        }
        return value;
    }

    private static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigurationException(key + " is " + value + ": use a value from " + min + " to "
                    + max);
        }
        return value;
    }

    /** Reads keys, adding the problem with a key to the list and giving a neutral value in its place. */
    private static final class Reader {
        private final PurgeConfig config;
        private final List<String> problems;

        Reader(PurgeConfig config, List<String> problems) {
            this.config = config;
            this.problems = problems;
        }

        String id(String key, String pattern) {
            try {
                return CloudFrontSettings.id(config, key, pattern);
            } catch (InvalidConfigurationException e) {
                return problem(e, null);
            }
        }

        Map<String, String> hostMap(String key, String idPattern) {
            try {
                return CloudFrontSettings.hostMap(config, key, idPattern);
            } catch (InvalidConfigurationException e) {
                return problem(e, Map.of());
            }
        }

        boolean bool(String key, boolean defaultValue) {
            try {
                return config.bool(key, defaultValue);
            } catch (InvalidConfigurationException e) {
                return problem(e, false);
            }
        }

        Duration positive(String key, Duration defaultValue) {
            try {
                return CloudFrontSettings.positive(key, config.duration(key, defaultValue));
            } catch (InvalidConfigurationException e) {
                return problem(e, null);
            }
        }

        Duration notNegative(String key, Duration defaultValue) {
            try {
                return CloudFrontSettings.notNegative(key, config.duration(key, defaultValue));
            } catch (InvalidConfigurationException e) {
                return problem(e, null);
            }
        }

        int range(String key, int defaultValue, int min, int max) {
            try {
                return CloudFrontSettings.range(key, config.integer(key, defaultValue), min, max);
            } catch (InvalidConfigurationException e) {
                return problem(e, 0);
            }
        }

        URI endpoint(String key, boolean insecure) {
            try {
                return CloudFrontSettings.endpoint(config, key, insecure);
            } catch (InvalidConfigurationException e) {
                return problem(e, null);
            }
        }

        QueryStrings queryStrings(String key) {
            try {
                return CloudFrontSettings.queryStrings(config, key);
            } catch (InvalidConfigurationException e) {
                return problem(e, QueryStrings.KEEP);
            }
        }

        Path path(String key, String value) {
            try {
                return CloudFrontSettings.path(key, value);
            } catch (InvalidConfigurationException e) {
                return problem(e, null);
            }
        }

        private <T> T problem(InvalidConfigurationException e, T fallback) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    @Override
    public String toString() {
        return "CloudFrontSettings{distribution " + distributionId + ", " + distributions.size() + " host(s) mapped, "
                + tenants.size() + " tenant host(s), discovery " + discovery + "}";
    }
}
