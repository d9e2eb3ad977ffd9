package io.cdnpurge.cloudflare;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.cloudflare.internal.CloudflareBackend;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.PurgeProvider;

/** The {@code cloudflare} provider, found by {@link java.util.ServiceLoader}. */
public final class CloudflarePurgeProvider implements PurgeProvider {
    public static final String ID = "cloudflare";

    @Override
    public String id() {
        return ID;
    }

    /** The Free plan's capabilities; a client's own reflect its {@code cloudflare.plan}. */
    @Override
    public PurgeCapabilities capabilities() {
        return CloudflareBackend.capabilities(CloudflarePlan.FREE, CloudflarePlan.FREE.urlsPerCall(),
                CloudflarePlan.ITEMS_PER_CALL);
    }

    /** The Cloudflare keys ({@link CloudflareConfig}) and the HTTP keys. */
    @Override
    public ConfigSchema schema() {
        return CloudflareConfig.SCHEMA;
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return CloudflarePurgeClient.create(settings, options);
    }
}
