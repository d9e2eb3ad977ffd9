package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.PurgeException;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeTierTrackerTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-30T23:59:00Z"));

    @Test
    void twoTrackersOfOneJvmShareAStateFileWithoutLosingACount(@TempDir Path dir) {
        Path file = dir.resolve("paths");
        FreeTierTracker one = new FreeTierTracker(clock, 800, null, file);
        FreeTierTracker two = new FreeTierTracker(clock, 800, null, file);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (FreeTierTracker tracker : List.of(one, two)) {
            runs.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    tracker.charge(1, "a call");
                }
            }));
        }
        runs.forEach(CompletableFuture::join);
        assertThat(one.used()).isEqualTo(100);
        assertThat(file).content().isEqualTo("2026-11 100\n");
    }

    @Test
    void theCapRefusesWithoutCountingAndANewMonthStartsAtZero() {
        FreeTierTracker tracker = new FreeTierTracker(clock, 5, 10, null);
        tracker.charge(8, "first");
        assertThatThrownBy(() -> tracker.charge(3, "second")).isInstanceOf(PurgeException.class)
                .hasMessageContaining("cloudfront.freeTier.hardCap (10)").hasMessageContaining("second");
        assertThat(tracker.used()).isEqualTo(8);
        tracker.refund(2);
        assertThat(tracker.used()).isEqualTo(6);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tracker.used()).isZero();
    }
}
