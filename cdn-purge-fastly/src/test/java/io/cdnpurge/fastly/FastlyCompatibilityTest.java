package io.cdnpurge.fastly;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.regex.Pattern;

class FastlyCompatibilityTest extends PurgeProviderCompatibilityKit {
    private static final String TOKEN = "fastly-secret-token-0123456789abcdef";
    private static final String SERVICE = "SU1Z0isxPaozGVKXdv0eY";

    private FakeFastlyApi fake;

    @BeforeEach
    void startFake() {
        // the kit runs on the fake's clock: a throttle's Fastly-RateLimit-Reset is then exactly the wait asked for
        fake = FakeFastlyApi.start().apiToken(TOKEN, "purge_select").service(SERVICE, "www.example.com");
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
     * Two surrogate keys: the kit needs a request that fits in one call, and Fastly takes one URL per call but up to
     * 256 keys.
     */
    @Override
    protected PurgeRequest sampleRequest() {
        return PurgeRequest.builder().tag("article-42").tag("front-page").build();
    }

    @Override
    protected PurgeTarget batchableTarget(int index) {
        return PurgeTarget.tag("article-" + index);
    }

    /** One URL per call on its host's purge path; never a service's purge or purge_all route. */
    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("POST /purge/www\\.example\\.com/.*");
    }

    /** Fastly's fake records a URL purge as it was sent: {@code host/path?query}. */
    @Override
    protected String vendorFormOf(PurgeTarget url) {
        return url.value().substring("https://".length());
    }
}
