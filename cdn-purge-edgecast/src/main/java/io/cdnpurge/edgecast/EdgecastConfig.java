package io.cdnpurge.edgecast;

import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;

import java.util.List;
import java.util.Map;

/**
 * The Edgecast keys, declared once: {@link EdgecastPurgeProvider#schema()} is what the engine reads a client's
 * configuration against, and the key tables of the documentation are checked against it. Keys are
 * {@code <client>.<key>} ({@code edgecast.apiToken}, or {@code <name>.apiToken} with {@code <name>.provider=edgecast}),
 * plus the engine and HTTP keys every provider has, listed in the README.
 */
public final class EdgecastConfig {
    /** The default API base URL; the account number follows it. */
    public static final String DEFAULT_ENDPOINT = "https://api.edgecast.com/v2/mcc/customers";
    /** Edgecast's default limit of purge and load requests outstanding per account (each bulk element counts). */
    public static final int MAX_OUTSTANDING = 50;
    private static final String PLATFORM = "http-large|http-small|adn|flash";

    public static final ConfigKey<String> API_TOKEN = ConfigKey.secret("apiToken").environment("EDGECAST_API_TOKEN")
            .doc("the MCC web service REST API token (`Authorization: TOK:<token>`)");
    public static final ConfigKey<String> ACCOUNT_NUMBER = ConfigKey.string("accountNumber")
            .matching("[0-9A-Fa-f]{4,8}", "an Edgecast account number: 4 to 8 hexadecimal digits, such as C16C, as "
                    + "the MCC shows it at the top right")
            .doc("the customer account number, in the path of every request");
    public static final ConfigKey<EdgecastPlatform> PLATFORM_KEY = ConfigKey.choice("platform",
            EdgecastPlatform.class, EdgecastPlatform.HTTP_LARGE).doc("the platform (`MediaType`) of every host not in "
            + "`platforms`");
    public static final ConfigKey<Map<String, String>> PLATFORMS = ConfigKey.hostMap("platforms")
            .matching(PLATFORM, "a platform: http-large, http-small, adn or flash")
            .doc("`host=platform,…` for hosts on another platform; a name covers its subdomains");
    public static final ConfigKey<Boolean> WIDE_TARGETS = ConfigKey.bool("wideTargets", false)
            .doc("allow `host()` and `everything()`, sent as the recursive purge `http://<host>/*`");
    public static final ConfigKey<List<String>> HOSTS = ConfigKey.list("hosts")
            .matching("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*", "a host name such as "
                    + "cdn.example.com")
            .doc("the CDN hosts `everything()` purges (with `wideTargets`)");
    public static final ConfigKey<Integer> MAX_OUTSTANDING_KEY = ConfigKey.integer("maxOutstanding", MAX_OUTSTANDING,
            1, 1_000).rangeReason("(Edgecast's default is 50 per account; raise it only if Edgecast raised yours)")
            .doc("purge and load requests outstanding at once per account, every bulk element counted; also the "
                    + "largest bulk purge");

    /** The Edgecast keys, the HTTP keys and the checks across them. */
    public static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .keys(List.of(API_TOKEN, ACCOUNT_NUMBER, PLATFORM_KEY, PLATFORMS, WIDE_TARGETS, HOSTS,
                    MAX_OUTSTANDING_KEY))
            .include(HttpSettings.schema(DEFAULT_ENDPOINT))
            .check(EdgecastConfig::check)
            .build();

    private EdgecastConfig() {
    }

    private static void check(ClientSettings settings, List<String> problems) {
        if (!settings.isGiven(API_TOKEN)) {
            problems.add("no Edgecast token: set " + settings.howToSet(API_TOKEN) + " to the web service REST API "
                    + "token of the MCC (My Settings, REST API Token)");
        }
        if (!settings.isGiven(ACCOUNT_NUMBER)) {
            problems.add("no Edgecast account: set " + settings.fullKey(ACCOUNT_NUMBER) + " to the customer account "
                    + "number, such as C16C");
        }
        if (!settings.get(HOSTS).isEmpty() && !settings.get(WIDE_TARGETS)) {
            problems.add(settings.fullKey(HOSTS) + " takes effect only with " + settings.fullKey(WIDE_TARGETS)
                    + "=true, which allows everything() to purge them: enable wide targets or remove the hosts");
        }
    }
}
