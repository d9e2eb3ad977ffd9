package io.cdnpurge.akamai;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.akamai.internal.AkamaiBackend;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.PurgeProvider;

/** The {@code akamai} provider (Fast Purge v3), found by {@link java.util.ServiceLoader}. */
public final class AkamaiPurgeProvider implements PurgeProvider {
    public static final String ID = "akamai";

    @Override
    public String id() {
        return ID;
    }

    /** URLs, CP codes and cache tags, with Akamai's default buckets and 50,000-byte bodies. */
    @Override
    public PurgeCapabilities capabilities() {
        return AkamaiBackend.capabilities(AkamaiConfig.MAX_BODY_BYTES);
    }

    /** The Akamai keys ({@link AkamaiConfig}) and the HTTP keys. */
    @Override
    public ConfigSchema schema() {
        return AkamaiConfig.SCHEMA;
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return AkamaiPurgeClient.create(settings, options);
    }
}
