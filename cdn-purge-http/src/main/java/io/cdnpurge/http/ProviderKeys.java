package io.cdnpurge.http;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.spi.PurgeEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(providerId, "providerId cannot be null");
        String prefix = providerId + ".";
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String name = key.substring(prefix.length());
            if (!ownKeys.contains(name) && !HttpSettings.KEYS.contains(name)
                    && !PurgeEngine.isEngineKey(name, capabilities)) {
                problems.add("unknown key " + key + ": " + providerId + " reads " + prefix
                        + String.join(", " + prefix, ownKeys) + " and the engine and HTTP keys in the README "
                        + "(keys are case-sensitive)");
            }
        }
        return problems;
    }
}
