package io.cdnpurge.fastly;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.fastly.internal.FastlyBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.PurgeEngine;

import java.util.Set;

/** The keys a {@code fastly.} config may hold: Fastly's own, the HTTP keys and the engine's (its buckets included). */
final class KnownKeys {
    private static final Set<String> KEYS = Set.of(
            "apiToken", "serviceId", "services", "keysPerCall");
    /** The bucket names are the same whatever the limits, so any capabilities of the provider will do. */
    private static final PurgeCapabilities CAPABILITIES = FastlyBackend.capabilities(256);

    private KnownKeys() {
    }

    static boolean isKnown(String key) {
        return KEYS.contains(key) || HttpSettings.KEYS.contains(key) || PurgeEngine.isEngineKey(key, CAPABILITIES);
    }
}
