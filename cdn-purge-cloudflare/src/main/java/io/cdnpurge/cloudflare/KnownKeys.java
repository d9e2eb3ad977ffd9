package io.cdnpurge.cloudflare;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.cloudflare.internal.CloudflareBackend;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.spi.PurgeEngine;

import java.util.Set;

/** The keys a {@code cloudflare.} config may hold: Cloudflare's own, the HTTP keys and the engine's (its buckets included). */
final class KnownKeys {
    private static final Set<String> KEYS = Set.of(
            "apiToken", "email", "globalKey", "zoneId", "zones", "zoneLookup", "plan", "urlsPerCall", "itemsPerCall");
    /** The bucket names are the same whatever the limits, so any capabilities of the provider will do. */
    private static final PurgeCapabilities CAPABILITIES = CloudflareBackend.capabilities(CloudflarePlan.FREE, 1, 1);

    private KnownKeys() {
    }

    static boolean isKnown(String key) {
        return KEYS.contains(key) || HttpSettings.KEYS.contains(key) || PurgeEngine.isEngineKey(key, CAPABILITIES);
    }
}
