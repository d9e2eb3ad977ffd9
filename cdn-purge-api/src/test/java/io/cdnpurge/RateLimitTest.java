package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.cdnpurge.EngineHarness.urls;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    private static final RateLimit ONE_PER_SECOND_BURST_TWO = RateLimit.requests("purge", 1, Duration.ofSeconds(1), 2);

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    /** One URL per call, so that N URLs make N calls, sent one at a time. */
    private PurgeClient oneUrlPerCall(RateLimit limit, Map<String, ?> keys) {
        PurgeCapabilities.Builder capabilities = ScriptedBackend.allKinds(BatchLimit.items(1));
        if (limit != null) {
            capabilities.rateLimit(limit);
        }
        harness.backend.capabilities(capabilities.build());
        Map<String, Object> all = new HashMap<>(keys);
        all.put("concurrency", 1);
        return harness.client(all);
    }

    private static void assertAbout(Duration actual, Duration expected) {
        assertThat(actual).isBetween(expected.minusMillis(10), expected.plusMillis(10));
    }

    @Test
    void fiveCallsAtOneRequestASecondWithABurstOfTwoWaitAboutThreeSeconds() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of());

        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(5)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertAbout(harness.sleeper.total(), Duration.ofSeconds(3));
        assertThat(harness.sleeper.sleeps()).hasSize(3);
    }

    @Test
    void theBurstIsSentWithoutWaiting() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of());

        client.purge(PurgeRequest.ofUrls(urls(2)));

        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void disabledRateLimitingNeverWaits() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of("rateLimit.enabled", "false"));

        client.purge(PurgeRequest.ofUrls(urls(5)));

        assertThat(harness.sleeper.sleeps()).isEmpty();
        assertThat(harness.backend.batches()).hasSize(5);
    }

    @Test
    void aRequestsPerSecondOverrideChangesTheRate() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of("rateLimit.requestsPerSecond", "2"));

        client.purge(PurgeRequest.ofUrls(urls(5)));

        assertAbout(harness.sleeper.total(), Duration.ofMillis(1500));
    }

    @Test
    void aBurstOverrideChangesTheBurst() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of("rateLimit.burst", "5"));

        client.purge(PurgeRequest.ofUrls(urls(5)));

        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void aBucketOverrideChangesThatBucket() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of("rateLimit.purge.permitsPerSecond", "4"));

        client.purge(PurgeRequest.ofUrls(urls(5)));

        assertAbout(harness.sleeper.total(), Duration.ofMillis(750));
    }

    @Test
    void theClientReportsTheEffectiveRateLimits() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of("rateLimit.requestsPerSecond", "2"));

        assertThat(client.capabilities().rateLimits()).singleElement().satisfies(limit -> {
            assertThat(limit.permitsPerSecond()).isEqualTo(2.0);
            assertThat(limit.burst()).isEqualTo(2);
        });
    }

    @Test
    void aWaitLongerThanMaxWaitFailsTheCallWithoutSendingIt() {
        RateLimit onePerMinute = RateLimit.requests("purge", 1, Duration.ofMinutes(1), 1);
        PurgeClient client = oneUrlPerCall(onePerMinute, Map.of("rateLimit.maxWait", "10s"));

        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(2)));

        assertThat(harness.backend.batches()).hasSize(1);
        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error()).get()
                .isInstanceOf(PurgeThrottledException.class)
                .extracting(Throwable::getMessage).asString().contains("test.rateLimit.maxWait"));
        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void anExhaustedVendorWindowDelaysTheNextCallUntilItResets() {
        RateLimit generous = RateLimit.requests("purge", 100, Duration.ofSeconds(1), 100);
        harness.backend.rateLimitOnNextAnswer(0, Duration.ofSeconds(10));
        PurgeClient client = oneUrlPerCall(generous, Map.of());

        client.purge(PurgeRequest.ofUrls(urls(2)));

        assertThat(harness.backend.batches()).hasSize(2);
        assertAbout(harness.sleeper.total(), Duration.ofSeconds(10));
    }

    @Test
    void anExhaustedVendorWindowDelaysTheNextCallEvenWithoutDeclaredRateLimits() {
        harness.backend.rateLimitOnNextAnswer(0, Duration.ofSeconds(10));
        PurgeClient client = oneUrlPerCall(null, Map.of());

        client.purge(PurgeRequest.ofUrls(urls(2)));

        assertThat(harness.backend.batches()).hasSize(2);
        assertAbout(harness.sleeper.total(), Duration.ofSeconds(10));
    }

    @Test
    void aVendorWindowWithRequestsLeftDoesNotDelay() {
        RateLimit generous = RateLimit.requests("purge", 100, Duration.ofSeconds(1), 100);
        harness.backend.rateLimitOnNextAnswer(3, Duration.ofSeconds(10));
        PurgeClient client = oneUrlPerCall(generous, Map.of());

        client.purge(PurgeRequest.ofUrls(urls(2)));

        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void anItemBucketCountsTargets() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(30))
                .rateLimit(RateLimit.items("urls", 10, Duration.ofSeconds(1), 10)).build());
        PurgeClient client = harness.client(Map.of("concurrency", 1));

        client.purge(PurgeRequest.ofUrls(urls(30)));

        assertAbout(harness.sleeper.total(), Duration.ofSeconds(2));
    }

    @Test
    void aBucketAppliesOnlyToItsKinds() {
        RateLimit tagsOnly = RateLimit.requests("tags", 1, Duration.ofMinutes(1), 1).forKinds(PurgeTarget.Kind.TAG);
        PurgeClient client = oneUrlPerCall(tagsOnly, Map.of());

        client.purge(PurgeRequest.ofUrls(urls(5)));

        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void theLimiterIsSharedByThePurgesOfOneClient() {
        PurgeClient client = oneUrlPerCall(ONE_PER_SECOND_BURST_TWO, Map.of());

        client.purge(PurgeRequest.ofUrls(urls(2)));
        client.purge(PurgeRequest.builder().url("https://www.example.com/third").build());

        assertAbout(harness.sleeper.total(), Duration.ofSeconds(1));
    }
}
