package io.cdnpurge.akamai;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.akamai.internal.AkamaiBackend;
import io.cdnpurge.http.ProviderKeys;
import io.cdnpurge.akamai.internal.AkamaiCredential;
import io.cdnpurge.akamai.internal.EdgeRc;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Akamai keys of a {@link PurgeConfig}, with their defaults. Keys start with {@code akamai.}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code host}, {@code clientToken}, {@code clientSecret}, {@code accessToken}</td><td>none</td>
 *       <td>the API client's EdgeGrid credential; when any is set, all four must be, and no {@code .edgerc} is
 *       read</td></tr>
 *   <tr><td>{@code edgerc}</td><td>env {@code AKAMAI_EDGERC}, else {@code ~/.edgerc}</td>
 *       <td>the credentials file</td></tr>
 *   <tr><td>{@code edgercSection}</td><td>env {@code AKAMAI_EDGERC_SECTION}, else {@code default}</td>
 *       <td>the section of the file</td></tr>
 *   <tr><td>{@code network}</td><td>production</td><td>{@code production} or {@code staging}</td></tr>
 *   <tr><td>{@code accountSwitchKey}</td><td>none</td><td>act for another account (multi-account API
 *       clients)</td></tr>
 *   <tr><td>{@code maxBodyBytes}</td><td>50000</td><td>the largest request body sent, 1000–50000</td></tr>
 *   <tr><td>{@code allowSignerDebugLog}</td><td>false</td><td>sign even while Akamai's signer logs the
 *       Authorization header at DEBUG</td></tr>
 * </table>
 *
 * <p>Plus the engine and HTTP keys every provider has ({@code akamai.maxAttempts}, {@code .timeout},
 * {@code .endpoint}, {@code .rateLimit.*}, …), listed in the README.
 */
public interface AkamaiConfig {
    /** Akamai's limit on a Fast Purge request body. */
    int MAX_BODY_BYTES = 50_000;
    /** The credential keys, in the order they are reported. */
    List<String> CREDENTIAL_KEYS = List.of("host", "clientToken", "clientSecret", "accessToken");

    /** A full key's value, e.g. {@code get("akamai.network")}; null when unset. */
    String get(String key);

    /** An environment variable, as the underlying {@link PurgeConfig} sees it. */
    Optional<String> environment(String name);

    /** The Akamai view of a config. */
    static AkamaiConfig of(PurgeConfig config) {
        return new AkamaiConfig() {
            @Override
            public String get(String key) {
                return config.get(key);
            }

            @Override
            public Optional<String> environment(String name) {
                return config.environment(name);
            }

            @Override
            public String toString() {
                return "AkamaiConfig" + config.keys();
            }
        };
    }

    private Optional<String> value(String name) {
        String raw = get("akamai." + name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    /** The credentials file: {@code akamai.edgerc}, {@code AKAMAI_EDGERC}, else {@code .edgerc} in the home folder. */
    default Path edgerc() {
        return value("edgerc").or(() -> environment("AKAMAI_EDGERC"))
                .map(AkamaiConfig::expandHome)
                .orElseGet(() -> Paths.get(System.getProperty("user.home"), ".edgerc"));
    }

    private static Path expandHome(String path) {
        return path.equals("~") || path.startsWith("~/")
                ? Paths.get(System.getProperty("user.home") + path.substring(1)) : Paths.get(path);
    }

    default String edgercSection() {
        return value("edgercSection").or(() -> environment("AKAMAI_EDGERC_SECTION")).orElse("default");
    }

    default AkamaiNetwork network() {
        return value("network").map(name -> {
            try {
                return AkamaiNetwork.parse(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("akamai.network is '" + name
                        + "': use production or staging");
            }
        }).orElse(AkamaiNetwork.PRODUCTION);
    }

    /** An account switch key such as {@code 1-5C0YLB:1-8BYUX}: letters, digits, {@code : . _ -}. */
    default Optional<String> accountSwitchKey() {
        return value("accountSwitchKey").map(key -> {
            if (!key.matches("[A-Za-z0-9:._-]+")) {
                throw new InvalidConfigurationException("akamai.accountSwitchKey '" + key + "' is not an account "
                        + "switch key such as 1-5C0YLB:1-8BYUX (letters, digits, ':', '.', '_', '-')");
            }
            return key;
        });
    }

    default int maxBodyBytes() {
        return value("maxBodyBytes").map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1_000 && n <= MAX_BODY_BYTES) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidConfigurationException("akamai.maxBodyBytes is '" + v + "': use a whole number from "
                    + "1000 to " + MAX_BODY_BYTES + " (Akamai refuses bodies over " + MAX_BODY_BYTES + " bytes)");
        }).orElse(MAX_BODY_BYTES);
    }

