package io.cdnpurge.internal;

import io.cdnpurge.PurgeTarget;
import io.cdnpurge.RateLimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token buckets of one client (one vendor account), taken together for each call, and the vendor's own word
 * that its window is spent, which holds even for kinds no bucket covers. Thread-safe.
 */
final class RateLimiter {
    private final List<TokenBucket> buckets;
    private final Map<PurgeTarget.Kind, Instant> blockedUntil = new EnumMap<>(PurgeTarget.Kind.class);
    private final Clock clock;

    RateLimiter(List<RateLimit> limits, Clock clock) {
        this.clock = clock;
        Instant now = clock.instant();
        List<TokenBucket> all = new ArrayList<>();
        for (RateLimit limit : limits) {
            all.add(new TokenBucket(limit, now));
        }
        this.buckets = List.copyOf(all);
    }

    /**
     * Reserves what a call of {@code items} targets of one kind needs from every bucket that applies, and returns
     * how long to wait before sending it; or, when that wait would exceed {@code maxWait}, reserves nothing and
     * returns empty.
     */
    synchronized Optional<Duration> reserve(PurgeTarget.Kind kind, int items, Duration maxWait) {
        Instant now = clock.instant();
        Instant blocked = blockedUntil.get(kind);
        Duration wait = blocked != null && blocked.isAfter(now) ? Duration.between(now, blocked) : Duration.ZERO;
        for (TokenBucket bucket : buckets) {
            if (bucket.limit().appliesTo(kind)) {
                Duration bucketWait = bucket.waitFor(permits(bucket, items), now);
                wait = bucketWait.compareTo(wait) > 0 ? bucketWait : wait;
            }
        }
        if (wait.compareTo(maxWait) > 0) {
            return Optional.empty();
        }
        for (TokenBucket bucket : buckets) {
            if (bucket.limit().appliesTo(kind)) {
                bucket.take(permits(bucket, items), now);
            }
        }
        return Optional.of(wait);
    }

    /**
     * Gives back the tokens a call of {@code items} targets reserved: the vendor throttled it, and a refused call
     * uses none of the vendor's tokens (Akamai documents this), so its retry must not pay twice.
     */
    synchronized void refund(PurgeTarget.Kind kind, int items) {
        for (TokenBucket bucket : buckets) {
            if (bucket.limit().appliesTo(kind)) {
                bucket.refund(permits(bucket, items));
            }
        }
    }

    /** The vendor refused or said its window is spent: no call of this kind goes out before {@code until}. */
    synchronized void blockUntil(PurgeTarget.Kind kind, Instant until) {
        blockedUntil.merge(kind, until, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
        for (TokenBucket bucket : buckets) {
            if (bucket.limit().appliesTo(kind)) {
                bucket.blockUntil(until);
            }
        }
    }

    private static long permits(TokenBucket bucket, int items) {
        return bucket.limit().unit() == RateLimit.Unit.REQUESTS ? 1 : items;
    }
}
