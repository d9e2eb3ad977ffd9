package io.cdnpurge.spi;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;

/**
 * A CDN provider, found by {@link java.util.ServiceLoader}. Register an implementation both with
 * {@code provides io.cdnpurge.spi.PurgeProvider with …} in {@code module-info.java} and in
 * {@code META-INF/services/io.cdnpurge.spi.PurgeProvider}.
 *
 * <p>Implementations have a public no-argument constructor that does no I/O. Vendor knowledge lives in a
 * {@link PurgeBackend}; {@link #create} usually returns {@code PurgeEngine.client(backend, config, options)}.
 *
 * <pre>{@code
 * public final class AcmePurgeProvider implements PurgeProvider {
 *     public String id() { return "acme"; }
 *     public PurgeCapabilities capabilities() { return AcmeBackend.CAPABILITIES; }
 *     public PurgeClient create(PurgeConfig config, ClientOptions options) {
 *         return PurgeEngine.client(new AcmeBackend(config), config, options);
 *     }
 * }
 * }</pre>
 */
public interface PurgeProvider {

    /** The provider id: lower case, e.g. {@code cloudflare}. Configuration keys start with it. */
    String id();

    /** The capabilities with default configuration (plan-specific limits may differ per client). */
    PurgeCapabilities capabilities();

    /**
     * Creates a client.
     *
     * @throws io.cdnpurge.InvalidConfigurationException naming every missing or bad key at once
     */
    PurgeClient create(PurgeConfig config, ClientOptions options);

    /** Creates a client with {@link ClientOptions#defaults()}. */
    default PurgeClient create(PurgeConfig config) {
        return create(config, ClientOptions.defaults());
    }
}
