package io.cdnpurge.edgecast;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.edgecast.internal.EdgecastBackend;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.PurgeProvider;

/** The {@code edgecast} provider, found by {@link java.util.ServiceLoader}. */
public final class EdgecastPurgeProvider implements PurgeProvider {
    public static final String ID = "edgecast";

    @Override
    public String id() {
        return ID;
    }

    /** The capabilities with the default outstanding limit (50). */
    @Override
    public PurgeCapabilities capabilities() {
        return EdgecastBackend.capabilities(EdgecastConfig.MAX_OUTSTANDING);
    }

    /** The Edgecast keys ({@link EdgecastConfig}) and the HTTP keys. */
    @Override
    public ConfigSchema schema() {
        return EdgecastConfig.SCHEMA;
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return EdgecastPurgeClient.create(settings, options);
    }
}
