package io.cdnpurge.highwinds;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.highwinds.internal.HighwindsBackend;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.PurgeProvider;

/** The {@code highwinds} provider, found by {@link java.util.ServiceLoader}. */
public final class HighwindsPurgeProvider implements PurgeProvider {
    public static final String ID = "highwinds";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PurgeCapabilities capabilities() {
        return HighwindsBackend.capabilities(HighwindsConfig.MAX_URLS_PER_CALL);
    }

    /** The Highwinds keys ({@link HighwindsConfig}) and the HTTP keys. */
    @Override
    public ConfigSchema schema() {
        return HighwindsConfig.SCHEMA;
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return HighwindsPurgeClient.create(settings, options);
    }
}
