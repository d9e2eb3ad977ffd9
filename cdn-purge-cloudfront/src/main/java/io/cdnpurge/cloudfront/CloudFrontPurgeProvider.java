package io.cdnpurge.cloudfront;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.cloudfront.internal.CloudFrontBackend;
import io.cdnpurge.cloudfront.internal.CloudFrontSettings;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.PurgeProvider;

/** The {@code cloudfront} provider, found by {@link java.util.ServiceLoader}. */
public final class CloudFrontPurgeProvider implements PurgeProvider {
    public static final String ID = "cloudfront";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PurgeCapabilities capabilities() {
        return CloudFrontBackend.defaultCapabilities();
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return CloudFrontPurgeClient.create(settings, options, null, null);
    }

    /** The CloudFront keys and the transport keys. */
    @Override
    public ConfigSchema schema() {
        return CloudFrontSettings.SCHEMA;
    }
}
