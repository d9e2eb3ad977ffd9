package io.cdnpurge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until told to move. Thread-safe. */
public final class FakeClock extends Clock {
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private Instant now = START;

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** How long the clock has moved since it was created. */
    public synchronized Duration elapsed() {
        return Duration.between(START, now);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a FakeClock is always UTC");
    }
}
