package io.cdnpurge.highwinds;

import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;

import java.util.List;

/**
 * The Highwinds keys, declared once: {@link HighwindsPurgeProvider#schema()} is what the engine reads a client's
 * configuration against, and the key tables of the documentation are checked against it. Keys are
 * {@code <client>.<key>}, plus the engine and HTTP keys every provider has, listed in the README; the rate limit is
 * the sliding window {@code urls} ({@code rateLimit.urls.permits}, {@code .window}).
 */
public final class HighwindsConfig {
    /** The default API base URL. */
    public static final String DEFAULT_ENDPOINT = "https://striketracker.highwinds.com";
    /** URLs per purge request: Highwinds's limit is 100 URLs a minute per account. */
    public static final int MAX_URLS_PER_CALL = 100;

    public static final ConfigKey<String> API_TOKEN = ConfigKey.secret("apiToken")
            .environment("HIGHWINDS_API_TOKEN")
            .doc("an API token of StrikeTracker (profile, User Access), sent as `Authorization: Bearer`");
    public static final ConfigKey<String> USERNAME = ConfigKey.string("username")
            .doc("a StrikeTracker user, whose password is exchanged for a token at `POST /auth/token` (without "
                    + "`apiToken`)");
    public static final ConfigKey<String> PASSWORD = ConfigKey.secret("password").doc("that user's password");
    public static final ConfigKey<String> ACCOUNT_HASH = ConfigKey.string("accountHash")
            .matching("[A-Za-z0-9]{8}", "a Highwinds account hash: 8 letters and digits, such as a1b2c3d4")
            .defaultText("the user's, from `GET /api/v1/users/me`").doc("the account purged");
    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.string("applicationId", "cdn-purge")
            .matching("[A-Za-z0-9._-]{1,64}", "letters, digits, '.', '_' or '-', at most 64")
            .doc("sent as `X-Application-Id`, so Highwinds support can find this client's requests");
    public static final ConfigKey<Boolean> PURGE_ALL_DYNAMIC = ConfigKey.bool("purgeAllDynamic", true)
            .doc("purge an object's dynamic variants too (Highwinds does not, without it)");
    public static final ConfigKey<HighwindsScheme> SCHEME = ConfigKey.choice("scheme", HighwindsScheme.class,
            HighwindsScheme.BOTH).doc("`both`: purge `//host/path`, http and https; `as-given`: the URL's own scheme");
    public static final ConfigKey<Integer> URLS_PER_CALL = ConfigKey.integer("urlsPerCall", MAX_URLS_PER_CALL, 1,
            MAX_URLS_PER_CALL).rangeReason("(no more fits Highwinds's 100 URLs a minute)")
            .doc("URLs, directories or hosts per purge request");

    /** The Highwinds keys, the HTTP keys and the checks across them. */
    public static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .keys(List.of(API_TOKEN, USERNAME, PASSWORD, ACCOUNT_HASH, APPLICATION_ID, PURGE_ALL_DYNAMIC, SCHEME,
                    URLS_PER_CALL))
            .include(HttpSettings.schema(DEFAULT_ENDPOINT))
            .check(HighwindsConfig::check)
            .build();

    private HighwindsConfig() {
    }

    private static void check(ClientSettings settings, List<String> problems) {
        boolean token = settings.isGiven(API_TOKEN);
        boolean user = settings.isGiven(USERNAME);
        boolean password = settings.isGiven(PASSWORD);
        if (!token && !(user && password)) {
            problems.add("no Highwinds credential: set " + settings.howToSet(API_TOKEN) + " to a StrikeTracker API "
                    + "token, or " + settings.fullKey(USERNAME) + " with " + settings.fullKey(PASSWORD));
        } else if (token && (user || password)) {
            problems.add(settings.fullKey(API_TOKEN) + " is set together with " + settings.fullKey(USERNAME) + "/"
                    + settings.fullKey(PASSWORD) + ": use one of a token or a user's password");
        }
    }
}
