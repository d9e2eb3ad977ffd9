package io.cdnpurge.cloudflare;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.cloudflare.internal.CloudflareAuth;
import io.cdnpurge.cloudflare.internal.CloudflareBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.PurgeEngine;

import java.util.LinkedHashMap;
import java.util.Map;
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
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> zones = new LinkedHashMap<>();
        private PurgeConfig base = PurgeConfig.empty();
        private ClientOptions options = ClientOptions.defaults();

        private Builder() {
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
            zones.put(Objects.requireNonNull(host, "host cannot be null"),
                    Objects.requireNonNull(zoneId, "zoneId cannot be null"));
            return this;
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

        /** The API base URL, for fakes and proxies; plain http only to loopback unless allowed. */
        public Builder endpoint(String endpoint) {
            return put("endpoint", Objects.requireNonNull(endpoint, "endpoint cannot be null"));
        }

        /** Other keys (engine settings such as {@code cloudflare.maxAttempts}), under what this builder sets. */
        public Builder config(PurgeConfig config) {
            this.base = Objects.requireNonNull(config, "config cannot be null");
            return this;
        }

        /** Clock, sleeper, listeners and jitter. */
        public Builder options(ClientOptions clientOptions) {
            this.options = Objects.requireNonNull(clientOptions, "options cannot be null");
            return this;
        }

        private Builder put(String key, String value) {
            values.put(CloudflarePurgeProvider.ID + "." + key, value);
            return this;
        }

        /** @throws InvalidConfigurationException naming every missing or bad setting */
        public CloudflarePurgeClient build() {
            Map<String, String> all = new LinkedHashMap<>(values);
            if (!zones.isEmpty()) {
                StringBuilder text = new StringBuilder();
                zones.forEach((host, zone) -> text.append(text.length() == 0 ? "" : ",").append(host).append('=')
                        .append(zone));
                all.put(CloudflarePurgeProvider.ID + ".zones", text.toString());
            }
            return create(ClientSettings.read(CloudflarePurgeProvider.ID, new CloudflarePurgeProvider(),
                    base.with(all)), options);
        }

        @Override
        public String toString() {
            return "CloudflarePurgeClient.Builder" + values.keySet();
        }
    }
}
