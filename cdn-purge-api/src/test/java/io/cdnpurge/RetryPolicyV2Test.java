package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What is retried, after how long, and what never is. */
class RetryPolicyV2Test {
    private static final PurgeRequest ONE_TAG = PurgeRequest.builder().tag("article-42").build();

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    @Test
    void aRetryAfterOnAServerErrorIsHonouredNotOnlyOnA429() {
        harness.backend.failNext(new PurgeServiceException("503 outage until later", 503, null, null, true,
                Duration.ofSeconds(25)));

        PurgeResult result = harness.client().purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(25));
    }

    @Test
    void aServerErrorAskingForMoreThanMaxRetryAfterFailsAtOnceSayingSo() {
        harness.backend.failNext(new PurgeServiceException("503 down for maintenance", 503, null, null, true,
                Duration.ofMinutes(10)));

        PurgeResult result = harness.client().purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("asked to wait 600 s").contains("test.retry.maxRetryAfter");
        assertThat(harness.backend.batches()).hasSize(1);
        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void aForbiddenAnswerIsNeverRetriedEvenWhenTheProviderCallsItRetryable() {
        harness.backend.failNext(new PurgeServiceException("403 with a code the provider did not know", 403,
                "SomethingNew", null, true, null));

        PurgeResult result = harness.client().purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(harness.backend.batches()).hasSize(1);
    }

    @Test
    void anUnauthorizedAnswerIsNeverRetriedEvenWhenTheProviderCallsItRetryable() {
        harness.backend.failNext(new PurgeServiceException("401", 401, null, null, true, null));

        harness.client().purge(ONE_TAG);

        assertThat(harness.backend.batches()).hasSize(1);
    }

    @Test
    void anUnrecognisedAcknowledgementIsRetriedThenFailsNamingWhatCameBack() {
        harness.backend.failNext(5, () -> new PurgeServiceException("test answered HTTP 200 with '<html>oops</html>', "
                + "which is not its acknowledgement", 200, null, null, true, null));

        PurgeResult result = harness.client(Map.of("circuitBreaker.enabled", false)).purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("<html>oops</html>");
        assertThat(harness.backend.batches()).hasSize(5);
        assertThat(result.stats().requests()).isEqualTo(5);
    }

    @Test
    void aRetryIsBoundedByTheDeadline() {
        harness.backend.failNext(5, () -> new PurgeServiceException("503", 503, null, null, true,
                Duration.ofSeconds(40)));

        PurgeResult result = harness.client(Map.of("deadline", "1m")).purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("test.deadline (PT1M) passed before").contains("its last attempt failed: 503");
        // one wait of 40 s; the second would have ended past the deadline
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(40));
        assertThat(harness.backend.batches()).hasSize(2);
    }

    @Test
    void aFailureBeforeSendingSaysNotSentNeverMayOrMayNot() {
        harness.backend.failNext(new PurgeTransportException("test could not be reached (connection refused); the "
                + "request was not sent", false, false, null));

        PurgeResult result = harness.client(Map.of("maxAttempts", 1)).purge(ONE_TAG);

        PurgeException error = result.failures().get(0).error().orElseThrow();
        assertThat(error).isInstanceOf(PurgeTransportException.class);
        assertThat(((PurgeTransportException) error).sent()).isFalse();
        assertThat(result.toString()).contains("not sent").doesNotContain("may or may not");
    }
}
