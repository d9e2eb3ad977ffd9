package io.cdnpurge.cloudflare;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.testing.FakeCloudflareApi;
import io.cdnpurge.testing.PurgeProviderCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;

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
    protected String providerId() {
        return "cloudflare";
    }

    @Override
    protected Map<String, String> config() {
        return Map.of(
                "cloudflare.apiToken", TOKEN,
                "cloudflare.zoneId", ZONE,
                "cloudflare.endpoint", fake.endpoint());
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
    protected List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    protected String credentialKey() {
        return "cloudflare.apiToken";
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
    protected int vendorRequests() {
        return fake.purgeCalls().size();
    }

    @Override
    protected void nextAnswerIsAuthenticationFailure() {
        fake.failNext(1, 400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
    }

    @Override
    protected void nextAnswerIsPermissionFailure() {
        fake.failNext(1, 403, 10000, "Authentication error");
    }

    @Override
    protected void nextAnswerIsThrottled(Duration retryAfter) {
        fake.throttleNext(1, retryAfter);
    }

    @Override
    protected void nextAnswerIsServerError() {
        fake.failNext(1, 502, 0, "Bad gateway");
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
        return Pattern.compile("POST /client/v4/zones/" + ZONE + "/purge_cache");
    }

    @Override
    protected List<String> purgedUrls() {
        return fake.purgedUrls();
    }

    @Override
    protected void nextAnswersAre(int count, int httpStatus, Map<String, String> headers, String body) {
        fake.answerNext(count, httpStatus, headers, body);
    }
}
