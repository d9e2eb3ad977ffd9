package io.cdnpurge;

import io.cdnpurge.spi.PurgeBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.cdnpurge.EngineHarness.urls;
import static org.assertj.core.api.Assertions.assertThat;

class PlanningTest {
    private static final int ENVELOPE = 14;
    private static final int SEPARATOR = 1;

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private PurgeClient clientWithLimit(BatchLimit limit) {
        harness.backend.capabilities(ScriptedBackend.allKinds(limit).build());
        return harness.client();
    }

    /** The body size as the test counts it: envelope, the items, and a separator between two items. */
    private static int bodyBytes(List<PurgeTarget> targets) {
        int items = targets.stream().mapToInt(ScriptedBackend::jsonStringBytes).sum();
        return ENVELOPE + items + Math.max(0, targets.size() - 1) * SEPARATOR;
    }

    @Test
    void aThousandUrlsWithALimitOfThirtyArePlannedAsThirtyFourCalls() {
        PurgeClient client = clientWithLimit(BatchLimit.items(30));

        PurgePlan plan = client.plan(PurgeRequest.ofUrls(urls(1000)));

        assertThat(plan.calls()).hasSize(34);
        assertThat(plan.calls()).allSatisfy(call -> assertThat(call.targets()).hasSizeLessThanOrEqualTo(30));
        assertThat(plan.minimumCalls()).isEqualTo(34);
        assertThat(plan.targetCount()).isEqualTo(1000);
    }

