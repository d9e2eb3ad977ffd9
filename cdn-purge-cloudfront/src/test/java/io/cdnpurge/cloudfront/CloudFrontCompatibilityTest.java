package io.cdnpurge.cloudfront;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.testing.FakeCloudFrontApi;
import io.cdnpurge.testing.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;

/** The shared provider suite against the fake CloudFront API, which verifies every SigV4 signature. */
class CloudFrontCompatibilityTest extends PurgeProviderCompatibilityKit {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DISTRIBUTION = "E2QWRUHAPOMQZL";

    private FakeCloudFrontApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeCloudFrontApi.start().credentials(ACCESS_KEY, SECRET_KEY).distribution(DISTRIBUTION,
                "www.example.com").clock(clock()).scriptOnly("cloudfront:CreateInvalidation");
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected String providerId() {
        return "cloudfront";
    }

    @Override
    protected Map<String, String> config() {
        return Map.of(
                "cloudfront.accessKeyId", ACCESS_KEY,
                "cloudfront.secretAccessKey", SECRET_KEY,
                "cloudfront.distributionId", DISTRIBUTION,
                "cloudfront.region", "us-east-1",
                "cloudfront.endpoint", fake.endpoint());
    }

    @Override
    protected List<String> secrets() {
        return List.of(SECRET_KEY);
    }

    @Override
    protected String credentialKey() {
        return "cloudfront.secretAccessKey";
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
    protected int vendorRequests() {
        return (int) fake.requests().stream().filter(r -> r.getMethod().equals("POST")).count();
    }

    @Override
    protected boolean throttledAnswerSaysHowLongToWait() {
        return false;
    }

    @Override
    protected void nextAnswerIsAuthenticationFailure() {
        fake.failNext(1, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    @Override
    protected void nextAnswerIsPermissionFailure() {
        fake.deny("cloudfront:CreateInvalidation");
    }

    @Override
    protected void nextAnswerIsThrottled(Duration retryAfter) {
        fake.throttleNext(1);
    }

    @Override
    protected void nextAnswerIsServerError() {
        fake.failNext(1, 503, "ServiceUnavailable", "CloudFront is temporarily unavailable.");
    }

    @Override
    protected void nextAnswerNeverComes() {
        fake.stallNext(1);
    }

    @Override
    protected List<String> vendorRequestLines() {
        return fake.requestLines();
    }

    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("POST /2020-05-31/distribution/" + DISTRIBUTION + "/invalidation");
    }

    @Override
    protected List<String> purgedUrls() {
        return fake.invalidations().stream().flatMap(invalidation -> invalidation.paths().stream()).toList();
    }

    /** An invalidation path: the URL's path and query, relative to the distribution. */
    @Override
    protected String vendorFormOf(PurgeTarget url) {
        String value = url.value();
        return value.substring(value.indexOf('/', "https://".length()));
    }

    @Override
    protected void nextAnswersAre(int count, int httpStatus, Map<String, String> headers, String body) {
        fake.answerNext(count, httpStatus, headers, body);
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
