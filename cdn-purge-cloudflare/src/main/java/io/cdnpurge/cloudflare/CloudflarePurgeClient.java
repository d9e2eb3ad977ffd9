package io.cdnpurge.cloudflare;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.cloudflare.internal.CloudflareAuth;
import io.cdnpurge.cloudflare.internal.CloudflareBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientBuilder;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.PurgeEngine;

import java.util.Objects;

/**
 * A Cloudflare client, for code that knows its CDN. Thread-safe; share one per account.
 *
 * <pre>{@code
 * try (CloudflarePurgeClient cdn = CloudflarePurgeClient.builder()
 *         .apiToken(System.getenv("CLOUDFLARE_API_TOKEN"))
 *         .zoneId("023e105f4ecef8ad9ca31a8372d0c353")
 *         .build()) {
 *     cdn.purge(PurgeRequest.builder().url("https://www.example.com/").tag("home").build());
 * }
 * }</pre>
 *
 * <p>Cloudflare has one kind of purge: {@link io.cdnpurge.PurgeMode#INVALIDATE} and
 * {@link io.cdnpurge.PurgeMode#DELETE} both send it. Purges complete on acceptance, so results are
 * {@code SUCCEEDED} with Cloudflare's purge id as the vendor reference.
 */
public final class CloudflarePurgeClient extends ForwardingPurgeClient {
    private CloudflarePurgeClient(PurgeClient engine) {
        super(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client of settings read against {@link CloudflareConfig#SCHEMA} (which checked them). */
    static CloudflarePurgeClient create(ClientSettings settings, ClientOptions options) {
        Objects.requireNonNull(settings, "settings cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        CloudflareAuth auth = settings.find(CloudflareConfig.API_TOKEN).map(CloudflareAuth::token)
                .orElseGet(() -> CloudflareAuth.legacy(settings.get(CloudflareConfig.EMAIL),
                        settings.get(CloudflareConfig.GLOBAL_KEY)));
        CloudflarePlan plan = settings.get(CloudflareConfig.PLAN);
        CloudflareBackend backend = new CloudflareBackend(auth,
                HttpSettings.of(settings, CloudflareConfig.DEFAULT_ENDPOINT), plan,
                settings.find(CloudflareConfig.URLS_PER_CALL).orElse(plan.urlsPerCall()),
                settings.get(CloudflareConfig.ITEMS_PER_CALL), settings.get(CloudflareConfig.ZONES),
                settings.get(CloudflareConfig.ZONE_ID), settings.get(CloudflareConfig.ZONE_LOOKUP), options.clock());
        return new CloudflarePurgeClient(PurgeEngine.client(backend, settings, options));
    }

    /**
     * Builds a {@link CloudflarePurgeClient}. Values set here win over the same keys of {@link #config}. Not
     * thread-safe.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private Builder() {
            super(CloudflarePurgeProvider.ID);
        }

        /** An API token with the Zone · Cache Purge permission. */
        public Builder apiToken(String apiToken) {
            return put("apiToken", Objects.requireNonNull(apiToken, "apiToken cannot be null"));
        }

        /** The legacy global API key with its account email (used only without an API token). */
        public Builder legacyKey(String email, String globalKey) {
            put("email", Objects.requireNonNull(email, "email cannot be null"));
            return put("globalKey", Objects.requireNonNull(globalKey, "globalKey cannot be null"));
        }

        /** The default zone: of tags, everything, and hosts without a zone of their own. */
        public Builder zoneId(String zoneId) {
            return put("zoneId", Objects.requireNonNull(zoneId, "zoneId cannot be null"));
        }

        /** The zone of a host name and its subdomains. */
        public Builder zone(String host, String zoneId) {
            return putEntry("zones", host, Objects.requireNonNull(zoneId, "zoneId cannot be null"));
        }

        /** Whether to look zones up by host name with {@code GET /zones?name=} (default true). */
        public Builder zoneLookup(boolean enabled) {
            return put("zoneLookup", String.valueOf(enabled));
        }

        public Builder plan(CloudflarePlan plan) {
            return put("plan", Objects.requireNonNull(plan, "plan cannot be null").toString());
        }

        /** URLs per purge request (1–100, or 1–500 on Enterprise); the plan's default otherwise. */
        public Builder urlsPerCall(int urlsPerCall) {
            return put("urlsPerCall", String.valueOf(urlsPerCall));
        }

        /** @throws InvalidConfigurationException naming every missing or bad setting */
        public CloudflarePurgeClient build() {
            return create(read(new CloudflarePurgeProvider()), options());
        }
    }
}
