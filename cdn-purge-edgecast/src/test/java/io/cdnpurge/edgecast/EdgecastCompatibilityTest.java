package io.cdnpurge.edgecast;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.PurgeProviderCompatibilityKit;
import io.cdnpurge.fakes.edgecast.FakeEdgecastApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.regex.Pattern;

class EdgecastCompatibilityTest extends PurgeProviderCompatibilityKit {
    private FakeEdgecastApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeEdgecastApi.start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected FakeVendorApi fake() {
        return fake;
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

    /**
     * One target is a purge, several of one platform a bulk purge; while 50 are outstanding, the engine asks about
     * them (GET) before sending more.
     */
    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("PUT /v2/mcc/customers/C16C/edge/(purge|bulkpurge)"
                + "|GET /v2/mcc/customers/C16C/edge/(purge|bulkpurge)/[0-9a-f]+");
    }

    @Override
    protected boolean statusQuestionsAreForbidden() {
        fake.forbidStatusQuestions();
        return true;
    }
}
