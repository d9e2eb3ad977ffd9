package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionTest {
    private static final PurgeRequest ONE_TAG = PurgeRequest.builder().tag("article-42").build();

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private PurgeClient estimatingClient() {
        harness.backend.estimatedCompletion(Duration.ofSeconds(5));
        return harness.client();
    }

    private PurgeClient statusApiClient(Map<String, ?> keys) {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(30)).statusApi(true).build());
        return harness.client(keys);
    }

    @Test
    void anEstimatedCompletionLeavesThePurgeInProgress() {
        PurgeClient client = estimatingClient();

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(result.estimatedCompletion()).hasValue(FakeClock.START.plusSeconds(5));
        assertThat(result.outcomes().get(0).estimatedCompletion()).hasValue(FakeClock.START.plusSeconds(5));
    }

    @Test
    void statusBeforeTheEstimateIsStillInProgress() {
        PurgeClient client = estimatingClient();
        PurgeResult result = client.purge(ONE_TAG);
        harness.clock.advance(Duration.ofSeconds(4));

        assertThat(client.status(result).status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
    }

    @Test
    void statusAfterTheEstimateIsSucceeded() {
        PurgeClient client = estimatingClient();
        PurgeResult result = client.purge(ONE_TAG);
        harness.clock.advance(Duration.ofSeconds(5));

        PurgeResult now = client.status(result);

        assertThat(now.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(now.outcomes().get(0).vendorReference()).hasValue("ref-1");
    }

    @Test
    void awaitCompletionSleepsUntilTheEstimate() {
        PurgeClient client = estimatingClient();
        PurgeResult result = client.purge(ONE_TAG);

        PurgeResult done = client.awaitCompletion(result, Duration.ofMinutes(1));

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void awaitCompletionReturnsInProgressWhenTheTimeoutComesFirst() {
        PurgeClient client = estimatingClient();
        PurgeResult result = client.purge(ONE_TAG);

        PurgeResult later = client.awaitCompletion(result, Duration.ofSeconds(2));

        assertThat(later.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(harness.sleeper.total()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void awaitCompletionOfASucceededPurgeReturnsAtOnce() {
        PurgeClient client = harness.client();
        PurgeResult result = client.purge(ONE_TAG);

        PurgeResult done = client.awaitCompletion(result, Duration.ofMinutes(1));

        assertThat(done).isSameAs(result);
        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void withAStatusApiAnAcceptedCallIsInProgress() {
        PurgeClient client = statusApiClient(Map.of());

        PurgeResult result = client.purge(ONE_TAG);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
    }

    @Test
    void withAStatusApiStatusAsksTheVendorByScopeAndReference() {
        PurgeClient client = statusApiClient(Map.of());
        PurgeResult result = client.purge(ONE_TAG);

        PurgeResult now = client.status(result);

        assertThat(harness.backend.completionQueries()).containsExactly("zone-1/ref-1");
        assertThat(now.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void withAStatusApiEachCallIsAskedAboutOnce() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(2)).statusApi(true).build());
        PurgeClient client = harness.client();
        PurgeResult result = client.purge(PurgeRequest.builder().tag("a").tag("b").tag("c").tag("d").build());

        client.status(result);

        assertThat(harness.backend.completionQueries()).containsExactlyInAnyOrder("zone-1/ref-1", "zone-1/ref-2");
    }

    @Test
    void withAStatusApiPollingBacksOffFromInitialPollDoublingToMaxPoll() {
        harness.backend.completions(TargetOutcome.Status.IN_PROGRESS, TargetOutcome.Status.IN_PROGRESS,
                TargetOutcome.Status.IN_PROGRESS, TargetOutcome.Status.IN_PROGRESS, TargetOutcome.Status.IN_PROGRESS,
                TargetOutcome.Status.SUCCEEDED);
        PurgeClient client = statusApiClient(Map.of("completion.initialPoll", "1s", "completion.maxPoll", "5s"));
        PurgeResult result = client.purge(ONE_TAG);

        PurgeResult done = client.awaitCompletion(result, Duration.ofMinutes(5));

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        // the first question comes initialPoll after the purge was accepted, never at once
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(harness.backend.completionQueries()).hasSize(6);
    }

    @Test
    void withAStatusApiAwaitCompletionStopsAtTheTimeout() {
        harness.backend.completions(TargetOutcome.Status.IN_PROGRESS, TargetOutcome.Status.IN_PROGRESS,
                TargetOutcome.Status.IN_PROGRESS, TargetOutcome.Status.IN_PROGRESS);
        PurgeClient client = statusApiClient(Map.of("completion.initialPoll", "1s", "completion.maxPoll", "10s"));
        PurgeResult result = client.purge(ONE_TAG);

        PurgeResult later = client.awaitCompletion(result, Duration.ofSeconds(5));

        assertThat(later.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2));
    }

    @Test
    void withAStatusApiAVendorReportedFailureFailsTheTargets() {
        harness.backend.completions(TargetOutcome.Status.FAILED);
        PurgeClient client = statusApiClient(Map.of());
        PurgeResult result = client.purge(ONE_TAG);

        PurgeResult now = client.status(result);

        assertThat(now.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(now.outcomes().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("ref-1");
    }

    @Test
    void statusOfAResultWithoutTargetsInProgressIsTheSameResult() {
        PurgeClient client = harness.client();
        PurgeResult result = client.purge(ONE_TAG);

        assertThat(client.status(result)).isSameAs(result);
    }

    @Test
    void statusKeepsTheFiguresOfThePurge() {
        PurgeClient client = estimatingClient();
        PurgeResult result = client.purge(ONE_TAG);
        harness.clock.advance(Duration.ofSeconds(6));

        assertThat(client.status(result).stats()).isEqualTo(result.stats());
    }
}
