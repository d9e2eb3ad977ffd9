package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cdnpurge.EngineHarness.urls;
import static org.assertj.core.api.Assertions.assertThat;

class ExecutionTest {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private static PurgeServiceException badRequest() {
        return new PurgeServiceException("tag purge refused: unknown zone", 400, "1016", "req-7", false, null);
    }

    @Test
    void aPurgeWhoseCallsAreAllAcceptedSucceeds() {
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(100)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.outcomes()).extracting(TargetOutcome::status).containsOnly(TargetOutcome.Status.SUCCEEDED);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aPermanentErrorFailsOnlyTheTargetsOfItsCall() {
        harness.backend.failWhen(batch -> batch.kind() == PurgeTarget.Kind.TAG, ExecutionTest::badRequest);
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().url("https://www.example.com/a").tag("t1")
                .url("https://www.example.com/b").tag("t2").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.outcomes()).allSatisfy(outcome -> assertThat(outcome.status()).isEqualTo(
                outcome.target().kind() == PurgeTarget.Kind.TAG
                        ? TargetOutcome.Status.FAILED : TargetOutcome.Status.SUCCEEDED));
    }

    @Test
    void aPermanentErrorIsSentExactlyOnce() {
        harness.backend.failWhen(batch -> batch.kind() == PurgeTarget.Kind.TAG, ExecutionTest::badRequest);
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().url("https://www.example.com/a").tag("t1").build());

        assertThat(harness.backend.batches()).filteredOn(batch -> batch.kind() == PurgeTarget.Kind.TAG).hasSize(1);
        assertThat(result.stats().retries()).isZero();
        assertThat(harness.sleeper.sleeps()).isEmpty();
    }

    @Test
    void aFailedTargetKeepsTheVendorError() {
        harness.backend.failNext(badRequest());
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().tag("t1").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.outcomes().get(0).error()).get()
                .isInstanceOfSatisfying(PurgeServiceException.class, error -> {
                    assertThat(error.httpStatus()).isEqualTo(400);
                    assertThat(error.vendorCode()).hasValue("1016");
                    assertThat(error.requestId()).hasValue("req-7");
                    assertThat(error.retryable()).isFalse();
                });
    }

    @Test
    void everyDistinctTargetHasExactlyOneOutcome() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(3)).build());
        harness.backend.failWhen(batch -> batch.targets().contains(PurgeTarget.tag("t4")), ExecutionTest::badRequest);
        PurgeClient client = harness.client();
        PurgeRequest request = PurgeRequest.builder().tags(List.of("t1", "t2", "t3", "t4", "t5", "t1", "t4"))
                .url("https://www.example.com/").url("https://www.example.com/").build();

        PurgeResult result = client.purge(request);

        assertThat(result.outcomes()).extracting(TargetOutcome::target).containsExactly(
                PurgeTarget.tag("t1"), PurgeTarget.tag("t2"), PurgeTarget.tag("t3"), PurgeTarget.tag("t4"),
                PurgeTarget.tag("t5"), PurgeTarget.url("https://www.example.com/"));
    }

    @Test
    void perTargetFailuresMarkOnlyThoseTargetsFailed() {
        PurgeException refused = new PurgeServiceException("tag too long for this plan", 200, null, null, false,
                null);
        harness.backend.refuse(PurgeTarget.tag("t2"), refused);
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().tags(List.of("t1", "t2", "t3")).build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.target()).isEqualTo(PurgeTarget.tag("t2"));
            assertThat(failure.error()).containsSame(refused);
        });
        assertThat(harness.backend.batches()).hasSize(1);
    }

    @Test
    void everyOutcomeCarriesTheReferenceOfItsCall() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(2)).build());
        PurgeClient client = harness.client(Map.of("concurrency", 1));

        PurgeResult result = client.purge(PurgeRequest.builder().tags(List.of("t1", "t2", "t3")).build());

        assertThat(result.outcomes()).extracting(outcome -> outcome.vendorReference().orElseThrow())
                .containsExactly("ref-1", "ref-1", "ref-2");
        assertThat(result.vendorReferences()).containsExactly("ref-1", "ref-2");
    }

    @Test
    void statsCountCallsAndRequests() {
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(61)));

        assertThat(result.stats().calls()).isEqualTo(3);
        assertThat(result.stats().requests()).isEqualTo(3);
        assertThat(result.stats().retries()).isZero();
        assertThat(result.stats().throttled()).isZero();
    }

    @Test
    void purgeAsyncCompletesWithTheResult() {
        PurgeClient client = harness.client();

        PurgeResult result = client.purgeAsync(PurgeRequest.builder().tag("t1").build()).join();

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.providerId()).isEqualTo(ScriptedBackend.ID);
    }

    @Test
    void aTargetWhoseScopeCannotBeFoundFailsAlone() {
        PurgeException noZone = new PurgeException("no zone holds www.unknown.example");
        harness.backend.scopes(target -> {
            if (target.value().contains("unknown")) {
                throw noZone;
            }
            return "zone-1";
        });
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().url("https://www.example.com/")
                .url("https://www.unknown.example/").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement()
                .satisfies(failure -> assertThat(failure.error()).containsSame(noZone));
        assertThat(harness.backend.sentTargets()).containsExactly(PurgeTarget.url("https://www.example.com/"));
    }

    @Test
    void aProviderCrashWhileScopingFailsOnlyThatTarget() {
        harness.backend.scopes(target -> {
            if (target.value().contains("crash")) {
                throw new IllegalStateException("provider bug");
            }
            return "zone-1";
        });
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().url("https://www.example.com/")
                .url("https://www.example.com/crash").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error())
                .hasValueSatisfying(e -> assertThat(e).hasMessageContaining("failed unexpectedly")
                        .hasCauseInstanceOf(IllegalStateException.class)));
    }

    @Test
    void manyCallsAtOnceAllGetTheirOutcome() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(1)).build());
        PurgeClient client = harness.client(Map.of("concurrency", 8));

        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(200)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.outcomes()).hasSize(200);
        assertThat(harness.backend.batches()).hasSize(200);
    }
}
