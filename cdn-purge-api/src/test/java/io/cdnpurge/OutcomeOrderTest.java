package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever order the calls hold their targets in, a result has one outcome per distinct target, in request order. */
class OutcomeOrderTest {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void targetsOfInterleavedScopesComeBackInRequestOrder() {
        harness.backend.scopes(target -> {
            if (target.value().endsWith("/broken")) {
                throw new PurgeException("no zone for " + target.value());
            }
            return URI.create(target.value()).getHost();
        });
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            urls.add("https://" + (i % 3 == 0 ? "a" : "b") + ".example.com/page/" + i);
        }
        urls.add(50, "https://a.example.com/broken");
        urls.add("https://b.example.com/page/7");

        PurgeResult result = harness.client().purge(PurgeRequest.ofUrls(urls));

        List<String> distinct = urls.subList(0, urls.size() - 1);
        assertThat(result.outcomes()).extracting(outcome -> outcome.target().value())
                .containsExactlyElementsOf(distinct);
        assertThat(result.outcomes()).allSatisfy(outcome -> {
            if (outcome.target().value().endsWith("/broken")) {
                assertThat(outcome.status()).isEqualTo(TargetOutcome.Status.FAILED);
                assertThat(outcome.error().orElseThrow()).hasMessageContaining("no zone for");
            } else {
                assertThat(outcome.status()).isEqualTo(TargetOutcome.Status.SUCCEEDED);
                assertThat(outcome.scope()).contains(URI.create(outcome.target().value()).getHost());
            }
        });
        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).hasSize(1);
    }

    @Test
    void byteLimitedPackingReordersTheCallsButNotTheOutcomes() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.itemsAndBytes(1000, 400, 13, 1)).build());
        List<String> urls = IntStream.range(0, 200)
                .mapToObj(i -> "https://www.example.com/" + "x".repeat(i * 7 % 50) + "/" + i)
                .collect(Collectors.toList());

        PurgeResult result = harness.client().purge(PurgeRequest.ofUrls(urls));

        List<String> sent = harness.backend.sentTargets().stream().map(PurgeTarget::value)
                .collect(Collectors.toList());
        assertThat(sent).containsExactlyInAnyOrderElementsOf(urls).isNotEqualTo(urls);
        assertThat(result.outcomes()).extracting(outcome -> outcome.target().value()).containsExactlyElementsOf(urls);
        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.outcomes()).allSatisfy(outcome -> assertThat(outcome.vendorReference()).isPresent());
    }

    @Test
    void aCallTheProviderFailsToMakeFailsItsOwnTargetsOnly() {
        harness.backend.scopes(target -> URI.create(target.value()).getHost());
        harness.backend.failToMakeCalls(batch -> batch.scope().equals("b.example.com"));
        PurgeRequest request = PurgeRequest.ofUrls(List.of("https://a.example.com/1", "https://b.example.com/2",
                "https://a.example.com/3"));
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(request);
        PurgePlan plan = client.plan(request);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.outcomes()).extracting(TargetOutcome::status).containsExactly(TargetOutcome.Status.SUCCEEDED,
                TargetOutcome.Status.FAILED, TargetOutcome.Status.SUCCEEDED);
        assertThat(result.outcomes().get(1).error().orElseThrow().getMessage())
                .contains("test provider failed unexpectedly making the call for URL×1 @b.example.com")
                .contains("IllegalStateException").contains("please report it");
        assertThat(harness.backend.sentTargets()).extracting(PurgeTarget::value)
                .containsExactly("https://a.example.com/1", "https://a.example.com/3");
        assertThat(plan.calls()).hasSize(1);
        assertThat(plan.notes()).singleElement().asString().contains("https://b.example.com/2")
                .contains("failed unexpectedly making the call");
    }

    @Test
    void theEnginesCompactOutcomesAreAValueLikeAnyOther() {
        PurgeResult result = harness.client().purge(PurgeRequest.ofUrls(EngineHarness.urls(95)));

        PurgeResult copied = PurgeResult.builder(result.providerId()).outcomes(new ArrayList<>(result.outcomes()))
                .stats(result.stats()).build();
        assertThat(copied).isEqualTo(result).hasSameHashCodeAs(result);
        assertThat(copied.toString()).isEqualTo(result.toString());
        TargetOutcome extra = TargetOutcome.builder("test", PurgeTarget.tag("late"), TargetOutcome.Status.FAILED)
                .error(new PurgeException("refused")).build();
        PurgeResult grown = result.toBuilder().outcome(extra).build();
        assertThat(grown.outcomes()).hasSize(96).endsWith(extra).startsWith(result.outcomes().get(0));
        assertThat(grown.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.toBuilder().timedOut(true).build().outcomes()).isEqualTo(result.outcomes());
        assertThat(Map.of("k", result.outcomes()).get("k")).hasSize(95);
    }
}
