package io.cdnpurge.spi;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.internal.EngineClient;
import io.cdnpurge.internal.EngineSettings;

/**
 * Turns a {@link PurgeBackend} into a {@link PurgeClient}: validation, planning, batching, rate limiting, retries,
 * concurrency, completion and events, the same for every provider.
 *
 * <pre>{@code
 * public PurgeClient create(ClientSettings settings, ClientOptions options) {
 *     return PurgeEngine.client(new AcmeBackend(settings), settings, options);
 * }
 * }</pre>
 *
 * <p>The engine's keys ({@code <name>.maxAttempts}, {@code .concurrency}, {@code .deadline}, {@code .retry.*},
 * {@code .rateLimit.*}, {@code .completion.*}, {@code .circuitBreaker.*}) are part of every client's schema
 * ({@link ClientSettings#read}); the README lists them with their defaults.
 */
public final class PurgeEngine {
    private PurgeEngine() {
    }

    /** The engine's keys for a provider with these capabilities (its rate limits name some of them). */
    public static ConfigSchema schema(PurgeCapabilities capabilities) {
        return EngineSettings.schema(capabilities.rateLimits());
    }

    /** A client of settings read with {@link ClientSettings#read}; its secrets are redacted wherever they could show. */
    public static PurgeClient client(PurgeBackend backend, ClientSettings settings, ClientOptions options) {
        return new EngineClient(backend, settings, options);
    }

    /**
     * A client named by the backend's provider id, reading the engine's keys of a configuration and no others (its
     * provider has read its own).
     *
     * @throws io.cdnpurge.InvalidConfigurationException naming every bad engine key
     */
    public static PurgeClient client(PurgeBackend backend, PurgeConfig config, ClientOptions options) {
        return new EngineClient(backend, config, options);
    }
}
