package io.cdnpurge.fastly;

import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;

import java.util.List;
import java.util.Map;

/**
 * The Fastly keys, declared once: {@link FastlyPurgeProvider#schema()} is what the engine reads a client's
 * configuration against, and the key tables of the documentation are checked against it. Keys are
 * {@code <client>.<key>} ({@code fastly.apiToken}, or {@code <name>.apiToken} with {@code <name>.provider=fastly}),
 * plus the engine and HTTP keys every provider has, listed in the README.
 */
public final class FastlyConfig {
    /** The default API base URL. */
    public static final String DEFAULT_ENDPOINT = "https://api.fastly.com";
    /** Fastly's limit of surrogate keys in one bulk purge request. */
    public static final int MAX_KEYS_PER_CALL = 256;
    private static final String SERVICE_ID = "[A-Za-z0-9_-]+";
    private static final String SERVICE_ID_IS = "a Fastly service id: the service's alphanumeric id, such as "
            + "SU1Z0isxPaozGVKXdv0eY, not its name or domain";

    public static final ConfigKey<String> API_TOKEN = ConfigKey.secret("apiToken").environment("FASTLY_API_TOKEN")
            .doc("API token (`Fastly-Key`) with the `purge_select` scope for URLs and keys, `purge_all` for "
                    + "everything");
    public static final ConfigKey<String> SERVICE_ID_KEY = ConfigKey.string("serviceId")
            .matching(SERVICE_ID, SERVICE_ID_IS).doc("the service of surrogate-key and everything purges");
    public static final ConfigKey<Map<String, String>> SERVICES = ConfigKey.hostMap("services")
            .matching(SERVICE_ID, SERVICE_ID_IS)
            .doc("`host=serviceId,…`; a name covers its subdomains; with one service and no `serviceId`, that "
                    + "service takes key and everything purges");
    public static final ConfigKey<Integer> KEYS_PER_CALL = ConfigKey.integer("keysPerCall", MAX_KEYS_PER_CALL, 1,
            MAX_KEYS_PER_CALL).rangeReason("(Fastly's limit of surrogate keys per purge request)")
            .doc("surrogate keys per request");

    /** The Fastly keys, the HTTP keys and the checks across them. */
    public static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .keys(List.of(API_TOKEN, SERVICE_ID_KEY, SERVICES, KEYS_PER_CALL))
            .include(HttpSettings.schema(DEFAULT_ENDPOINT))
            .check((settings, problems) -> {
                if (!settings.isGiven(API_TOKEN)) {
                    problems.add("no Fastly API token: set " + settings.howToSet(API_TOKEN) + " to an API token "
                            + "with the purge_select scope (purge_all as well to purge everything)");
                }
            })
            .build();

    private FastlyConfig() {
    }
}
