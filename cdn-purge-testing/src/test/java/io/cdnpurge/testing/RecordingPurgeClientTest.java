package io.cdnpurge.testing;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.UnsupportedPurgeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingPurgeClientTest {

    @Test
    void recordsEveryRequestCallAndPurgedTarget() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        PurgeRequest request = PurgeRequest.builder().url("https://www.example.com/a").tag("article-1")
                .mode(PurgeMode.DELETE).idempotencyKey("k-1").build();

        PurgeResult result = cdn.purge(request);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(cdn.requests()).containsExactly(request);
        assertThat(cdn.calls()).hasSize(2).allSatisfy(call -> {
            assertThat(call.mode()).isEqualTo(PurgeMode.DELETE);
            assertThat(call.idempotencyKey()).contains("k-1");
        });
        assertThat(cdn.purgedUrls()).containsExactly("https://www.example.com/a");
        assertThat(cdn.purgedTags()).containsExactly("article-1");
        assertThat(cdn.wasPurged("https://www.example.com/a")).isTrue();
    }

    @Test
    void isTheMemoryProviderFoundByDiscovery() {
        try (PurgeClient client = CdnPurge.client("memory", PurgeConfig.empty(),
                ClientOptions.builder().logging(false).build())) {
            assertThat(client).isInstanceOf(RecordingPurgeClient.class);
            client.purge(PurgeRequest.builder().tag("t").build());
            assertThat(((RecordingPurgeClient) client).purgedTags()).containsExactly("t");
        }
    }

    @Test
    void scriptedFailuresAreRetriedByTheEngineOnVirtualTime() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        cdn.failNextAttempts(2, Failures.throttled(Duration.ofSeconds(30)));

        PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(cdn.calls()).hasSize(3);
        assertThat(cdn.calls().get(0).failure())
                .hasValueSatisfying(message -> assertThat(message).contains("slow down"));
        assertThat(cdn.clock().sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void aFailedAttemptIsRetriedAwayButAFailedCallFailsForGood() {
        RecordingPurgeClient blip = RecordingPurgeClient.create();
        blip.failNextAttempts(1, Failures.serverError());
        assertThat(blip.purge(PurgeRequest.builder().tag("t").build()).status())
                .isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(blip.calls()).hasSize(2);

        RecordingPurgeClient outage = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.maxAttempts",
                "3")));
        outage.failNextCalls(1, Failures.serverError());
        PurgeResult failed = outage.purge(PurgeRequest.builder().tag("t").build());
        assertThat(failed.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(outage.calls()).hasSize(3).allSatisfy(call -> assertThat(call.failure()).isPresent());
        // the next call is not failed
        assertThat(outage.purge(PurgeRequest.builder().tag("u").build()).status())
                .isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void aVendorDownForAWhileFailsEveryAttemptUntilItIsBack() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.maxAttempts",
                "2")));
        cdn.failFor(Duration.ofSeconds(30), Failures.serverError());
        assertThat(cdn.purge(PurgeRequest.builder().tag("a").build()).status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(cdn.purge(PurgeRequest.builder().tag("b").build()).status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(cdn.calls()).hasSize(4).allSatisfy(call -> assertThat(call.failure()).isPresent());

        cdn.clock().advance(Duration.ofSeconds(30));
        assertThat(cdn.purge(PurgeRequest.builder().tag("c").build()).status())
                .isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(cdn.purgedTags()).containsExactly("c");
        assertThatThrownBy(() -> cdn.failFor(Duration.ofSeconds(-1), Failures.serverError()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void failuresAreMadeByWhatTheyMean() {
        assertThat(Failures.serverError().retryable()).isTrue();
        assertThat(Failures.timeout().retryable()).isTrue();
        assertThat(Failures.throttled(Duration.ofSeconds(3)).retryable()).isTrue();
        assertThat(Failures.authentication().retryable()).isFalse();
        assertThat(Failures.permission().retryable()).isFalse();
        assertThat(Failures.rejected("bad tag").retryable()).isFalse();

        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        cdn.failNextCalls(1, Failures.authentication());
        assertThat(cdn.purge(PurgeRequest.builder().tag("t").build()).status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(cdn.calls()).hasSize(1);
    }

    @Test
    void aPermanentScriptedFailureFailsTheTargets() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        cdn.failNextCalls(1, Failures.rejected("no such zone"));

        PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(cdn.purgedTargets()).isEmpty();
    }

    @Test
    void refusedTargetsMakeAPartialResult() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        cdn.refuseTargets(target -> target.value().endsWith("/b"),
                Failures.rejected("refused"));

        PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/a")
                .url("https://www.example.com/b").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).extracting(o -> o.target().value()).containsExactly("https://www.example.com/b");
        assertThat(cdn.purgedUrls()).containsExactly("https://www.example.com/a");
    }

    @Test
    void slowAnswersTakeVirtualTime() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        cdn.respondAfter(Duration.ofSeconds(4));

        PurgeResult result = cdn.purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.stats().elapsed()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void slowCompletionStaysInProgressUntilTheEstimate() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        cdn.completeAfter(Duration.ofSeconds(5));

        PurgeResult result = cdn.purge(PurgeRequest.builder().tag("t").build());
        assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(result.outcomes().get(0).status()).isEqualTo(TargetOutcome.Status.IN_PROGRESS);

        PurgeResult done = cdn.awaitCompletion(result, Duration.ofMinutes(1));
        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(cdn.clock().slept()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void limitsAndKindsAreConfigurableToActLikeAVendor() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of(
                "memory.maxItems", "2", "memory.kinds", "url,tag")));

        cdn.purge(PurgeRequest.builder().url("https://a.example/1").url("https://a.example/2")
                .url("https://a.example/3").build());
        assertThat(cdn.calls()).hasSize(2);
        assertThatThrownBy(() -> cdn.purge(PurgeRequest.builder().host("a.example").build()))
                .isInstanceOf(UnsupportedPurgeException.class).hasMessageContaining("host");
    }

    @Test
    void invalidRequestsAreNotRecorded() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.kinds", "url")));

        assertThatThrownBy(() -> cdn.purge(PurgeRequest.builder().tag("t").build()))
                .isInstanceOf(UnsupportedPurgeException.class);
        assertThatThrownBy(() -> PurgeRequest.builder().url("not a url").build())
                .isInstanceOf(InvalidPurgeRequestException.class);
        assertThat(cdn.requests()).isEmpty();
        assertThat(cdn.calls()).isEmpty();
    }

    @Test
    void resetForgetsEverything() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        cdn.purge(PurgeRequest.builder().target(PurgeTarget.tag("t")).build());
        cdn.reset();

        assertThat(cdn.requests()).isEmpty();
        assertThat(cdn.calls()).isEmpty();
        assertThat(cdn.purgedTargets()).isEmpty();
    }
}
