package io.cdnpurge.fastly;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.fastly.internal.FastlyBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientBuilder;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.PurgeEngine;

import java.util.Objects;

/**
 * A Fastly client, for code that knows its CDN. Thread-safe; share one per service.
 *
 * <pre>{@code
 * try (FastlyPurgeClient cdn = FastlyPurgeClient.builder()
 *         .apiToken(System.getenv("FASTLY_API_TOKEN"))
 *         .serviceId("SU1Z0isxPaozGVKXdv0eY")
 *         .build()) {
 *     cdn.purge(PurgeRequest.builder().url("https://www.example.com/").tag("home").build());
 * }
 * }</pre>
 *
 * <p>{@link io.cdnpurge.PurgeMode#INVALIDATE} (the default) is Fastly's soft purge: the request carries
 * {@code Fastly-Soft-Purge: 1} and objects are marked stale, so the next request revalidates with the origin.
 * {@link io.cdnpurge.PurgeMode#DELETE} is a hard purge, without that header. Fastly cannot soft-purge a whole service:
 * {@code everything()} needs {@code DELETE} and is refused before any call otherwise.
 *
 * <p>URLs go one per request to {@code POST /purge/{host}{path}}; surrogate keys (tags) up to 256 per request to
 * {@code POST /service/{service_id}/purge} with a JSON body. Tags and everything need a service: set
 * {@code fastly.serviceId}, or map a single service in {@code fastly.services}; use one client per service to
 * purge keys on several. Purges complete in about 150 ms, so results are {@code SUCCEEDED} with Fastly's purge id as
 * the vendor reference.
 */
public final class FastlyPurgeClient extends ForwardingPurgeClient {
    private FastlyPurgeClient(PurgeClient engine) {
        super(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client of settings read against {@link FastlyConfig#SCHEMA} (which checked them). */
    static FastlyPurgeClient create(ClientSettings settings, ClientOptions options) {
        Objects.requireNonNull(settings, "settings cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        FastlyBackend backend = new FastlyBackend(settings.get(FastlyConfig.API_TOKEN),
                HttpSettings.of(settings, FastlyConfig.DEFAULT_ENDPOINT), settings.get(FastlyConfig.KEYS_PER_CALL),
                settings.get(FastlyConfig.SERVICES), settings.get(FastlyConfig.SERVICE_ID_KEY), options.clock());
        return new FastlyPurgeClient(PurgeEngine.client(backend, settings, options));
    }

    /**
     * Builds a {@link FastlyPurgeClient}. Values set here win over the same keys of {@link #config}. Not
     * thread-safe.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private Builder() {
            super(FastlyPurgeProvider.ID);
        }

        /** An API token with the {@code purge_select} scope ({@code purge_all} too for everything). */
        public Builder apiToken(String apiToken) {
            return put("apiToken", Objects.requireNonNull(apiToken, "apiToken cannot be null"));
        }

        /** The service of surrogate-key and everything purges. */
        public Builder serviceId(String serviceId) {
            return put("serviceId", Objects.requireNonNull(serviceId, "serviceId cannot be null"));
        }

        /** The service of a host name and its subdomains. */
        public Builder service(String host, String serviceId) {
            return putEntry("services", host, Objects.requireNonNull(serviceId, "serviceId cannot be null"));
        }

        /** Surrogate keys per purge request, 1–256 (default 256). */
        public Builder keysPerCall(int keysPerCall) {
            return put("keysPerCall", String.valueOf(keysPerCall));
        }

        /** @throws InvalidConfigurationException naming every missing or bad setting */
        public FastlyPurgeClient build() {
            return create(read(new FastlyPurgeProvider()), options());
        }
    }
}
