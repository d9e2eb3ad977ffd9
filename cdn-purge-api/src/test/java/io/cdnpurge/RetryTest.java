package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryTest {
    private static final PurgeRequest ONE_TAG = PurgeRequest.builder().tag("article-42").build();

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private static PurgeThrottledException tooManyRequests(Duration retryAfter) {
        return new PurgeThrottledException("429 Too Many Requests", 429, "10000", "req-1", retryAfter);
    }

    private static PurgeServiceException unavailable() {
        return new PurgeServiceException("503 Service Unavailable", 503, null, null, true, null);
    }

    @Test
    void retriesA429AfterTheRetryAfterWait() {
        harness.backend.failNext(tooManyRequests(Duration.ofSeconds(2)));
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(harness.backend.batches()).hasSize(2);
        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void aRetried429IsCountedAsOneRetryOneThrottleAndTwoRequests() {
        harness.backend.failNext(tooManyRequests(Duration.ofSeconds(2)));
        PurgeClient client = harness.client();

        PurgeStats stats = client.purge(ONE_TAG).stats();

        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.throttled()).isEqualTo(1);
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(stats.calls()).isEqualTo(1);
    }

    @Test
    void aRetryIsSentWithTheSameBatch() {
        harness.backend.failNext(tooManyRequests(Duration.ofSeconds(1)));
        PurgeClient client = harness.client();

        client.purge(ONE_TAG);

        assertThat(harness.backend.batches().get(1).targets()).isEqualTo(harness.backend.batches().get(0).targets());
    }

    @Test
    void retriesA5xxAfterABackoffWait() {
        harness.backend.failNext(unavailable());
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.sleeper.sleeps()).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
    }

    @Test
    void backoffWaitsGrowAndStayWithinMaxBackoff() {
        harness.backend.failNext(6, RetryTest::unavailable);
        // six server errors in a row would open the circuit breaker, which is not what this test is about
        PurgeClient client = harness.client(Map.of("maxAttempts", 7, "retry.initialBackoff", "500ms",
                "retry.maxBackoff", "3s", "circuitBreaker.enabled", false));

        client.purge(ONE_TAG);

        List<Duration> waits = harness.sleeper.sleeps();
        assertThat(waits).hasSize(6);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(waits.subList(0, 3)).isSorted();
        assertThat(waits.subList(3, 6)).allSatisfy(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(3)));
    }

    @Test
    void backoffWaitsAreJittered() {
        harness.backend.failNext(4, RetryTest::unavailable);
        PurgeClient first = harness.client(Map.of("maxAttempts", 5), harness.options().random(new Random(1)).build());
        first.purge(ONE_TAG);
        List<Duration> firstWaits = harness.sleeper.sleeps();
        harness.backend.failNext(4, RetryTest::unavailable);
        PurgeClient second = harness.client(Map.of("maxAttempts", 5), harness.options().random(new Random(2)).build());

        second.purge(ONE_TAG);

        List<Duration> secondWaits = harness.sleeper.sleeps().subList(4, 8);
        assertThat(secondWaits).isNotEqualTo(firstWaits);
    }

    @Test
    void retriesATransportError() {
        harness.backend.failNext(new PurgeTransportException("connection reset", false, new IOException("reset")));
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.stats().retries()).isEqualTo(1);
        assertThat(harness.backend.batches()).hasSize(2);
    }

    @Test
    void retriesATimeout() {
        harness.backend.failNext(new PurgeTransportException("read timed out", true, new SocketTimeoutException()));
        PurgeClient client = harness.client();

        assertThat(client.purge(ONE_TAG).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        PurgeServiceException last = new PurgeServiceException("503 #3", 503, null, null, true, null);
        harness.backend.failNext(new PurgeServiceException("503 #1", 503, null, null, true, null),
                new PurgeServiceException("503 #2", 503, null, null, true, null), last);
        PurgeClient client = harness.client(Map.of("maxAttempts", 3));

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(harness.backend.batches()).hasSize(3);
        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.outcomes().get(0).error()).containsSame(last);
        assertThat(harness.sleeper.sleeps()).hasSize(2);
    }

    @Test
    void neverRetriesAnAuthenticationError() {
        harness.backend.failNext(new PurgeAuthenticationException("401 invalid token", 401, "10000", null));
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(harness.backend.batches()).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanMaxRetryAfterFailsWithoutRetrying() {
        harness.backend.failNext(tooManyRequests(Duration.ofMinutes(10)));
        PurgeClient client = harness.client(Map.of("retry.maxRetryAfter", "2m"));

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(harness.backend.batches()).hasSize(1);
        assertThat(harness.sleeper.sleeps()).isEmpty();
        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.outcomes().get(0).error()).get()
                .isInstanceOf(PurgeThrottledException.class)
                .extracting(Throwable::getMessage).asString().contains("test.retry.maxRetryAfter");
    }

    @Test
    void aBackendThrowingARuntimeExceptionFailsItsTargetsSayingTheProviderFailedUnexpectedly() {
        IllegalStateException bug = new IllegalStateException("parser bug");
        harness.backend.failNext(bug);
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().tag("a").tag("b").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.outcomes()).hasSize(2).allSatisfy(outcome -> assertThat(outcome.error()).get()
                .satisfies(error -> {
                    assertThat(error).hasMessageContaining("provider failed unexpectedly");
                    assertThat(error).hasCause(bug);
                }));
        assertThat(harness.backend.batches()).hasSize(1);
    }

    @Test
    void aThrottleWithoutRetryAfterWaitsOneBackoffInAll() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(30))
                .rateLimit(RateLimit.requests("purge", 100, Duration.ofSeconds(1), 100)).build());
        harness.backend.failNext(tooManyRequests(null));
        PurgeClient client = harness.client();

        client.purge(ONE_TAG);

        Duration announced = harness.listener.ofType(PurgeEvent.Type.RETRY).get(0).waitTime().orElseThrow();
        assertThat(harness.sleeper.total()).isEqualTo(announced);
    }
}
