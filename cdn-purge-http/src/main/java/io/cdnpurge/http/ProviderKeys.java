package io.cdnpurge.http;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.spi.PurgeEngine;

import java.util.List;
import java.util.Set;

/**
 * The keys an HTTP provider reads under its prefix: its own, {@link HttpSettings#KEYS} and the engine's, so that
 * a misspelt key is reported instead of silently doing nothing.
 *
 * <pre>{@code
 * problems.addAll(ProviderKeys.unknown("fastly", List.of("apiToken", "serviceId"), capabilities, config.keys()));
 * }</pre>
 */
public final class ProviderKeys {
    private ProviderKeys() {
    }

    /**
     * One sentence for every key under {@code <providerId>.} that nothing reads.
     *
     * @param ownKeys      the provider's own keys without the prefix, in the order to list them
     * @param capabilities any capabilities of the provider: they name its rate-limit buckets
     * @param keys         every key of the config
     */
    public static List<String> unknown(String providerId, List<String> ownKeys, PurgeCapabilities capabilities,
                                       Set<String> keys) {
        return PurgeEngine.unknownKeys(providerId, ownKeys, HttpSettings.KEYS, capabilities, keys);
    }
}
