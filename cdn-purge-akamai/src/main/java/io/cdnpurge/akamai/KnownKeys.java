package io.cdnpurge.akamai;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.akamai.internal.AkamaiBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.PurgeEngine;

import java.util.Set;

/** The keys a {@code akamai.} config may hold: Akamai's own, the HTTP keys and the engine's (its buckets included). */
final class KnownKeys {
    private static final Set<String> KEYS = Set.of(
            "host", "clientToken", "clientSecret", "accessToken", "edgerc", "edgercSection", "network",
            "accountSwitchKey", "maxBodyBytes", "allowSignerDebugLog");
    /** The bucket names are the same whatever the limits, so any capabilities of the provider will do. */
    private static final PurgeCapabilities CAPABILITIES = AkamaiBackend.capabilities(AkamaiConfig.MAX_BODY_BYTES);

    private KnownKeys() {
    }

    static boolean isKnown(String key) {
        return KEYS.contains(key) || HttpSettings.KEYS.contains(key) || PurgeEngine.isEngineKey(key, CAPABILITIES);
    }
}
