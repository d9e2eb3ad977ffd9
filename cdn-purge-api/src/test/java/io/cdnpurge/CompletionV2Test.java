package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Completion is asked once per vendor reference; an accepted purge stays accepted when asking fails. */
class CompletionV2Test {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private PurgeClient statusApiClient(Map<String, ?> keys) {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(30)).statusApi(true).build());
        return harness.client(keys);
    }

    @Test
    void eachReferenceIsAskedOnceHoweverManyTargetsItCarried() {
        PurgeClient client = statusApiClient(Map.of());
        PurgeResult result = client.purge(PurgeRequest.ofUrls(EngineHarness.urls(60)));

        PurgeResult done = client.status(result);

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.backend.completionQueries()).hasSize(2).doesNotHaveDuplicates();
        assertThat(done.stats().requests()).isEqualTo(result.stats().requests() + 2);
    }

    @Test
    void aStatusRefusedForGoodLeavesTheAcceptedPurgeInProgressSayingWhy() {
        PurgeClient client = statusApiClient(Map.of());
        PurgeResult result = client.purge(PurgeRequest.ofUrls(EngineHarness.urls(60)));
        harness.backend.failCompletions(
                new PurgePermissionException("the credential may not call test:GetStatus", "test:GetStatus", 403,
                        "AccessDenied", null),
                new PurgePermissionException("the credential may not call test:GetStatus", "test:GetStatus", 403,
                        "AccessDenied", null));

        PurgeResult later = client.awaitCompletion(result, Duration.ofMinutes(5));

        assertThat(later.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(later.failures()).isEmpty();
        assertThat(later.timedOut()).isFalse();
        assertThat(later.outcomes()).allSatisfy(outcome -> assertThat(outcome.completionUnknown()).get()
                .isInstanceOf(PurgePermissionException.class));
        // one question per reference, never repeated: the answer cannot change
        assertThat(harness.backend.completionQueries()).hasSize(2);
        assertThat(later.toString()).contains("60 IN_PROGRESS, completion unknown: permission test:GetStatus");
    }

    @Test
    void whileStatusQuestionsFailTheyAreAskedOncePerReferencePerRound() {
        PurgeClient client = statusApiClient(Map.of("completion.initialPoll", "1s", "completion.maxPoll", "10s"));
        PurgeResult result = client.purge(PurgeRequest.ofUrls(EngineHarness.urls(60)));
        RuntimeException[] brownout = new RuntimeException[8];
        for (int i = 0; i < brownout.length; i++) {
            brownout[i] = new PurgeServiceException("test answered HTTP 503", 503, null, null, true, null);
        }
        harness.backend.failCompletions(brownout);

        PurgeResult done = client.awaitCompletion(result, Duration.ofMinutes(5));

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        // 8 failed questions (4 rounds of 2 references), then one that succeeds for each reference
        assertThat(harness.backend.completionQueries()).hasSize(10);
    }

    @Test
    void aStatusQuestionAnsweredWithRetryAfterIsAskedAgainNoSooner() {
        PurgeClient client = statusApiClient(Map.of("completion.initialPoll", "1s"));
        PurgeResult result = client.purge(PurgeRequest.builder().tag("t").build());
        harness.backend.failCompletions(new PurgeServiceException("503", 503, null, null, true,
                Duration.ofSeconds(25)));

        PurgeResult done = client.awaitCompletion(result, Duration.ofMinutes(5));

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(25));
    }

    @Test
    void awaitCompletionSaysWhenItGaveUpAtItsTimeout() {
        harness.backend.completions(TargetOutcome.Status.IN_PROGRESS, TargetOutcome.Status.IN_PROGRESS,
                TargetOutcome.Status.IN_PROGRESS, TargetOutcome.Status.IN_PROGRESS);
        PurgeClient client = statusApiClient(Map.of());
        PurgeResult result = client.purge(PurgeRequest.builder().tag("t").build());

        PurgeResult later = client.awaitCompletion(result, Duration.ofSeconds(5));

        assertThat(later.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(later.timedOut()).isTrue();
        assertThat(later.toString()).contains("timed out waiting for completion");
        assertThat(harness.clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aVendorThatSaysThePurgeFailedFailsItsTargets() {
        harness.backend.completions(TargetOutcome.Status.FAILED);
        PurgeClient client = statusApiClient(Map.of());
        PurgeResult result = client.purge(PurgeRequest.builder().tag("t").build());

        PurgeResult later = client.status(result);

        assertThat(later.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(later.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("reports that purge ref-1 failed");
    }
}
