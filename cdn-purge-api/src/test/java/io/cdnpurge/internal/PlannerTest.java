package io.cdnpurge.internal;

import io.cdnpurge.PurgeTarget;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

    @Test
    void aRequestWithoutDuplicatesIsItsOwnDistinctList() {
        List<PurgeTarget> targets = List.of(PurgeTarget.tag("a"), PurgeTarget.tag("b"), PurgeTarget.host("a"));

        Planner.Distinct distinct = Planner.distinct(targets);

        assertThat(distinct.targets).isSameAs(targets);
        assertThat(distinct.duplicates).isZero();
    }

    @Test
    void duplicatesAreDroppedKeepingTheFirstOccurrenceInOrder() {
        PurgeTarget plain = PurgeTarget.url("https://www.example.com/a");
        PurgeTarget withHeaders = PurgeTarget.url("https://www.example.com/a", Map.of("Origin", "https://x.example"));
        List<PurgeTarget> targets = List.of(PurgeTarget.tag("b"), plain, PurgeTarget.tag("b"), withHeaders,
                PurgeTarget.url("https://WWW.example.com/a"), PurgeTarget.tag("c"), PurgeTarget.tag("b"));

        Planner.Distinct distinct = Planner.distinct(targets);

        assertThat(distinct.targets).containsExactly(PurgeTarget.tag("b"), plain, withHeaders, PurgeTarget.tag("c"));
        assertThat(distinct.duplicates).isEqualTo(3);
    }

    @Test
    void aHundredThousandTargetsWithEveryThirdRepeatedAreDeduplicatedExactly() {
        List<PurgeTarget> targets = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            targets.add(PurgeTarget.tag("t-" + (i % 3 == 2 ? i - 1 : i)));
        }

        Planner.Distinct distinct = Planner.distinct(targets);

        assertThat(distinct.duplicates).isEqualTo(33_333);
        assertThat(distinct.targets).hasSize(66_667).doesNotHaveDuplicates();
        assertThat(distinct.targets.get(2)).isEqualTo(PurgeTarget.tag("t-3"));
    }

    @Test
    void anIntListIsARangeUntilAValueBreaksIt() {
        IntList list = new IntList(4);
        for (int i = 5; i < 10; i++) {
            list.add(i);
        }
        assertThat(list.isRangeFrom(5)).isTrue();
        assertThat(list.isRangeFrom(0)).isFalse();
        assertThat(list.slice(1, 3).isRangeFrom(6)).isTrue();

        list.add(42);
        list.add(43);

        assertThat(list.size()).isEqualTo(7);
        assertThat(list.get(4)).isEqualTo(9);
        assertThat(list.get(5)).isEqualTo(42);
        assertThat(list.isRangeFrom(5)).isFalse();
        IntList slice = list.slice(4, 7);
        assertThat(new int[] {slice.get(0), slice.get(1), slice.get(2)}).containsExactly(9, 42, 43);
        assertThat(IntList.range(3, 2).isRangeFrom(3)).isTrue();
        assertThat(IntList.of(1, 2, 4).get(2)).isEqualTo(4);
        assertThatThrownBy(() -> list.get(7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.slice(3, 8)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
