package io.cdnpurge.fastly;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.fastly.internal.FastlyBackend;
import io.cdnpurge.http.ProviderKeys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Fastly keys of a {@link PurgeConfig}, with their defaults. Keys start with {@code fastly.}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code apiToken}</td><td>env {@code FASTLY_API_TOKEN}</td>
 *       <td>API token (sent as {@code Fastly-Key}) with the {@code purge_select} scope for URL and key purges,
 *       {@code purge_all} for everything, or {@code global}</td></tr>
 *   <tr><td>{@code serviceId}</td><td>none</td><td>the service of surrogate-key and everything purges</td></tr>
 *   <tr><td>{@code services}</td><td>none</td><td>host → service id, as {@code www.example.com=SU1Z0isxPaozGVKXdv0eY,
 *       example.org=7i6HN3TK9wS159v2gPAZ8A}; a name also covers its subdomains and the longest match wins. Only
 *       labels URL purges (Fastly finds a URL's service by its host itself); with a single service and no
 *       {@code serviceId}, that service takes key and everything purges</td></tr>
 *   <tr><td>{@code keysPerCall}</td><td>256</td><td>surrogate keys per purge request, 1–256</td></tr>
 * </table>
 *
 * <p>Plus the engine and HTTP keys every provider has ({@code fastly.maxAttempts}, {@code .timeout},
 * {@code .endpoint}, {@code .rateLimit.*}, …), listed in the README.
 */
public interface FastlyConfig {
    /** The default API base URL. */
    String DEFAULT_ENDPOINT = "https://api.fastly.com";

    /** Fastly's limit of surrogate keys in one bulk purge request. */
    int MAX_KEYS_PER_CALL = 256;

    /** A full key's value, e.g. {@code get("fastly.apiToken")}; null when unset. */
    String get(String key);

    /** An environment variable, as the underlying {@link PurgeConfig} sees it. */
    Optional<String> environment(String name);

    /** The Fastly view of a config. */
    static FastlyConfig of(PurgeConfig config) {
        return new FastlyConfig() {
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
                return "FastlyConfig" + config.keys();
            }
        };
    }

    private Optional<String> value(String name) {
        String raw = get("fastly." + name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    /** {@code fastly.apiToken}, else the {@code FASTLY_API_TOKEN} variable. */
    default Optional<String> apiToken() {
        return value("apiToken").or(() -> environment("FASTLY_API_TOKEN").map(String::trim)
                .filter(token -> !token.isEmpty()));
    }

    /** The default service: of surrogate-key and everything purges. */
    default Optional<String> serviceId() {
        return value("serviceId");
    }

    /** Host (lower case) → service id, in the order given. */
    default Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        value("services").ifPresent(text -> {
            for (String entry : text.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String host = eq <= 0 ? "" : entry.substring(0, eq).trim();
                String service = eq <= 0 ? "" : entry.substring(eq + 1).trim();
                if (host.isEmpty() || service.isEmpty() || !host.matches("[A-Za-z0-9._-]+")
                        || !service.matches("[A-Za-z0-9_-]+")) {
                    throw new InvalidConfigurationException("fastly.services entry '" + entry.trim()
                            + "' is not host=serviceId (a bare host name such as www.example.com, then the "
                            + "service's alphanumeric id)");
                }
                services.put(host.toLowerCase(Locale.ROOT), service);
            }
        });
        return Collections.unmodifiableMap(services);
    }

    /** Surrogate keys per bulk purge request; 256 unless set. */
    default int keysPerCall() {
        return value("keysPerCall").map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= MAX_KEYS_PER_CALL) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidConfigurationException("fastly.keysPerCall is '" + v + "': use a whole number from 1 "
                    + "to " + MAX_KEYS_PER_CALL + " (Fastly's limit of surrogate keys per purge request)");
        }).orElse(MAX_KEYS_PER_CALL);
    }

    /**
     * Every problem with the Fastly keys, one sentence each naming the key: a missing token, bad values, and keys
     * Fastly does not know (a misspelt key would otherwise be ignored silently).
     */
    default List<String> validate(Set<String> keys) {
        List<String> problems = new ArrayList<>();
        if (apiToken().isEmpty()) {
            problems.add("no Fastly API token: set fastly.apiToken (or the FASTLY_API_TOKEN variable) to an API "
                    + "token with the purge_select scope (purge_all as well to purge everything)");
        }
        // OkHttp refuses other characters in a header and would quote the value in its exception
        boolean fromConfig = value("apiToken").isPresent();
        if (apiToken().filter(v -> !v.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)).isPresent()) {
            problems.add((fromConfig ? "fastly.apiToken" : "the FASTLY_API_TOKEN variable (read for "
                    + "fastly.apiToken)") + " contains a space, a control or a non-ASCII character: copy the token "
                    + "again without surrounding text");
        }
        if (serviceId().filter(id -> !id.matches("[A-Za-z0-9_-]+")).isPresent()) {
            problems.add("fastly.serviceId is not a Fastly service id: use the service's alphanumeric id, such as "
                    + "SU1Z0isxPaozGVKXdv0eY, not its name or domain");
        }
        for (Runnable check : List.<Runnable>of(this::services, this::keysPerCall)) {
            try {
                check.run();
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        // the bucket names are the same whatever the limits, so any capabilities of the provider will do
        problems.addAll(ProviderKeys.unknown("fastly", List.of("apiToken", "serviceId", "services", "keysPerCall"),
                FastlyBackend.capabilities(MAX_KEYS_PER_CALL), keys));
        return problems;
    }
}
