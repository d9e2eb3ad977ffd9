package io.cdnpurge.testing;

import io.cdnpurge.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that moves only when told, and a {@link Sleeper} that moves it instead of sleeping, so tests of retries,
 * rate limits and completion run in no time. Thread-safe.
 *
 * <pre>{@code
 * FakeClock clock = new FakeClock();
 * ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).build();
 * // … purge …
 * assertThat(clock.sleeps()).contains(Duration.ofSeconds(2));
 * }</pre>
 */
public final class FakeClock extends Clock {
    private final ZoneId zone;
    private final Object lock = new Object();
    private Instant now;
    private final List<Duration> sleeps;

    /** Starts at 2026-01-01T00:00:00Z. */
    public FakeClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public FakeClock(Instant start) {
        this.now = start;
        this.zone = ZoneOffset.UTC;
        this.sleeps = new ArrayList<>();
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + duration);
        }
        synchronized (lock) {
            now = now.plus(duration);
        }
    }

    /** A sleeper that records the wait and advances this clock by it, returning at once. */
    public Sleeper sleeper() {
        return duration -> {
            synchronized (lock) {
                sleeps.add(duration);
            }
            advance(duration);
        };
    }

    /** Every wait asked of {@link #sleeper()}, in order. */
    public List<Duration> sleeps() {
        synchronized (lock) {
            return List.copyOf(sleeps);
        }
    }

    /** The total of every wait asked of {@link #sleeper()}. */
    public Duration slept() {
        return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in another zone: it moves when this one moves. */
    @Override
    public Clock withZone(ZoneId newZone) {
        FakeClock self = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return self.instant();
            }

            @Override
            public ZoneId getZone() {
                return newZone;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return self.withZone(zone);
            }
        };
    }

    @Override
    public String toString() {
        return "FakeClock{" + instant() + "}";
    }
}
