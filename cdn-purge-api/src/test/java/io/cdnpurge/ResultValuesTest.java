package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Results are values that can hold many CDNs: built by builders, outcomes naming their client, figures added up. */
class ResultValuesTest {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    @Test
    void everyOutcomeNamesTheClientThatPurgedItAndWhere() {
        PurgeResult result = harness.client().purge(PurgeRequest.builder().tag("a").build());

        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.provider()).isEqualTo("test");
            assertThat(outcome.scope()).hasValue("zone-1");
        });
    }

    @Test
    void oneResultCanHoldTheSameTargetPurgedOnTwoCdns() {
        PurgeTarget page = PurgeTarget.url("https://www.example.com/");
        PurgeResult both = PurgeResult.builder("router")
                .outcome(TargetOutcome.builder("cf-main", page, TargetOutcome.Status.SUCCEEDED).build())
                .outcome(TargetOutcome.builder("akamai", page, TargetOutcome.Status.IN_PROGRESS).build())
                .build();

        assertThat(both.outcomes()).extracting(TargetOutcome::provider).containsExactly("cf-main", "akamai");
        assertThat(both.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
    }

    @Test
    void aFailedOutcomeNeedsItsErrorAndOnlyAFailedOneHasOne() {
        PurgeTarget tag = PurgeTarget.tag("a");
        assertThatIllegalArgumentException().isThrownBy(() ->
                TargetOutcome.builder("test", tag, TargetOutcome.Status.FAILED).build());
        assertThatIllegalArgumentException().isThrownBy(() ->
                TargetOutcome.builder("test", tag, TargetOutcome.Status.SUCCEEDED)
                        .error(new PurgeException("no")).build());
    }

    @Test
    void figuresAddUp() {
        PurgeStats a = PurgeStats.builder().calls(2).requests(3).retries(1).throttled(1)
                .elapsed(Duration.ofSeconds(4)).started(java.time.Instant.parse("2026-01-01T00:00:02Z")).build();
        PurgeStats b = PurgeStats.builder().calls(1).requests(1).elapsed(Duration.ofSeconds(6))
                .billableItems(OptionalLong.of(10)).started(java.time.Instant.parse("2026-01-01T00:00:01Z")).build();

        PurgeStats sum = a.plus(b);

        assertThat(sum.calls()).isEqualTo(3);
        assertThat(sum.requests()).isEqualTo(4);
        assertThat(sum.retries()).isEqualTo(1);
        assertThat(sum.throttled()).isEqualTo(1);
        assertThat(sum.elapsed()).isEqualTo(Duration.ofSeconds(6));
        assertThat(sum.billableItems()).hasValue(10);
        assertThat(sum.started()).hasValue(java.time.Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(a.plus(PurgeStats.empty()).started()).isEqualTo(a.started());
        assertThat(PurgeStats.empty().plus(a).started()).isEqualTo(a.started());
        assertThat(PurgeStats.empty().plus(PurgeStats.empty()).billableItems()).isEmpty();
        assertThat(PurgeStats.empty().started()).isEmpty();
    }

    @Test
    void aFailedResultNamesItsCausesGroupedWithoutCredentials() {
        harness.backend.secrets("s3cr3t-token-123");
        harness.backend.failWhen(batch -> batch.kind() == PurgeTarget.Kind.TAG,
                () -> new PurgeAuthenticationException("test answered HTTP 403 (code 10000): Authentication error. "
                        + "Check test.apiToken (now s3cr3t-token-123)", 403, "10000", "ray-1"));
        harness.backend.failWhen(batch -> batch.kind() == PurgeTarget.Kind.HOST,
                () -> new PurgeServiceException("test answered HTTP 400: bad host", 400, null, null, false, null));
        PurgeRequest.Builder request = PurgeRequest.builder().host("www.example.com");
        for (int i = 0; i < 100; i++) {
            request.tag("tag-" + i);
        }

        String text = harness.client().purge(request.build()).toString();

        assertThat(text).startsWith("PurgeResult{test FAILED, 101 targets, calls=5")
                .contains("; 100 FAILED: authentication — test answered HTTP 403 (code 10000): Authentication "
                        + "error. Check test.apiToken (now [REDACTED])")
                .contains("; 1 FAILED: test answered HTTP 400: bad host")
                .doesNotContain("s3cr3t-token-123");
    }

    @Test
    void aResultIsDerivedWithToBuilder() {
        PurgeResult result = harness.client().purge(PurgeRequest.builder().tag("a").build());

        PurgeResult later = result.toBuilder().timedOut(true).build();

        assertThat(later.outcomes()).isEqualTo(result.outcomes());
        assertThat(later.timedOut()).isTrue();
        assertThat(later).isNotEqualTo(result);
    }
}