    @Test
    void aThousandUrlsWithALimitOfThirtyAreSentInThirtyFourCalls() {
        PurgeClient client = clientWithLimit(BatchLimit.items(30));

        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(1000)));

        assertThat(harness.backend.batches()).hasSize(34);
        assertThat(harness.backend.sentTargets()).hasSize(1000).doesNotHaveDuplicates();
        assertThat(result.stats().calls()).isEqualTo(34);
    }

    @Test
    void aThousandUrlsWithALimitOfFiveHundredAreSentInTwoCalls() {
        PurgeClient client = clientWithLimit(BatchLimit.items(500));

        client.purge(PurgeRequest.ofUrls(urls(1000)));

        assertThat(harness.backend.batches()).extracting(batch -> batch.targets().size()).containsOnly(500);
    }

    @Test
    void mixedKindsGoToOneCallPerKind() {
        PurgeClient client = clientWithLimit(BatchLimit.items(30));
        PurgeRequest request = PurgeRequest.builder()
                .url("https://www.example.com/a").tag("t1").host("www.example.com")
                .url("https://www.example.com/b").tag("t2").prefix("https://www.example.com/assets/")
                .build();

        client.purge(request);

        assertThat(harness.backend.batches()).hasSize(4);
        assertThat(harness.backend.batches()).extracting(PurgeBatch::kind).doesNotHaveDuplicates();
        assertThat(harness.backend.batches()).allSatisfy(batch -> assertThat(batch.targets())
                .allSatisfy(target -> assertThat(target.kind()).isEqualTo(batch.kind())));
    }

    @Test
    void duplicateTargetsAreSentOnce() {
        PurgeClient client = clientWithLimit(BatchLimit.items(30));
        PurgeRequest request = PurgeRequest.builder().tag("a").tag("b").tag("a")
                .url("https://www.example.com/").url("https://www.example.com/").build();

        client.purge(request);

        assertThat(harness.backend.sentTargets()).containsExactlyInAnyOrder(PurgeTarget.tag("a"),
                PurgeTarget.tag("b"), PurgeTarget.url("https://www.example.com/"));
    }

    @Test
    void duplicateTargetsAreCountedInThePlan() {
        PurgeClient client = clientWithLimit(BatchLimit.items(30));
        PurgeRequest request = PurgeRequest.builder().tag("a").tag("b").tag("a").tag("a").build();

        PurgePlan plan = client.plan(request);

        assertThat(plan.duplicatesRemoved()).isEqualTo(2);
        assertThat(plan.targetCount()).isEqualTo(2);
    }

    @Test
    void targetsInDifferentScopesGoToDifferentCalls() {
        harness.backend.scopes(target -> URI.create(target.value()).getHost());
        PurgeClient client = clientWithLimit(BatchLimit.items(30));
        PurgeRequest request = PurgeRequest.builder()
                .url("https://a.example.com/1").url("https://b.example.com/1")
                .url("https://a.example.com/2").url("https://b.example.com/2").build();

        client.purge(request);

        assertThat(harness.backend.batches()).hasSize(2);
        assertThat(harness.backend.batches()).allSatisfy(batch -> assertThat(batch.targets())
                .allSatisfy(target -> assertThat(URI.create(target.value()).getHost()).isEqualTo(batch.scope())));
    }

    @Test
    void byteLimitedBatchesStayWithinMaxBytesCountingEnvelopeAndSeparators() {
        PurgeClient client = clientWithLimit(BatchLimit.itemsAndBytes(10_000, 400, ENVELOPE, SEPARATOR));
        List<String> urls = IntStream.range(0, 60)
                .mapToObj(i -> "https://www.example.com/" + "x".repeat(i % 17 * 5) + "/" + i)
                .collect(Collectors.toList());

        PurgePlan plan = client.plan(PurgeRequest.ofUrls(urls));

        assertThat(plan.calls()).allSatisfy(call -> {
            assertThat(bodyBytes(call.targets())).isLessThanOrEqualTo(400);
            assertThat(call.bytes()).isEqualTo(bodyBytes(call.targets()));
        });
        assertThat(plan.calls()).flatExtracting(PurgePlan.PlannedCall::targets).hasSize(60).doesNotHaveDuplicates();
        assertThat(plan.calls().size()).isGreaterThanOrEqualTo(plan.minimumCalls());
    }

    @Test
    void byteLimitedPackingOfEqualSizeItemsNeedsOnlyTheMinimumCalls() {
        List<String> urls = IntStream.range(0, 100)
                .mapToObj(i -> String.format("https://www.example.com/asset/%05d.js", i))
                .collect(Collectors.toList());
        int perItem = ScriptedBackend.jsonStringBytes(PurgeTarget.url(urls.get(0))) + SEPARATOR;
        int maxBytes = ENVELOPE - SEPARATOR + 7 * perItem;
        PurgeClient client = clientWithLimit(BatchLimit.itemsAndBytes(10_000, maxBytes, ENVELOPE, SEPARATOR));

        PurgePlan plan = client.plan(PurgeRequest.ofUrls(urls));

        assertThat(plan.minimumCalls()).isEqualTo(15);
        assertThat(plan.calls()).hasSize(plan.minimumCalls());
        assertThat(plan.calls()).allSatisfy(call -> assertThat(bodyBytes(call.targets())).isLessThanOrEqualTo(maxBytes));
    }

    @Test
    void byteLimitedBatchesAlsoRespectTheItemLimit() {
        PurgeClient client = clientWithLimit(BatchLimit.itemsAndBytes(4, 100_000, ENVELOPE, SEPARATOR));

        PurgePlan plan = client.plan(PurgeRequest.ofUrls(urls(10)));

        assertThat(plan.calls()).extracting(call -> call.targets().size()).containsExactly(4, 4, 2);
    }

    @Test
    void planSendsNothing() {
        PurgeClient client = clientWithLimit(BatchLimit.items(30));

        client.plan(PurgeRequest.ofUrls(urls(100)));

        assertThat(harness.backend.batches()).isEmpty();
        assertThat(harness.listener.events()).isEmpty();
    }

    @Test
    void plannedCallsCarryTheBackendDescription() {
        harness.backend.describer(batch -> "POST /zones/" + batch.scope() + "/purge_cache " + batch.targets().size());
        PurgeClient client = clientWithLimit(BatchLimit.items(30));

        PurgePlan plan = client.plan(PurgeRequest.ofUrls(urls(31)));

        assertThat(plan.calls()).extracting(PurgePlan.PlannedCall::description)
                .containsExactly("POST /zones/zone-1/purge_cache 30", "POST /zones/zone-1/purge_cache 1");
    }

    @Test
    void aTargetWhoseScopeCannotBeFoundIsNotedInThePlan() {
        harness.backend.scopes(target -> {
            if (target.value().equals("missing")) {
                throw new PurgeException("no zone holds tag 'missing'");
            }
            return "zone-1";
        });
        PurgeClient client = clientWithLimit(BatchLimit.items(30));

        PurgePlan plan = client.plan(PurgeRequest.builder().tag("found").tag("missing").build());

        assertThat(plan.calls()).hasSize(1);
        assertThat(plan.notes()).singleElement().asString().contains("tag missing").contains("no zone holds");
    }

    @Test
    void batchesCarryTheModeActionAndIdempotencyKeyOfTheRequest() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(30))
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE).actions(PurgeAction.PURGE, PurgeAction.PREFETCH)
                .build());
        PurgeClient client = harness.client();

        client.purge(PurgeRequest.builder().tag("a").mode(PurgeMode.DELETE).action(PurgeAction.PREFETCH)
                .idempotencyKey("publish-42").build());

        PurgeBatch batch = harness.backend.batches().get(0);
        assertThat(batch.mode()).isEqualTo(PurgeMode.DELETE);
        assertThat(batch.action()).isEqualTo(PurgeAction.PREFETCH);
        assertThat(batch.idempotencyKey()).hasValue("publish-42");
    }

    @Test
    void itemLimitedCallsKeepTheTargetOrder() {
        PurgeClient client = clientWithLimit(BatchLimit.items(3));
        List<String> urls = urls(7);

        PurgePlan plan = client.plan(PurgeRequest.ofUrls(urls));

        List<String> planned = new ArrayList<>();
        plan.calls().forEach(call -> call.targets().forEach(target -> planned.add(target.value())));
        assertThat(planned).isEqualTo(urls);
    }
}
