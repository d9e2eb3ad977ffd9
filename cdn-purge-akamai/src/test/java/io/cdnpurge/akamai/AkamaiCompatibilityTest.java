package io.cdnpurge.akamai;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.testing.FakeAkamaiApi;
import io.cdnpurge.testing.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;

class AkamaiCompatibilityTest extends PurgeProviderCompatibilityKit {
    private static final String HOST = "akab-compat0000000000-0000000000000000.purge.akamaiapis.net";
    private static final String CLIENT_TOKEN = "akab-client-token-compat-1234567890abcdef";
    private static final String CLIENT_SECRET = "c2VjcmV0LWNsaWVudC1zZWNyZXQtY29tcGF0LTEyMzQ1Njc4OTA=";
    private static final String ACCESS_TOKEN = "akab-access-token-compat-fedcba0987654321";

    private FakeAkamaiApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeAkamaiApi.start().credential(HOST, CLIENT_TOKEN, CLIENT_SECRET, ACCESS_TOKEN).clock(clock());
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected String providerId() {
        return "akamai";
    }

    /**
     * One call at a time: on the kit's virtual clock a call that waits for CP-code tokens wakes at once and can reach
     * the fake before a call sent earlier, which then finds the bucket one token short (a 429 and a retry). Real
     * time has no such overtaking: the wait is seconds, the call milliseconds.
     */
    @Override
    protected Map<String, String> config() {
        return Map.of(
                "akamai.concurrency", "1",
                "akamai.host", HOST,
                "akamai.clientToken", CLIENT_TOKEN,
                "akamai.clientSecret", CLIENT_SECRET,
                "akamai.accessToken", ACCESS_TOKEN,
                "akamai.endpoint", fake.endpoint());
    }

    @Override
    protected List<String> secrets() {
        return List.of(CLIENT_SECRET, ACCESS_TOKEN, CLIENT_TOKEN);
    }

    @Override
    protected String credentialKey() {
        return "akamai.clientSecret";
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
    protected int vendorRequests() {
        return fake.purgeCalls().size();
    }

    @Override
    protected void nextAnswerIsAuthenticationFailure() {
        fake.failNext(1, 401, "Unauthorized", "The signature does not match");
    }

    @Override
    protected void nextAnswerIsPermissionFailure() {
        fake.failNext(1, 403, "unauthorized arl", "https://www.example.com/news/42");
    }

    /** Akamai sends no Retry-After: the fake's 429 says, in Akamai's terms, that the objects refill in that time. */
    @Override
    protected void nextAnswerIsThrottled(Duration retryAfter) {
        fake.throttleNext(1, retryAfter);
    }

    @Override
    protected void nextAnswerIsServerError() {
        fake.failNext(1, 503, "Service Unavailable", "try again later");
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
        return Pattern.compile("POST /ccu/v3/invalidate/url/production");
    }

    @Override
    protected List<String> purgedUrls() {
        return fake.purgedObjects();
    }

    @Override
    protected void nextAnswersAre(int count, int httpStatus, Map<String, String> headers, String body) {
        fake.answerNext(count, httpStatus, headers, body);
    }

    @Override
    protected int acknowledgementStatus() {
        return 201;
    }
}
