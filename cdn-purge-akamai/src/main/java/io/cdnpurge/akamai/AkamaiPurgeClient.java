package io.cdnpurge.akamai;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.akamai.internal.AkamaiBackend;
import io.cdnpurge.akamai.internal.AkamaiCredential;
import io.cdnpurge.akamai.internal.EdgeGridSigning;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.ClientBuilder;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.PurgeEngine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An Akamai Fast Purge client, for code that knows its CDN. Thread-safe; share one per account, since Akamai's
 * rate limits are per account.
 *
 * <pre>{@code
 * try (AkamaiPurgeClient akamai = AkamaiPurgeClient.builder()
 *         .edgercSection("ccu")                 // from ~/.edgerc
 *         .build()) {
 *     PurgeResult result = akamai.purge(PurgeRequest.builder()
 *             .url("https://www.example.com/news/42")
 *             .tag("product-42")
 *             .build());
 * }
 * }</pre>
 *
 * <p>{@link io.cdnpurge.PurgeMode#INVALIDATE} (the default) marks objects stale so the edge revalidates them;
 * {@link io.cdnpurge.PurgeMode#DELETE} evicts them, at the cost of full refetches from the origin. Fast Purge has
 * no status API: outcomes are {@code IN_PROGRESS} with Akamai's estimate (about five seconds), then
 * {@code SUCCEEDED} once it has passed ({@link #status}, {@link #awaitCompletion}).
 */
public final class AkamaiPurgeClient extends ForwardingPurgeClient {
    private AkamaiPurgeClient(PurgeClient engine) {
        super(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client of settings read against {@link AkamaiConfig#SCHEMA} (which checked them and the credential). */
    static AkamaiPurgeClient create(ClientSettings settings, ClientOptions options) {
        Objects.requireNonNull(settings, "settings cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        AkamaiCredential credential = AkamaiConfig.credential(settings);
        // requests go to the credential's host unless the endpoint key says otherwise (fakes, proxies)
        HttpSettings http = HttpSettings.of(settings, "https://" + credential.host());
        boolean allowDebugLog = settings.get(AkamaiConfig.ALLOW_SIGNER_DEBUG_LOG);
        EdgeGridSigning signing = new EdgeGridSigning(credential, options.clock(), allowDebugLog);
        AkamaiBackend backend = new AkamaiBackend(credential, signing, http, settings.get(AkamaiConfig.NETWORK),
                settings.get(AkamaiConfig.ACCOUNT_SWITCH_KEY), settings.get(AkamaiConfig.MAX_BODY_BYTES_KEY),
                options.clock());
        return new AkamaiPurgeClient(PurgeEngine.client(backend, settings, options));
    }

    /**
     * Builds an {@link AkamaiPurgeClient}. Values set here win over the same keys of {@link #config}. Not
     * thread-safe.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private Builder() {
            super(AkamaiPurgeProvider.ID);
        }

        /** The API client's credential, instead of an {@code .edgerc} file. */
        public Builder credential(String host, String clientToken, String clientSecret, String accessToken) {
            put("host", Objects.requireNonNull(host, "host cannot be null"));
            put("clientToken", Objects.requireNonNull(clientToken, "clientToken cannot be null"));
            put("clientSecret", Objects.requireNonNull(clientSecret, "clientSecret cannot be null"));
            return put("accessToken", Objects.requireNonNull(accessToken, "accessToken cannot be null"));
        }

        /** The {@code .edgerc} file to read (default {@code AKAMAI_EDGERC}, else {@code ~/.edgerc}). */
        public Builder edgerc(Path file) {
            return put("edgerc", Objects.requireNonNull(file, "file cannot be null").toString());
        }

        /** The section of the {@code .edgerc} file (default {@code AKAMAI_EDGERC_SECTION}, else {@code default}). */
        public Builder edgercSection(String section) {
            return put("edgercSection", Objects.requireNonNull(section, "section cannot be null"));
        }

        /** Production (the default) or staging. */
        public Builder network(AkamaiNetwork network) {
            return put("network", Objects.requireNonNull(network, "network cannot be null").toString());
        }

        /** Purge for another account, with a multi-account API client. */
        public Builder accountSwitchKey(String accountSwitchKey) {
            return put("accountSwitchKey", Objects.requireNonNull(accountSwitchKey, "accountSwitchKey cannot be null"));
        }

        /** @throws InvalidConfigurationException naming every missing or bad setting */
        public AkamaiPurgeClient build() {
            return create(read(new AkamaiPurgeProvider()), options());
        }
    }
}
