package io.cdnpurge.fakes.fastly;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The hourly write limit behind {@link FakeFastlyApi}: a count of purge-all calls per clock hour, reset on the hour
 * (Fastly's API rate limit: 1,000 non-read requests an hour, URL and key purges exempt;
 * https://www.fastly.com/documentation/reference/api/#rate-limiting).
 */
final class FakeFastlyRateLimit {

    private final int perHour;
    private Instant windowStart;
    private int used;

    FakeFastlyRateLimit(int perHour) {
        this.perHour = perHour;
    }

    /** Counts one call if the window has room; returns whether it had. */
    synchronized boolean tryAcquire(Clock clock) {
        roll(clock);
        if (used >= perHour) {
            return false;
        }
        used++;
        return true;
    }

    synchronized int remaining(Clock clock) {
        roll(clock);
        return perHour - used;
    }

    /** When the current window ends. */
    synchronized Instant reset(Clock clock) {
        roll(clock);
        return windowStart.plus(1, ChronoUnit.HOURS);
    }

    private void roll(Clock clock) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        if (windowStart == null || !hour.equals(windowStart)) {
            windowStart = hour;
            used = 0;
        }
    }
}
