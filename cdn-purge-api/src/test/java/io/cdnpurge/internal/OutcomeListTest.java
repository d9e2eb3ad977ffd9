package io.cdnpurge.internal;

import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.BatchResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomeListTest {
    private static final List<PurgeTarget> TARGETS = List.of(PurgeTarget.tag("t0"), PurgeTarget.tag("t1"),
            PurgeTarget.tag("t2"), PurgeTarget.tag("t3"), PurgeTarget.tag("t4"));

    @Test
    void outcomesFollowTheRequestWhateverOrderTheCallsHeldTheTargetsIn() {
        BatchResult answer = BatchResult.builder(200).reference("call-1").targetReference(TARGETS.get(4), "own-4")
                .requestId("req-1").build();
        PurgeException refusal = new PurgeException("refused t2");
        List<CallOutcome> calls = List.of(
                CallOutcome.accepted(TARGETS, IntList.of(4, 0, 2), "zone-a", answer, true,
                        Map.of(TARGETS.get(2), refusal), null, null),
                CallOutcome.failed(TARGETS, IntList.of(3, 1), "zone-b", new PurgeException("down")));

        OutcomeList outcomes = OutcomeList.of("acme", 5, calls);

        assertThat(outcomes).extracting(TargetOutcome::target).containsExactlyElementsOf(TARGETS);
        assertThat(outcomes).extracting(TargetOutcome::status).containsExactly(TargetOutcome.Status.SUCCEEDED,
                TargetOutcome.Status.FAILED, TargetOutcome.Status.FAILED, TargetOutcome.Status.FAILED,
                TargetOutcome.Status.SUCCEEDED);
        assertThat(outcomes.get(0).vendorReference()).contains("call-1");
        assertThat(outcomes.get(4).vendorReference()).contains("own-4");
        assertThat(outcomes.get(0).requestId()).contains("req-1");
        assertThat(outcomes.get(0).scope()).contains("zone-a");
        assertThat(outcomes.get(1).scope()).contains("zone-b");
        assertThat(outcomes.get(2).error()).containsSame(refusal);
        assertThat(outcomes.get(3).error().orElseThrow()).hasMessage("down");
        assertThat(outcomes.count(TargetOutcome.Status.FAILED)).isEqualTo(3);
        assertThat(outcomes.count(TargetOutcome.Status.SUCCEEDED)).isEqualTo(2);
        assertThat(outcomes.count(TargetOutcome.Status.IN_PROGRESS)).isZero();
        assertThat(outcomes).isEqualTo(new ArrayList<>(outcomes));
    }

    @Test
    void callsInRequestOrderKeepNoPositions() {
        BatchResult answer = BatchResult.builder(200).reference("r").build();
        OutcomeList outcomes = OutcomeList.of("acme", 5, List.of(
                CallOutcome.accepted(TARGETS, IntList.range(0, 3), "z", answer, false, Map.of(), null, null),
                CallOutcome.accepted(TARGETS, IntList.range(3, 2), "z", answer, true, Map.of(), null, null)));

        assertThat(outcomes).extracting(TargetOutcome::target).containsExactlyElementsOf(TARGETS);
        assertThat(outcomes.count(TargetOutcome.Status.IN_PROGRESS)).isEqualTo(3);
        assertThat(outcomes.get(3).status()).isEqualTo(TargetOutcome.Status.SUCCEEDED);
        assertThatThrownBy(() -> outcomes.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aTargetWithoutOutcomeOrWithTwoIsAnEngineBugNotASilentGap() {
        PurgeException down = new PurgeException("down");

        assertThatThrownBy(() -> OutcomeList.of("acme", 5, List.of(CallOutcome.failed(TARGETS, IntList.of(0, 1),
                null, down)))).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 outcomes for 5");
        assertThatThrownBy(() -> OutcomeList.of("acme", 2, List.of(CallOutcome.failed(TARGETS, IntList.of(1, 1),
                null, down)))).isInstanceOf(IllegalStateException.class).hasMessageContaining("two outcomes");
    }
}
