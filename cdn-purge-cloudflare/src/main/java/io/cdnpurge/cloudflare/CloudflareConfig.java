package io.cdnpurge.cloudflare;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.cloudflare.internal.CloudflareBackend;
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
 * The Cloudflare keys of a {@link PurgeConfig}, with their defaults. Keys start with {@code cloudflare.}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code apiToken}</td><td>env {@code CLOUDFLARE_API_TOKEN}</td>
 *       <td>API token with the Zone · Cache Purge permission (sent as {@code Authorization: Bearer})</td></tr>
 *   <tr><td>{@code email}, {@code globalKey}</td><td>env {@code CLOUDFLARE_EMAIL}, {@code CLOUDFLARE_API_KEY}</td>
 *       <td>legacy global API key auth ({@code X-Auth-Email}, {@code X-Auth-Key}); used only without a token</td></tr>
 *   <tr><td>{@code zoneId}</td><td>none</td><td>the zone of tag and everything purges, and of any host not in
 *       {@code zones}</td></tr>
 *   <tr><td>{@code zones}</td><td>none</td><td>host → zone id, as {@code www.example.com=023e…,example.org=9a7…};
 *       a name also covers its subdomains</td></tr>
 *   <tr><td>{@code zoneLookup}</td><td>true</td><td>find the zone of other hosts with {@code GET /zones?name=},
 *       once per host</td></tr>
 *   <tr><td>{@code plan}</td><td>free</td><td>free, pro, business or enterprise: see {@link CloudflarePlan}</td></tr>
 *   <tr><td>{@code urlsPerCall}</td><td>30 (500 on enterprise)</td><td>URLs per purge request, 1–100 (1–500 on
 *       enterprise)</td></tr>
 *   <tr><td>{@code itemsPerCall}</td><td>100</td><td>tags, hosts or prefixes per purge request, 1–100</td></tr>
 * </table>
 *
 * <p>Plus the engine and HTTP keys every provider has ({@code cloudflare.maxAttempts}, {@code .timeout},
 * {@code .endpoint}, {@code .rateLimit.*}, …), listed in the README.
 */
public interface CloudflareConfig {
    /** The default API base URL. */
    String DEFAULT_ENDPOINT = "https://api.cloudflare.com/client/v4";
    /** What a zone id looks like: Cloudflare identifiers are at most 32 characters, in practice 32 hex digits. */
    String ZONE_ID = "[A-Za-z0-9]{1,32}";

    /** A full key's value, e.g. {@code get("cloudflare.apiToken")}; null when unset. */
    String get(String key);

    /** An environment variable, as the underlying {@link PurgeConfig} sees it. */
    Optional<String> environment(String name);

