package io.cdnpurge.akamai;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.fakes.akamai.FakeAkamaiApi;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.regex.Pattern;
import java.util.HashMap;
import java.util.Map;

class AkamaiCompatibilityTest extends PurgeProviderCompatibilityKit {
    private static final String HOST = "akab-compat0000000000-0000000000000000.purge.akamaiapis.net";
    private static final String CLIENT_TOKEN = "akab-client-token-compat-1234567890abcdef";
    private static final String CLIENT_SECRET = "c2VjcmV0LWNsaWVudC1zZWNyZXQtY29tcGF0LTEyMzQ1Njc4OTA=";
    private static final String ACCESS_TOKEN = "akab-access-token-compat-fedcba0987654321";

    private FakeAkamaiApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeAkamaiApi.start().credential(HOST, CLIENT_TOKEN, CLIENT_SECRET, ACCESS_TOKEN);
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
     * One call at a time: on the kit's virtual clock a call that waits for CP-code tokens wakes at once and can reach
     * the fake before a call sent earlier, which then finds the bucket one token short (a 429 and a retry). Real
     * time has no such overtaking: the wait is seconds, the call milliseconds.
     */
    @Override
    protected Map<String, String> config() {
        Map<String, String> config = new HashMap<>(fake.clientConfig());
        config.put("akamai.concurrency", "1");
        return config;
    }

    @Override
    protected PurgeRequest sampleRequest() {
        return PurgeRequest.builder()
                .url("https://www.example.com/news/42")
                .url("https://www.example.com/news/")
                .build();
    }

    /** CP codes: the kind whose item limit (300, the bucket's size) binds before the body size. */
    @Override
    protected PurgeTarget batchableTarget(int index) {
        return PurgeTarget.cpCode(100_000L + index);
    }

    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("POST /ccu/v3/invalidate/url/production");
    }

    @Override
    protected int acknowledgementStatus() {
        return 201;
    }
}
