package io.cdnpurge;

import io.cdnpurge.internal.ProviderRegistry;
import io.cdnpurge.spi.PurgeProvider;

import java.util.Objects;
import java.util.Set;

/**
 * The entry point: finds providers with {@link java.util.ServiceLoader} and creates clients by provider id.
 *
 * <pre>{@code
 * try (PurgeClient cdn = CdnPurge.client("cloudflare", PurgeConfig.fromEnvironment())) {
 *     cdn.purge(PurgeRequest.builder().tag("article-42").build());
 * }
 * }</pre>
 *
 * <p>Discovery is loud and deterministic: an unknown id fails listing the known ids, two providers with one id
 * fail naming both classes, and a provider that fails to load is named in the error and logged.
 */
public final class CdnPurge {
    private CdnPurge() {
    }

    /** The ids of the providers on the class path or module path, sorted. */
    public static Set<String> providers() {
        return ProviderRegistry.load().ids();
    }

    /** The provider with this id. */
    public static PurgeProvider provider(String id) {
        Objects.requireNonNull(id, "id cannot be null");
        return ProviderRegistry.load().provider(id);
    }

    /** A client of the provider with this id, with default options (system clock, SLF4J logging). */
    public static PurgeClient client(String id, PurgeConfig config) {
        return client(id, config, ClientOptions.defaults());
    }

    /** A client of the provider with this id. */
    public static PurgeClient client(String id, PurgeConfig config, ClientOptions options) {
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        return provider(id).create(config, options);
    }
}
