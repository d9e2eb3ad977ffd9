package io.cdnpurge.akamai;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.akamai.internal.AkamaiBackend;
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

    @Override
    public PurgeClient create(PurgeConfig config, ClientOptions options) {
        return AkamaiPurgeClient.create(config, options);
    }
}
