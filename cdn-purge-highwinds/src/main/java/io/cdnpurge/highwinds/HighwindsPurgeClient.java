package io.cdnpurge.highwinds;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.highwinds.internal.HighwindsBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientBuilder;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.PurgeEngine;

import java.util.Objects;

/**
 * A Highwinds (StrikeTracker) client, for code that knows its CDN. Thread-safe; share one per account, so that its
 * pacing sees every purge of the account.
 *
 * <pre>{@code
 * try (HighwindsPurgeClient cdn = HighwindsPurgeClient.builder()
 *         .apiToken(System.getenv("HIGHWINDS_API_TOKEN"))
 *         .accountHash("a1b2c3d4")
 *         .build()) {
 *     cdn.purge(PurgeRequest.builder().url("https://cdn.example.com/a.css").prefix("https://cdn.example.com/img/")
 *             .build());
 * }
 * }</pre>
 *
 * <p>{@link io.cdnpurge.PurgeMode#INVALIDATE} sends {@code invalidateOnly: true} (objects are revalidated),
 * {@link io.cdnpurge.PurgeMode#DELETE} removes them. Purges are asynchronous: results are {@code IN_PROGRESS} until
 * the job's {@code progress} reaches 1.
 */
public final class HighwindsPurgeClient extends ForwardingPurgeClient {
    private HighwindsPurgeClient(PurgeClient engine) {
        super(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client of settings read against {@link HighwindsConfig#SCHEMA} (which checked them). */
    static HighwindsPurgeClient create(ClientSettings settings, ClientOptions options) {
        Objects.requireNonNull(settings, "settings cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        HighwindsBackend backend = new HighwindsBackend(settings.get(HighwindsConfig.API_TOKEN),
                settings.get(HighwindsConfig.USERNAME), settings.get(HighwindsConfig.PASSWORD),
                settings.get(HighwindsConfig.ACCOUNT_HASH), settings.get(HighwindsConfig.APPLICATION_ID),
                settings.get(HighwindsConfig.PURGE_ALL_DYNAMIC), settings.get(HighwindsConfig.SCHEME),
                settings.get(HighwindsConfig.URLS_PER_CALL),
                HttpSettings.of(settings, HighwindsConfig.DEFAULT_ENDPOINT), options.clock());
        return new HighwindsPurgeClient(PurgeEngine.client(backend, settings, options));
    }

    /**
     * Builds a {@link HighwindsPurgeClient}. Values set here win over the same keys of {@link #config}. Not
     * thread-safe.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private Builder() {
            super(HighwindsPurgeProvider.ID);
        }

        /** A StrikeTracker API token. */
        public Builder apiToken(String apiToken) {
            return put("apiToken", Objects.requireNonNull(apiToken, "apiToken cannot be null"));
        }

        /** A user and password, exchanged for a token (minted again when it expires) instead of an API token. */
        public Builder password(String username, String password) {
            put("username", Objects.requireNonNull(username, "username cannot be null"));
            return put("password", Objects.requireNonNull(password, "password cannot be null"));
        }

        /** The account purged; the user's own unless set. */
        public Builder accountHash(String accountHash) {
            return put("accountHash", Objects.requireNonNull(accountHash, "accountHash cannot be null"));
        }

        /** Whether to purge objects' dynamic variants too (default true). */
        public Builder purgeAllDynamic(boolean all) {
            return put("purgeAllDynamic", String.valueOf(all));
        }

        /** Which protocol's objects a purge reaches (default both). */
        public Builder scheme(HighwindsScheme scheme) {
            return put("scheme", Objects.requireNonNull(scheme, "scheme cannot be null").toString());
        }

        /** @throws InvalidConfigurationException naming every missing or bad setting */
        public HighwindsPurgeClient build() {
            return create(read(new HighwindsPurgeProvider()), options());
        }
    }
}
