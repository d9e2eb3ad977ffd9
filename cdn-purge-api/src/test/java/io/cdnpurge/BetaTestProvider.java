package io.cdnpurge;

import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.spi.PurgeProvider;

/** A second provider registered in this module's test {@code META-INF/services}; it purges tags only. */
public final class BetaTestProvider implements PurgeProvider {
    @Override
    public String id() {
        return "beta";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return PurgeCapabilities.builder().kind(PurgeTarget.Kind.TAG, BatchLimit.items(10)).build();
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return PurgeEngine.client(new ScriptedBackend(id()).capabilities(capabilities()), settings, options);
    }
}
