package io.cdnpurge.internal;

import io.cdnpurge.RateLimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket that lends ahead: a reservation always succeeds, taking the bucket below zero, and returns how
 * long the caller must wait for its tokens to have been refilled. Later reservations queue behind earlier ones.
 */
final class TokenBucket implements Limiter {
    private final RateLimit limit;
    private double tokens;
    private Instant refilledAt;
    private Instant blockedUntil;

    TokenBucket(RateLimit limit, Instant now) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.refilledAt = now;
        this.blockedUntil = now;
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public Duration waitFor(long permits, Instant now) {
        refill(now);
        double deficit = permits - tokens;
        Duration forTokens = deficit <= 0 ? Duration.ZERO
                : Duration.ofNanos((long) Math.ceil(deficit / limit.permitsPerSecond() * 1_000_000_000d));
        Duration forBlock = blockedUntil.isAfter(now) ? Duration.between(now, blockedUntil) : Duration.ZERO;
        return forTokens.compareTo(forBlock) >= 0 ? forTokens : forBlock;
    }

    @Override
    public void take(long permits, Instant now, Instant at) {
        refill(now);
        tokens -= permits;
    }

    @Override
    public void refund(long permits, Instant at) {
        tokens = Math.min(limit.burst(), tokens + permits);
    }

    @Override
    public long available(Instant now) {
        refill(now);
        return blockedUntil.isAfter(now) ? 0 : Math.max(0, (long) Math.floor(tokens));
    }

    /** Tokens are kept: the block only holds requests back until {@code until}. */
    @Override
    public void blockUntil(Instant until) {
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1_000_000_000d;
            tokens = Math.min(limit.burst(), tokens + seconds * limit.permitsPerSecond());
            refilledAt = now;
        }
    }
}
