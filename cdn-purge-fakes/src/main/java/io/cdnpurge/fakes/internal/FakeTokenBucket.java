package io.cdnpurge.fakes.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A vendor-side token bucket for the fakes: it refills at a steady rate on the fake's clock up to its size, and
 * starts full. Cloudflare meters purges with one (https://developers.cloudflare.com/cache/how-to/purge-cache/), Akamai with one per object type and one for
 * requests (2.4). Thread-safe.
 */
public final class FakeTokenBucket {

    private final Clock clock;
    private final double tokensPerSecond;
    private final double size;
    private double tokens;
    private Instant refilledAt;

    public FakeTokenBucket(Clock clock, double tokensPerSecond, double size) {
        this.clock = clock;
        this.tokensPerSecond = tokensPerSecond;
        this.size = size;
        this.tokens = size;
        this.refilledAt = clock.instant();
    }

    /** The tokens there are now. */
    public synchronized double available() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double elapsedSeconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(size, tokens + elapsedSeconds * tokensPerSecond);
            refilledAt = now;
        }
        return tokens;
    }

    /** Takes {@code count} tokens, which the caller has seen {@link #available()}. */
    public synchronized void take(double count) {
        tokens -= count;
    }

    /** Takes one token; returns {@link Duration#ZERO} on success, otherwise how long until one is available. */
    public synchronized Duration tryAcquire() {
        if (available() >= 1) {
            take(1);
            return Duration.ZERO;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / tokensPerSecond * 1e9);
        return Duration.ofNanos(Math.max(1, waitNanos));
    }
}
