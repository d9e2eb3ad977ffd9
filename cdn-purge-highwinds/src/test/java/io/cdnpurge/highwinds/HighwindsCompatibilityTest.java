package io.cdnpurge.highwinds;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.PurgeProviderCompatibilityKit;
import io.cdnpurge.fakes.highwinds.FakeHighwindsApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

class HighwindsCompatibilityTest extends PurgeProviderCompatibilityKit {
    private FakeHighwindsApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeHighwindsApi.start();
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
     * One call at a time: on the kit's virtual clock a call that waits for the window wakes at once and can reach the
     * fake before a call sent earlier, which then finds the window full (a 429 and a retry). Real time has no such
     * overtaking: the wait is a minute, the call milliseconds.
     */
    @Override
    protected Map<String, String> config() {
        Map<String, String> config = new HashMap<>(fake.clientConfig());
        config.put("highwinds.concurrency", "1");
        return config;
    }

    @Override
    protected PurgeRequest sampleRequest() {
        return PurgeRequest.builder().url("https://www.example.com/news/42").url("https://www.example.com/news/")
                .build();
    }

    @Override
    protected PurgeTarget batchableTarget(int index) {
        return PurgeTarget.url("https://www.example.com/page/" + index);
    }

    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("POST /api/v1/accounts/a1b2c3d4/purge");
    }

    @Override
    protected boolean statusQuestionsAreForbidden() {
        fake.forbidStatusQuestions();
        return true;
    }

    /** Sent protocol-relative, so that http and https are both purged. */
    @Override
    protected String vendorFormOf(PurgeTarget url) {
        return url.value().substring("https:".length());
    }
}
