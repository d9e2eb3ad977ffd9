package io.cdnpurge.fastly;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.testing.FakeFastlyApi;
import io.cdnpurge.testing.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;

class FastlyCompatibilityTest extends PurgeProviderCompatibilityKit {
    private static final String TOKEN = "fastly-secret-token-0123456789abcdef";
    private static final String SERVICE = "SU1Z0isxPaozGVKXdv0eY";

    private FakeFastlyApi fake;

    @BeforeEach
    void startFake() {
        // the kit's clock: a throttle's Fastly-RateLimit-Reset is then exactly the wait asked for
        fake = FakeFastlyApi.start().apiToken(TOKEN, "purge_select").service(SERVICE, "www.example.com")
                .clock(clock());
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected String providerId() {
        return "fastly";
    }

    @Override
    protected Map<String, String> config() {
        return Map.of(
                "fastly.apiToken", TOKEN,
                "fastly.serviceId", SERVICE,
                "fastly.endpoint", fake.endpoint());
    }

    @Override
    protected List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    protected String credentialKey() {
        return "fastly.apiToken";
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

    @Override
    protected int vendorRequests() {
        return fake.purgeCalls().size();
    }

    @Override
    protected void nextAnswerIsAuthenticationFailure() {
        fake.failNext(1, 401, "{\"msg\":\"Provided credentials are missing or invalid\"}");
    }

    @Override
    protected void nextAnswerIsPermissionFailure() {
        fake.failNext(1, 403, "{\"msg\":\"Forbidden\"}");
    }

    @Override
    protected void nextAnswerIsThrottled(Duration retryAfter) {
        fake.throttleNext(1, retryAfter);
    }

    @Override
    protected void nextAnswerIsServerError() {
        fake.failNext(1, 503, "{\"msg\":\"Service unavailable\"}");
    }

    @Override
    protected void nextAnswerNeverComes() {
        fake.stallNext(1);
    }

    @Override
    protected List<String> vendorRequestLines() {
        return fake.requestLines();
    }

    /** One URL per call on its host's purge path; never a service's purge or purge_all route. */
    @Override
    protected Pattern urlPurgeEndpoint() {
        return Pattern.compile("POST /purge/www\\.example\\.com/.*");
    }

    @Override
    protected List<String> purgedUrls() {
        return fake.purgedUrls();
    }

    /** Fastly's fake records a URL purge as it was sent: {@code host/path?query}. */
    @Override
    protected String vendorFormOf(PurgeTarget url) {
        return url.value().substring("https://".length());
    }

    @Override
    protected void nextAnswersAre(int count, int httpStatus, Map<String, String> headers, String body) {
        fake.answerNext(count, httpStatus, headers, body);
    }
}
