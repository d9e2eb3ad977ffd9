package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.EndpointRules;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CloudFront keys, declared once ({@link #SCHEMA}), and one client's values of them. Immutable.
 */
public final class CloudFrontSettings {
    public static final String ID = "cloudfront";

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
        STRIP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String DISTRIBUTION_ID = "[A-Z0-9]{1,64}";
    private static final String TENANT_ID = "[A-Za-z0-9_-]{1,128}";
    private static final String DISTRIBUTION_IS = "a CloudFront distribution id (such as E2QWRUHAPOMQZL, not the "
            + "d111.cloudfront.net domain or an alias)";
    private static final String TENANT_IS = "a CloudFront distribution tenant id (such as dt_2wjDZi3hD1ivOXf6rpZJO1AB)";

    public static final ConfigKey<String> DISTRIBUTION = ConfigKey.string("distributionId")
            .matching(DISTRIBUTION_ID, DISTRIBUTION_IS)
            .doc("default distribution: of tags, everything, and hosts not mapped");
    public static final ConfigKey<Map<String, String>> DISTRIBUTIONS = ConfigKey.hostMap("distributions")
            .wildcardHosts().matching(DISTRIBUTION_ID, DISTRIBUTION_IS)
            .doc("`host=distributionId,…`; `*.example.com` covers subdomains");
    public static final ConfigKey<String> TENANT = ConfigKey.string("distributionTenantId")
            .matching(TENANT_ID, TENANT_IS).doc("default distribution tenant (multi-tenant distributions)");
    public static final ConfigKey<Map<String, String>> TENANTS = ConfigKey.hostMap("tenants").wildcardHosts()
            .matching(TENANT_ID, TENANT_IS).doc("`host=tenantId,…`");
    public static final ConfigKey<Boolean> DISCOVERY = ConfigKey.bool("discovery")
            .defaultText("on when none of the four above is set")
            .doc("find a host's distribution by its alternate domain names (`ListDistributions`)");
    public static final ConfigKey<Duration> DISCOVERY_TTL = ConfigKey.positiveDuration("discovery.ttl",
            Duration.ofMinutes(15)).doc("how long a discovered distribution is trusted");
    public static final ConfigKey<String> REGION = ConfigKey.string("region")
            .matching("[a-z]{2}(-[a-z]+)+-\\d+|aws-global|aws-cn-global", "an AWS region name such as us-east-1 "
                    + "(CloudFront is global; set it only for the China partition, cn-northwest-1)")
            .defaultText("env/profile, else `aws-global`").doc("only the China partition needs one");
    public static final ConfigKey<String> PROFILE = ConfigKey.string("profile")
            .doc("a named AWS profile; else the AWS default credentials chain");
    public static final ConfigKey<String> ACCESS_KEY_ID = ConfigKey.string("accessKeyId")
            .matching("[A-Z0-9]{16,128}", "an AWS access key id (upper-case letters and digits, such as AKIA...): "
                    + "check that it is not the secret access key")
            .doc("static keys instead: the access key id");
    public static final ConfigKey<String> SECRET_ACCESS_KEY = ConfigKey.secret("secretAccessKey")
            .doc("its secret access key");
    public static final ConfigKey<String> SESSION_TOKEN = ConfigKey.secret("sessionToken")
            .doc("a session token, with temporary keys");
    public static final ConfigKey<QueryStrings> QUERY_STRINGS = ConfigKey.choice("queryStrings", QueryStrings.class,
            QueryStrings.KEEP).doc("a URL's query string: kept in the path, or stripped");
    public static final ConfigKey<Duration> CALLER_REFERENCE_WINDOW = ConfigKey.duration("callerReferenceWindow",
            Duration.ofMinutes(1))
            .doc("identical purges without an idempotency key within it are one invalidation (0: never)");
    public static final ConfigKey<Boolean> COMPACTION = ConfigKey.bool("compaction.enabled", false)
            .doc("collapse many files of one directory into `/dir/*`");
    public static final ConfigKey<Integer> COMPACTION_MIN_FILES = ConfigKey.integer("compaction.minFiles", 10, 2,
            CloudFrontPaths.MAX_FILE_PATHS).doc("files of one directory that compaction collapses");
    public static final ConfigKey<Integer> COMPACTION_MIN_DEPTH = ConfigKey.integer("compaction.minDepth", 1, 0, 100)
            .doc("the shallowest directory compaction collapses; 0 is the root");
    public static final ConfigKey<Boolean> FREE_TIER = ConfigKey.bool("freeTier.enabled", false)
            .doc("count this month's billed paths");
    public static final ConfigKey<Integer> FREE_TIER_WARN_AT = ConfigKey.integer("freeTier.warnAt", 800, 0,
            Integer.MAX_VALUE).doc("warn past this many paths in a month");
    public static final ConfigKey<Integer> FREE_TIER_HARD_CAP = ConfigKey.integer("freeTier.hardCap", 1,
            Integer.MAX_VALUE).doc("refuse purges past this many paths in a month");
    public static final ConfigKey<Path> FREE_TIER_STATE_FILE = ConfigKey.path("freeTier.stateFile")
            .doc("where the count is kept across restarts");
    public static final ConfigKey<Boolean> ALLOW_SIGNER_DEBUG_LOG = ConfigKey.bool("allowSignerDebugLog", false)
            .doc("build even while the SDK's SigV4 signer logs at DEBUG");

    /** The CloudFront keys, the transport keys and the checks across them. */
    public static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .keys(List.of(DISTRIBUTION, DISTRIBUTIONS, TENANT, TENANTS, DISCOVERY, DISCOVERY_TTL, REGION, PROFILE,
                    ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, QUERY_STRINGS, CALLER_REFERENCE_WINDOW,
                    COMPACTION, COMPACTION_MIN_FILES, COMPACTION_MIN_DEPTH, FREE_TIER, FREE_TIER_WARN_AT,
                    FREE_TIER_HARD_CAP, FREE_TIER_STATE_FILE, ALLOW_SIGNER_DEBUG_LOG))
            .include(EndpointRules.schema("the SDK's (`https://cloudfront.amazonaws.com`)"))
            .check(CloudFrontSettings::check)
            .build();

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
    /** The client's name, for messages: the prefix of its keys. */
    final String clientName;

    private CloudFrontSettings(ClientSettings settings) {
        clientName = settings.name();
        distributionId = settings.get(DISTRIBUTION);
        distributionTenantId = settings.get(TENANT);
        distributions = settings.get(DISTRIBUTIONS);
        tenants = settings.get(TENANTS);
        discovery = settings.find(DISCOVERY).orElse(!anyScope(settings));
        discoveryTtl = settings.get(DISCOVERY_TTL);
        region = settings.get(REGION);
        profile = settings.get(PROFILE);
        accessKeyId = settings.get(ACCESS_KEY_ID);
        secretAccessKey = settings.get(SECRET_ACCESS_KEY);
        sessionToken = settings.get(SESSION_TOKEN);
        endpoint = settings.find(EndpointRules.ENDPOINT).map(URI::create).orElse(null);
        timeout = settings.get(EndpointRules.TIMEOUT);
        connectTimeout = settings.get(EndpointRules.CONNECT_TIMEOUT);
        queryStrings = settings.get(QUERY_STRINGS);
        callerReferenceWindow = settings.get(CALLER_REFERENCE_WINDOW);
        compaction = settings.get(COMPACTION);
        compactionMinFiles = settings.get(COMPACTION_MIN_FILES);
        compactionMinDepth = settings.get(COMPACTION_MIN_DEPTH);
        freeTier = settings.get(FREE_TIER);
        freeTierWarnAt = settings.get(FREE_TIER_WARN_AT);
        freeTierHardCap = settings.get(FREE_TIER_HARD_CAP);
        freeTierStateFile = settings.get(FREE_TIER_STATE_FILE);
    }

    /** The values of a client whose settings were read against {@link #SCHEMA} (which checked them). */
    public static CloudFrontSettings of(ClientSettings settings) {
        return new CloudFrontSettings(settings);
    }

    private static boolean anyScope(ClientSettings settings) {
        return settings.isGiven(DISTRIBUTION) || settings.isGiven(TENANT) || settings.isGiven(DISTRIBUTIONS)
                || settings.isGiven(TENANTS);
    }

    private static void check(ClientSettings settings, List<String> problems) {
        if (settings.isSet(DISTRIBUTION) && settings.isSet(TENANT)) {
            problems.add(settings.fullKey(DISTRIBUTION) + " and " + settings.fullKey(TENANT) + " are both set: the "
                    + "default scope is either a distribution or a distribution tenant, not both");
        }
        if (!anyScope(settings) && !settings.find(DISCOVERY).orElse(true)) {
            problems.add("no CloudFront distribution: set " + settings.fullKey(DISTRIBUTION) + ", map hosts with "
                    + settings.fullKey(DISTRIBUTIONS) + " (www.example.com=E2QWRUHAPOMQZL,...), or leave "
                    + settings.fullKey(DISCOVERY) + " on to find each host's distribution by its alternate domain "
                    + "names");
        }
        if (settings.isGiven(ACCESS_KEY_ID) != settings.isGiven(SECRET_ACCESS_KEY)) {
            problems.add(settings.fullKey(ACCESS_KEY_ID) + " and " + settings.fullKey(SECRET_ACCESS_KEY) + " go "
                    + "together: set both, or neither to use the AWS default credentials chain");
        }
        if (settings.isGiven(SESSION_TOKEN) && !settings.isGiven(ACCESS_KEY_ID)) {
            problems.add(settings.fullKey(SESSION_TOKEN) + " needs " + settings.fullKey(ACCESS_KEY_ID) + " and "
                    + settings.fullKey(SECRET_ACCESS_KEY) + " as well");
        }
        if (settings.isGiven(PROFILE) && settings.isGiven(ACCESS_KEY_ID)) {
            problems.add(settings.fullKey(PROFILE) + " is set together with other credentials: use one of a "
                    + "profile, static keys or a credentials provider");
        }
        String endpoint = settings.find(EndpointRules.ENDPOINT).orElse(null);
        if (endpoint != null) {
            try {
                URI uri = new URI(endpoint);
                if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                        || uri.getRawQuery() != null) {
                    problems.add(settings.fullKey(EndpointRules.ENDPOINT) + " has a path or query: give only "
                            + "scheme, host and port (the SDK adds /2020-05-31/...)");
                }
            } catch (URISyntaxException e) {
                // reported by the endpoint rules
            }
        }
        Integer hardCap = settings.get(FREE_TIER_HARD_CAP);
        int warnAt = settings.get(FREE_TIER_WARN_AT);
        if (hardCap != null && warnAt > hardCap) {
            problems.add(settings.fullKey(FREE_TIER_WARN_AT) + " (" + warnAt + ") is above "
                    + settings.fullKey(FREE_TIER_HARD_CAP) + " (" + hardCap + "): warn before the cap, or raise the "
                    + "cap");
        }
        if (!settings.get(FREE_TIER) && (settings.isGiven(FREE_TIER_HARD_CAP)
                || settings.isGiven(FREE_TIER_STATE_FILE))) {
            problems.add(settings.fullKey(FREE_TIER_HARD_CAP) + " and " + settings.fullKey(FREE_TIER_STATE_FILE)
                    + " take effect only with " + settings.fullKey(FREE_TIER) + "=true: enable the tracker or "
                    + "remove them");
        }
        if (!settings.get(ALLOW_SIGNER_DEBUG_LOG) && org.slf4j.LoggerFactory.getLogger(SIGNER_LOGGER)
                .isDebugEnabled()) {
            problems.add("the logger " + SIGNER_LOGGER + " is at DEBUG: the AWS SDK then logs every canonical "
                    + "request, with the session token of temporary credentials in it; raise that logger to INFO, or "
                    + "set " + settings.fullKey(ALLOW_SIGNER_DEBUG_LOG) + "=true if those logs are as protected as "
                    + "the credentials");
        }
    }

    /**
     * The problem of a credentials provider given to the typed builder together with keys that also name
     * credentials, or null.
     */
    public static String credentialsProviderProblem(ClientSettings settings) {
        if (settings.isGiven(PROFILE)) {
            return settings.fullKey(PROFILE) + " is set together with other credentials: use one of a profile, "
                    + "static keys or a credentials provider";
        }
        if (settings.isGiven(ACCESS_KEY_ID)) {
            return settings.fullKey(ACCESS_KEY_ID) + " is set together with a credentials provider: use one of them";
        }
        return null;
    }

    /** The secrets among the settings, for redaction. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (secretAccessKey != null) {
            secrets.add(secretAccessKey);
        }
        if (sessionToken != null) {
            secrets.add(sessionToken);
        }
        return secrets;
    }

    @Override
    public String toString() {
        return "CloudFrontSettings{distribution " + distributionId + ", " + distributions.size() + " host(s) mapped, "
                + tenants.size() + " tenant host(s), discovery " + discovery + "}";
    }
}
