package io.cdnpurge.cloudflare;

import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;

import java.util.List;
import java.util.Map;

/**
 * The Cloudflare keys, declared once: {@link CloudflarePurgeProvider#schema()} is what the engine reads a client's
 * configuration against, and the key tables of the documentation are checked against it. Keys are
 * {@code <client>.<key>}: {@code cloudflare.apiToken}, or {@code shop.apiToken} for a client named {@code shop}
 * with {@code shop.provider=cloudflare}. Plus the engine and HTTP keys every provider has
 * ({@code .maxAttempts}, {@code .timeout}, {@code .endpoint}, {@code .rateLimit.*}, …), listed in the README.
 */
public final class CloudflareConfig {
    /** The default API base URL. */
    public static final String DEFAULT_ENDPOINT = "https://api.cloudflare.com/client/v4";
    /** What a zone id looks like: Cloudflare identifiers are at most 32 characters, in practice 32 hex digits. */
    public static final String ZONE_ID_PATTERN = "[A-Za-z0-9]{1,32}";
    private static final String ZONE_ID_IS = "a zone id: 32 letters and digits, as the zone's Overview page shows "
            + "it (not the zone's name)";

    public static final ConfigKey<String> API_TOKEN = ConfigKey.secret("apiToken")
            .environment("CLOUDFLARE_API_TOKEN")
            .doc("API token with the Zone · Cache Purge permission (`Authorization: Bearer`)");
    public static final ConfigKey<String> EMAIL = ConfigKey.string("email").environment("CLOUDFLARE_EMAIL")
            .matching("[^\\s@]+@[^\\s@]+", "an email address")
            .doc("account email of the legacy global API key; used only when no token is set");
    public static final ConfigKey<String> GLOBAL_KEY = ConfigKey.secret("globalKey")
            .environment("CLOUDFLARE_API_KEY").doc("legacy global API key; used only when no token is set");
    public static final ConfigKey<String> ZONE_ID = ConfigKey.string("zoneId").matching(ZONE_ID_PATTERN, ZONE_ID_IS)
            .doc("zone of tag and everything purges, and of hosts not in `zones`");
    public static final ConfigKey<Map<String, String>> ZONES = ConfigKey.hostMap("zones")
            .matching(ZONE_ID_PATTERN, ZONE_ID_IS).doc("`host=zoneId,…`; a name covers its subdomains");
    public static final ConfigKey<Boolean> ZONE_LOOKUP = ConfigKey.bool("zoneLookup", true)
            .doc("find other hosts' zones with `GET /zones?name=`, once per host");
    public static final ConfigKey<CloudflarePlan> PLAN = ConfigKey.choice("plan", CloudflarePlan.class,
            CloudflarePlan.FREE).doc("the account's plan: sets the defaults and limits below");
    public static final ConfigKey<Integer> URLS_PER_CALL = ConfigKey.integer("urlsPerCall", 1,
            CloudflarePlan.ENTERPRISE.maxUrlsPerCall()).defaultText("30 (500 on enterprise)")
            .doc("URLs per request; at most 100 below enterprise");
    public static final ConfigKey<Integer> ITEMS_PER_CALL = ConfigKey.integer("itemsPerCall",
            CloudflarePlan.ITEMS_PER_CALL, 1, CloudflarePlan.ITEMS_PER_CALL)
            .rangeReason("(Cloudflare's limit per request)").doc("tags, hosts or prefixes per request");

    /** The Cloudflare keys, the HTTP keys and the checks across them. */
    public static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .keys(List.of(API_TOKEN, EMAIL, GLOBAL_KEY, ZONE_ID, ZONES, ZONE_LOOKUP, PLAN, URLS_PER_CALL,
                    ITEMS_PER_CALL))
            .include(HttpSettings.schema(DEFAULT_ENDPOINT))
            .check(CloudflareConfig::check)
            .build();

    private CloudflareConfig() {
    }

    private static void check(ClientSettings settings, List<String> problems) {
        if (!settings.isGiven(API_TOKEN) && !(settings.isGiven(EMAIL) && settings.isGiven(GLOBAL_KEY))) {
            problems.add("no Cloudflare credential: set " + settings.howToSet(API_TOKEN) + " to an API token with "
                    + "the Zone · Cache Purge permission, or " + settings.howToSet(EMAIL) + " with "
                    + settings.howToSet(GLOBAL_KEY) + " for the legacy global API key");
        }
        CloudflarePlan plan = settings.get(PLAN);
        Integer urls = settings.find(URLS_PER_CALL).orElse(null);
        if (urls != null && urls > plan.maxUrlsPerCall()) {
            problems.add(settings.fullKey(URLS_PER_CALL) + " is " + urls + ": use a whole number from 1 to "
                    + plan.maxUrlsPerCall() + " (Cloudflare's limit on the " + plan + " plan; "
                    + CloudflarePlan.ENTERPRISE.maxUrlsPerCall() + " on enterprise)");
        }
    }
}