    default boolean allowSignerDebugLog() {
        return value("allowSignerDebugLog").map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new InvalidConfigurationException("akamai.allowSignerDebugLog is '" + v
                        + "': use true or false");
            }
            return Boolean.parseBoolean(v);
        }).orElse(false);
    }

    /**
     * The EdgeGrid credential: from the four {@code akamai.*} keys when any is set, else from the {@code .edgerc}
     * file's section.
     *
     * @throws InvalidConfigurationException naming every missing key, or the file and section at fault
     */
    default AkamaiCredential credential() {
        boolean anyKey = CREDENTIAL_KEYS.stream().anyMatch(key -> value(key).isPresent());
        if (!anyKey) {
            return EdgeRc.read(edgerc()).credential(edgercSection());
        }
        List<String> missing = new ArrayList<>();
        for (String fileKey : List.of("edgerc", "edgercSection")) {
            if (value(fileKey).isPresent()) {
                missing.add("akamai." + fileKey + " is set together with credential keys, which win and leave the "
                        + ".edgerc file unread: remove one or the other");
            }
        }
        for (String key : CREDENTIAL_KEYS) {
            if (value(key).isEmpty()) {
                missing.add("akamai." + key + " is missing: with credentials in keys, set all of akamai.host, "
                        + "akamai.clientToken, akamai.clientSecret and akamai.accessToken (or none, to read "
                        + ".edgerc)");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidConfigurationException(missing);
        }
        return new AkamaiCredential(value("host").orElseThrow(), value("clientToken").orElseThrow(),
                value("clientSecret").orElseThrow(), value("accessToken").orElseThrow(),
                AkamaiCredential.DEFAULT_MAX_BODY, List.of(), "akamai.* keys");
    }

    /**
     * Every problem with the Akamai keys and the credential, one sentence each naming the key or file: missing
     * credentials, bad values, a {@code max_body} too small to sign a purge, and keys Akamai does not know.
     */
    default List<String> validate(Set<String> keys) {
        List<String> problems = new ArrayList<>();
        try {
            AkamaiCredential credential = credential();
            problems.addAll(credentialProblems(credential, maxBodyBytesOrDefault()));
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        for (Runnable check : List.<Runnable>of(this::network, this::accountSwitchKey, this::maxBodyBytes,
                this::allowSignerDebugLog)) {
            try {
                check.run();
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        // the bucket names are the same whatever the limits, so any capabilities of the provider will do
        problems.addAll(ProviderKeys.unknown("akamai", List.of("host", "clientToken", "clientSecret", "accessToken", "edgerc", "edgercSection",
                "network", "accountSwitchKey", "maxBodyBytes", "allowSignerDebugLog"),
                AkamaiBackend.capabilities(MAX_BODY_BYTES), keys));
        return problems;
    }

    private int maxBodyBytesOrDefault() {
        try {
            return maxBodyBytes();
        } catch (InvalidConfigurationException e) {
            return MAX_BODY_BYTES;
        }
    }

    private static List<String> credentialProblems(AkamaiCredential credential, int maxBodyBytes) {
        List<String> problems = new ArrayList<>();
        String host = credential.host();
        if (host.isEmpty() || !host.matches("[a-z0-9.-]+(:[0-9]{1,5})?")) {
            problems.add("the host of the credential from " + credential.source() + " is not a host name such as "
                    + "akab-xxxx.purge.akamaiapis.net");
        }
        List<String> tokens = List.of(credential.clientToken(), credential.clientSecret(), credential.accessToken());
        List<String> names = List.of("client token", "client secret", "access token");
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                problems.add("the " + names.get(i) + " from " + credential.source() + " contains a space, a control "
                        + "or a non-ASCII character: copy the credential again without surrounding text");
            }
        }
        if (credential.maxBody() < maxBodyBytes) {
            problems.add("max_body " + credential.maxBody() + " in " + credential.source() + " is smaller than the "
                    + maxBodyBytes + "-byte purge bodies cdn-purge sends, so signatures would not match what Akamai "
                    + "checks: set max_body = " + AkamaiCredential.DEFAULT_MAX_BODY + " (8192 is a known wrong value "
                    + "copied from old examples), or lower akamai.maxBodyBytes");
        }
        return problems;
    }
}
