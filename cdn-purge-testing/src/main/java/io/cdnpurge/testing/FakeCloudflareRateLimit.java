package io.cdnpurge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The token bucket behind {@link FakeCloudflareApi#rateLimit}: Cloudflare meters purges per account as a bucket
 * that refills at a steady rate up to a burst (vendors.md 3.4). It starts full.
 */
final class FakeCloudflareRateLimit {

    private final Clock clock;
    private final double tokensPerSecond;
    private final int burst;
    private double tokens;
    private Instant refilledAt;

    FakeCloudflareRateLimit(Clock clock, double tokensPerSecond, int burst) {
        this.clock = clock;
        this.tokensPerSecond = tokensPerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = clock.instant();
    }

    /** Takes one token; returns {@link Duration#ZERO} on success, otherwise how long until one is available. */
    synchronized Duration tryAcquire() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double elapsedSeconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + elapsedSeconds * tokensPerSecond);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / tokensPerSecond * 1e9);
        return Duration.ofNanos(Math.max(1, waitNanos));
    }
}
