package io.cdnpurge.cloudfront;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.regex.Pattern;

/** The shared provider suite against the fake CloudFront API, which verifies every SigV4 signature. */
class CloudFrontCompatibilityTest extends PurgeProviderCompatibilityKit {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DISTRIBUTION = "E2QWRUHAPOMQZL";

    private FakeCloudFrontApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeCloudFrontApi.start().credentials(ACCESS_KEY, SECRET_KEY).distribution(DISTRIBUTION,
                "www.example.com").scriptOnly("cloudfront:CreateInvalidation");
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
        return PurgeRequest.builder().url("https://www.example.com/index.html").url("https://www.example.com/a.css")
                .build();
    }

    @Override
    protected PurgeTarget batchableTarget(int index) {
        return PurgeTarget.url("https://www.example.com/page/" + index);
    }

    @Override
    protected boolean throttledAnswerSaysHowLongToWait() {
        return false;
    }

    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("POST /2020-05-31/distribution/" + DISTRIBUTION + "/invalidation");
    }

    /** An invalidation path: the URL's path and query, relative to the distribution. */
    @Override
    protected String vendorFormOf(PurgeTarget url) {
        String value = url.value();
        return value.substring(value.indexOf('/', "https://".length()));
    }

    @Override
    protected int acknowledgementStatus() {
        return 201;
    }

    /** A credential without {@code cloudfront:GetInvalidation}: the invalidation is made, checking it is not. */
    @Override
    protected boolean statusQuestionsAreForbidden() {
        fake.deny("cloudfront:GetInvalidation");
        return true;
    }
}
