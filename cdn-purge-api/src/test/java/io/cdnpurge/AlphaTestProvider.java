package io.cdnpurge;

import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.spi.PurgeProvider;

/** A provider registered in this module's test {@code META-INF/services}, backed by a {@link ScriptedBackend}. */
public final class AlphaTestProvider implements PurgeProvider {
    @Override
    public String id() {
        return "alpha";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return ScriptedBackend.allKinds(BatchLimit.items(30)).build();
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return PurgeEngine.client(new ScriptedBackend(id()).capabilities(capabilities()), settings, options);
    }
}
