package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A vendor that fails call after call is given a rest: calls fail fast, then one probes. */
class CircuitBreakerTest {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private static PurgeServiceException serverError() {
        return new PurgeServiceException("test answered HTTP 500: internal error", 500, null, null, true, null);
    }

    private static PurgeRequest tags(String prefix, int count) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < count; i++) {
            request.tag(prefix + "-" + i);
        }
        return request.build();
    }

    @Test
    void afterFailuresInARowCallsFailFastNamingTheVendorAndWhenItIsTriedAgain() {
        harness.backend.failWhen(batch -> true, CircuitBreakerTest::serverError);
        PurgeClient client = harness.client(Map.of("circuitBreaker.failures", 3, "circuitBreaker.delay", "30s",
                "concurrency", 1, "maxAttempts", 2));

        // 10 calls of 30 tags; the first two calls fail twice each, and the breaker opens at the third failure
        PurgeResult result = client.purge(tags("t", 300));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(harness.backend.batches()).hasSize(3);
        assertThat(result.stats().requests()).isEqualTo(3);
        assertThat(result.failures()).last().satisfies(outcome -> assertThat(outcome.error()).get()
                .isInstanceOf(PurgeUnavailableException.class)
                .satisfies(error -> assertThat(error.retryable()).isTrue())
                .extracting(Throwable::getMessage).asString()
                .contains("test failed 3 requests in a row").contains("calls fail fast until")
                .contains("500: internal error"));
    }

    @Test
    void afterTheDelayOneCallProbesAndASuccessClosesTheBreaker() {
        harness.backend.failNext(3, CircuitBreakerTest::serverError);
        PurgeClient client = harness.client(Map.of("circuitBreaker.failures", 3, "circuitBreaker.delay", "30s",
                "maxAttempts", 1, "concurrency", 1));
        for (int i = 0; i < 3; i++) {
            client.purge(tags("down-" + i, 1));
        }
        PurgeResult fastFail = client.purge(tags("open", 1));
        assertThat(fastFail.failures().get(0).error()).get().isInstanceOf(PurgeUnavailableException.class);
        assertThat(harness.backend.batches()).hasSize(3);

        harness.clock.advance(Duration.ofSeconds(30));
        PurgeResult probe = client.purge(tags("probe", 1));
        PurgeResult after = client.purge(tags("after", 30));

        assertThat(probe.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(after.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.backend.batches()).hasSize(5);
    }

    @Test
    void aProbeThatFailsOpensTheBreakerForAnotherDelay() {
        harness.backend.failNext(4, CircuitBreakerTest::serverError);
        PurgeClient client = harness.client(Map.of("circuitBreaker.failures", 3, "circuitBreaker.delay", "30s",
                "maxAttempts", 1));
        for (int i = 0; i < 3; i++) {
            client.purge(tags("down-" + i, 1));
        }
        harness.clock.advance(Duration.ofSeconds(30));
        client.purge(tags("probe", 1));

        PurgeResult stillOpen = client.purge(tags("again", 1));

        assertThat(stillOpen.failures().get(0).error()).get().isInstanceOf(PurgeUnavailableException.class);
        assertThat(harness.backend.batches()).hasSize(4);
    }

    @Test
    void refusalsAndThrottlesDoNotOpenTheBreaker() {
        harness.backend.failNext(6, () -> new PurgeThrottledException("429", 429, null, null, Duration.ofSeconds(1)));
        PurgeClient client = harness.client(Map.of("circuitBreaker.failures", 3, "maxAttempts", 7));

        PurgeResult result = client.purge(tags("busy", 1));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.backend.batches()).hasSize(7);
    }

    @Test
    void theBreakerCanBeTurnedOff() {
        harness.backend.failNext(6, CircuitBreakerTest::serverError);
        PurgeClient client = harness.client(Map.of("circuitBreaker.enabled", false, "maxAttempts", 7));

        PurgeResult result = client.purge(tags("t", 1));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.backend.batches()).hasSize(7);
    }
}
