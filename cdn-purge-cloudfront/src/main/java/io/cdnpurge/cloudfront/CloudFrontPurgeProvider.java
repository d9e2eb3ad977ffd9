package io.cdnpurge.cloudfront;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.cloudfront.internal.CloudFrontBackend;
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
    public PurgeClient create(PurgeConfig config, ClientOptions options) {
        return CloudFrontPurgeClient.create(config, options, null, null);
    }
}
