package io.cdnpurge.spi;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.internal.EngineClient;
import io.cdnpurge.internal.EngineSettings;

import java.util.List;
import java.util.Set;

/**
 * Turns a {@link PurgeBackend} into a {@link PurgeClient}: validation, planning, batching, rate limiting, retries,
 * concurrency, completion and events, the same for every provider.
 *
 * <pre>{@code
 * public PurgeClient create(PurgeConfig config, ClientOptions options) {
 *     return PurgeEngine.client(new AcmeBackend(config), config, options);
 * }
 * }</pre>
 *
 * <p>The engine reads its settings under the backend's provider id: {@code <id>.maxAttempts} (default 5),
 * {@code <id>.concurrency} (4), {@code <id>.deadline} (15m), {@code <id>.retry.initialBackoff} (500ms),
 * {@code <id>.retry.maxBackoff} (30s), {@code <id>.retry.maxRetryAfter} (2m), {@code <id>.rateLimit.enabled}
 * (true), {@code <id>.rateLimit.requestsPerSecond} and {@code <id>.rateLimit.burst} (every request bucket),
 * {@code <id>.rateLimit.<bucket>.permitsPerSecond} and {@code .burst} (one bucket),
 * {@code <id>.rateLimit.<window>.permits} and {@code .window} (one sliding window), {@code <id>.rateLimit.maxWait}
 * (5m), {@code <id>.completion.initialPoll} (1s), {@code <id>.completion.maxPoll} (10s),
 * {@code <id>.circuitBreaker.enabled} (true), {@code <id>.circuitBreaker.failures} (5),
 * {@code <id>.circuitBreaker.delay} (30s).
 */
public final class PurgeEngine {
    private PurgeEngine() {
    }

    /**
     * Whether a key, without its {@code <id>.} prefix, is one the engine reads for a provider with these
     * capabilities: the keys above, and the keys of each of its rate limits. Lets a provider report every other key
     * under its prefix as unknown.
     */
    public static boolean isEngineKey(String key, PurgeCapabilities capabilities) {
        return EngineSettings.isEngineKey(key, capabilities.rateLimits());
    }

    /**
     * One sentence for every key under {@code <providerId>.} that neither the provider nor the engine reads, so that
     * a misspelt key is reported instead of silently doing nothing.
     *
     * @param ownKeys      the provider's own keys without the prefix, in the order to list them
     * @param sharedKeys   keys without the prefix that the provider reads through a shared module (HTTP settings)
     * @param capabilities any capabilities of the provider: they name its rate-limit buckets
     * @param keys         every key of the config
     */
    public static List<String> unknownKeys(String providerId, List<String> ownKeys, Set<String> sharedKeys,
                                           PurgeCapabilities capabilities, Set<String> keys) {
        java.util.Objects.requireNonNull(providerId, "providerId cannot be null");
        String prefix = providerId + ".";
        List<String> problems = new java.util.ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String name = key.substring(prefix.length());
            if (!ownKeys.contains(name) && !sharedKeys.contains(name) && !isEngineKey(name, capabilities)) {
                problems.add("unknown key " + key + ": " + providerId + " reads " + prefix
                        + String.join(", " + prefix, ownKeys) + " and the shared keys in the README "
                        + "(keys are case-sensitive)");
            }
        }
        return problems;
    }

    /**
     * @throws io.cdnpurge.InvalidConfigurationException naming every bad engine key
     */
    public static PurgeClient client(PurgeBackend backend, PurgeConfig config, ClientOptions options) {
        return new EngineClient(backend, config, options);
    }

    /**
     * Every problem with the engine keys of a provider, one sentence each naming the key, so that a provider can
     * report them together with its own before it builds anything.
     */
    public static List<String> configurationProblems(String providerId, PurgeConfig config,
                                                     PurgeCapabilities capabilities) {
        return EngineSettings.problems(providerId, config, capabilities.rateLimits());
    }
}
