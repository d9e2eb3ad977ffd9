package io.cdnpurge.cloudflare;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.regex.Pattern;

class CloudflareCompatibilityTest extends PurgeProviderCompatibilityKit {
    private static final String TOKEN = "cf-secret-token-0123456789abcdef";
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    private FakeCloudflareApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeCloudflareApi.start().apiToken(TOKEN).zone(ZONE, "example.com");
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected FakeVendorApi fake() {
        return fake;
    }

    /**
     * Cloudflare answers 403 with code 10000 "Authentication error" both for a bad token and for one without the
     * Cache Purge permission, so the provider reports an authentication error that names the permission.
     */
    @Override
    protected Class<? extends PurgeServiceException> forbiddenErrorType() {
        return PurgeAuthenticationException.class;
    }

    @Override
    protected PurgeRequest sampleRequest() {
        return PurgeRequest.builder()
                .url("https://www.example.com/news/42")
                .url("https://www.example.com/news/")
                .build();
    }

    @Override
    protected PurgeTarget batchableTarget(int index) {
        return PurgeTarget.url("https://www.example.com/page/" + index);
    }

    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("POST /client/v4/zones/" + ZONE + "/purge_cache");
    }
}