    /** The Cloudflare view of a config. */
    static CloudflareConfig of(PurgeConfig config) {
        return new CloudflareConfig() {
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
                return "CloudflareConfig" + config.keys();
            }
        };
    }

    private Optional<String> value(String name) {
        String raw = get("cloudflare." + name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    default Optional<String> apiToken() {
        return value("apiToken").or(() -> environment("CLOUDFLARE_API_TOKEN"));
    }

    default Optional<String> email() {
        return value("email").or(() -> environment("CLOUDFLARE_EMAIL"));
    }

    default Optional<String> globalKey() {
        return value("globalKey").or(() -> environment("CLOUDFLARE_API_KEY"));
    }

    default Optional<String> zoneId() {
        return value("zoneId");
    }

    /** Host (lower case) → zone id, in the order given. */
    default Map<String, String> zones() {
        Map<String, String> zones = new LinkedHashMap<>();
        value("zones").ifPresent(text -> {
            for (String entry : text.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0 || eq == entry.trim().length() - 1) {
                    throw new InvalidConfigurationException("cloudflare.zones entry '" + entry.trim()
                            + "' is not host=zoneId");
                }
                String zone = entry.substring(eq + 1).trim();
                if (!zone.matches(ZONE_ID)) {
                    throw new InvalidConfigurationException("cloudflare.zones entry '" + entry.trim() + "' has a zone "
                            + "id that is not one: a zone id is 32 letters and digits, as the zone's Overview page "
                            + "shows it");
                }
                zones.put(entry.substring(0, eq).trim().toLowerCase(Locale.ROOT), zone);
            }
        });
        return Collections.unmodifiableMap(zones);
    }

    default boolean zoneLookup() {
        return value("zoneLookup").map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new InvalidConfigurationException("cloudflare.zoneLookup is '" + v + "': use true or false");
            }
            return Boolean.parseBoolean(v);
        }).orElse(true);
    }

    default CloudflarePlan plan() {
        return value("plan").map(name -> {
            try {
                return CloudflarePlan.parse(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("cloudflare.plan is '" + name
                        + "': use free, pro, business or enterprise");
            }
        }).orElse(CloudflarePlan.FREE);
    }

    /**
     * {@link #plan()}, or Free when {@code cloudflare.plan} is not a plan: {@link #validate} reports that, and the
     * other keys can still be checked against Free's limits meanwhile.
     */
    default CloudflarePlan planOrFree() {
        try {
            return plan();
        } catch (InvalidConfigurationException e) {
            return CloudflarePlan.FREE;
        }
    }

    /** The plan's default unless set, within the plan's maximum. */
    default int urlsPerCall() {
        CloudflarePlan plan = planOrFree();
        return count("urlsPerCall", plan.urlsPerCall(), plan.maxUrlsPerCall());
    }

    default int itemsPerCall() {
        return count("itemsPerCall", CloudflarePlan.ITEMS_PER_CALL, CloudflarePlan.ITEMS_PER_CALL);
    }

    private int count(String name, int defaultValue, int max) {
        return value(name).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidConfigurationException("cloudflare." + name + " is '" + v
                    + "': use a whole number from 1 to " + max + " (Cloudflare's limit for this plan)");
        }).orElse(defaultValue);
    }

    /**
     * Every problem with the Cloudflare keys, one sentence each naming the key: missing credentials, bad values,
     * and keys Cloudflare does not know (a misspelt key would otherwise be ignored silently).
     */
    default List<String> validate(Set<String> keys) {
        List<String> problems = new ArrayList<>();
        if (apiToken().isEmpty() && (email().isEmpty() || globalKey().isEmpty())) {
            problems.add("no Cloudflare credential: set cloudflare.apiToken (or the CLOUDFLARE_API_TOKEN variable) "
                    + "to an API token with the Zone · Cache Purge permission, or cloudflare.email with "
                    + "cloudflare.globalKey for the legacy global API key");
        }
        for (String key : List.of("apiToken", "email", "globalKey")) {
            // OkHttp refuses other characters in a header and would quote the value in its exception
            if (value(key).filter(v -> !v.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)).isPresent()) {
                problems.add("cloudflare." + key + " contains a space, a control or a non-ASCII character: copy the "
                        + "credential again without surrounding text");
            }
        }
        if (zoneId().filter(zone -> !zone.matches(ZONE_ID)).isPresent()) {
            problems.add("cloudflare.zoneId is not a zone id: a zone id is 32 letters and digits, as the zone's "
                    + "Overview page shows it (not the zone's name)");
        }
        for (Runnable check : List.<Runnable>of(this::zones, this::zoneLookup, this::plan, this::urlsPerCall,
                this::itemsPerCall)) {
            try {
                check.run();
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        // the bucket names are the same whatever the limits, so any capabilities of the provider will do
        problems.addAll(ProviderKeys.unknown("cloudflare", List.of("apiToken", "email", "globalKey", "zoneId", "zones",
                "zoneLookup", "plan", "urlsPerCall", "itemsPerCall"),
                CloudflareBackend.capabilities(CloudflarePlan.FREE, 1, 1), keys));
        return problems;
    }
}
