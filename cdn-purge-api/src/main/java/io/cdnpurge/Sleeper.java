package io.cdnpurge;

import java.time.Duration;

/**
 * Waits. The engine waits only through a {@code Sleeper}, so tests can pass one that advances a fake clock
 * instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Blocks for the duration (returns at once for zero or negative durations). */
    void sleep(Duration duration) throws InterruptedException;

    /** The real one: {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
            }
        };
    }
}
