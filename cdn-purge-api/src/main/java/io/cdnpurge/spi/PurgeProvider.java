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
 * <p>Implementations have a public no-argument constructor that does no I/O. A provider declares its keys once
 * ({@link #schema}); the engine reads a client's configuration against them and its own in one pass and hands the
 * provider the values ({@link ClientSettings}). Vendor knowledge lives in a {@link PurgeBackend}; {@link #create}
 * usually returns {@code PurgeEngine.client(backend, settings, options)}.
 *
 * <pre>{@code
 * public final class AcmePurgeProvider implements PurgeProvider {
 *     static final ConfigKey<String> API_TOKEN = ConfigKey.secret("apiToken").environment("ACME_API_TOKEN")
 *             .doc("API token with the purge permission");
 *     public String id() { return "acme"; }
 *     public PurgeCapabilities capabilities() { return AcmeBackend.CAPABILITIES; }
 *     public ConfigSchema schema() { return ConfigSchema.builder().key(API_TOKEN).build(); }
 *     public PurgeClient create(ClientSettings settings, ClientOptions options) {
 *         return PurgeEngine.client(new AcmeBackend(settings.get(API_TOKEN)), settings, options);
 *     }
 * }
 * }</pre>
 */
public interface PurgeProvider {

    /** The provider id: lower case, e.g. {@code cloudflare}. Configuration keys start with it. */
    String id();

    /** The capabilities with default configuration (plan-specific limits may differ per client). */
    PurgeCapabilities capabilities();

    /** The provider's own keys (the engine adds its keys to them); none unless overridden. */
    default ConfigSchema schema() {
        return ConfigSchema.empty();
    }

    /**
     * Creates a client of settings read with {@link ClientSettings#read} against {@link #schema}.
     *
     * @throws io.cdnpurge.InvalidConfigurationException naming every problem the schema cannot see (a credentials
     *                                                   file, say) at once
     */
    PurgeClient create(ClientSettings settings, ClientOptions options);

    /**
     * Creates the client named by this provider's id ({@code <id>.*} keys).
     *
     * @throws io.cdnpurge.InvalidConfigurationException naming every missing or bad key at once
     */
    default PurgeClient create(PurgeConfig config, ClientOptions options) {
        return create(ClientSettings.read(id(), this, config), options);
    }

    /** Creates a client with {@link ClientOptions#defaults()}. */
    default PurgeClient create(PurgeConfig config) {
        return create(config, ClientOptions.defaults());
    }
}
