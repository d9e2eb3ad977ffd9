package io.cdnpurge.fastly;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.fastly.internal.FastlyBackend;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.PurgeProvider;

/** The {@code fastly} provider, found by {@link java.util.ServiceLoader}. */
public final class FastlyPurgeProvider implements PurgeProvider {
    public static final String ID = "fastly";

    @Override
    public String id() {
        return ID;
    }

    /** The capabilities with the default of 256 surrogate keys per call; a client's own reflect its config. */
    @Override
    public PurgeCapabilities capabilities() {
        return FastlyBackend.capabilities(FastlyConfig.MAX_KEYS_PER_CALL);
    }

    /** The Fastly keys ({@link FastlyConfig}) and the HTTP keys. */
    @Override
    public ConfigSchema schema() {
        return FastlyConfig.SCHEMA;
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return FastlyPurgeClient.create(settings, options);
    }
}
