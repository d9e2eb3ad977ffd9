package io.cdnpurge.edgecast;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.edgecast.internal.EdgecastBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientBuilder;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.PurgeEngine;

import java.util.Objects;

/**
 * An Edgecast client, for code that knows its CDN. Thread-safe; share one per account.
 *
 * <pre>{@code
 * try (EdgecastPurgeClient cdn = EdgecastPurgeClient.builder()
 *         .apiToken(System.getenv("EDGECAST_API_TOKEN"))
 *         .accountNumber("C16C")
 *         .build()) {
 *     PurgeResult sent = cdn.purge(PurgeRequest.builder().url("https://cdn.example.com/a.css").build());
 *     cdn.awaitCompletion(sent, Duration.ofMinutes(10));
 * }
 * }</pre>
 *
 * <p>Edgecast has one kind of purge: {@link io.cdnpurge.PurgeMode#INVALIDATE} and
 * {@link io.cdnpurge.PurgeMode#DELETE} both send it. {@link io.cdnpurge.PurgeAction#PREFETCH} loads (pre-warms) files
 * instead. Purges are asynchronous: results are {@code IN_PROGRESS} until Edgecast's status says complete.
 */
public final class EdgecastPurgeClient extends ForwardingPurgeClient {
    private EdgecastPurgeClient(PurgeClient engine) {
        super(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client of settings read against {@link EdgecastConfig#SCHEMA} (which checked them). */
    static EdgecastPurgeClient create(ClientSettings settings, ClientOptions options) {
        Objects.requireNonNull(settings, "settings cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        EdgecastBackend backend = new EdgecastBackend(settings.get(EdgecastConfig.API_TOKEN),
                settings.get(EdgecastConfig.ACCOUNT_NUMBER), HttpSettings.of(settings, EdgecastConfig.DEFAULT_ENDPOINT),
                settings.get(EdgecastConfig.PLATFORM_KEY), settings.get(EdgecastConfig.PLATFORMS),
                settings.get(EdgecastConfig.WIDE_TARGETS), settings.get(EdgecastConfig.HOSTS),
                settings.get(EdgecastConfig.MAX_OUTSTANDING_KEY), options.clock());
        return new EdgecastPurgeClient(PurgeEngine.client(backend, settings, options));
    }

    /**
     * Builds an {@link EdgecastPurgeClient}. Values set here win over the same keys of {@link #config}. Not
     * thread-safe.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private Builder() {
            super(EdgecastPurgeProvider.ID);
        }

        /** The MCC web service REST API token. */
        public Builder apiToken(String apiToken) {
            return put("apiToken", Objects.requireNonNull(apiToken, "apiToken cannot be null"));
        }

        /** The customer account number, such as {@code C16C}. */
        public Builder accountNumber(String accountNumber) {
            return put("accountNumber", Objects.requireNonNull(accountNumber, "accountNumber cannot be null"));
        }

        /** The platform of every host not given one of its own (default HTTP Large). */
        public Builder platform(EdgecastPlatform platform) {
            return put("platform", Objects.requireNonNull(platform, "platform cannot be null").toString());
        }

        /** The platform of a host and its subdomains. */
        public Builder platform(String host, EdgecastPlatform platform) {
            return putEntry("platforms", host, Objects.requireNonNull(platform, "platform cannot be null")
                    .toString());
        }

        /** Allows {@code host()} and {@code everything()} targets, purged as {@code http://<host>/*}. */
        public Builder wideTargets(boolean allowed) {
            return put("wideTargets", String.valueOf(allowed));
        }

        /** @throws InvalidConfigurationException naming every missing or bad setting */
        public EdgecastPurgeClient build() {
            return create(read(new EdgecastPurgeProvider()), options());
        }
    }
}
