package io.cdnpurge.internal;

import io.cdnpurge.PurgeEvent;
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
 * The client-side rate limits of one client (one vendor account), token buckets and sliding windows alike, taken
 * together for each request: a purge call draws from the limits of its kind (one permit, or one per item), any other
 * request from the limits of queries. A vendor's word that a limit is spent blocks that limit alone, or every limit
 * of the request when the vendor did not say which. Thread-safe.
 */
final class RateLimiter {
    /** What one request took, to give back when the vendor refused it. */
    static final class Ticket {
        final Duration wait;
        final Instant at;
        final String reason;
        private final List<Limiter> drawn;
        private final List<Long> permits;

        private Ticket(Duration wait, Instant at, String reason, List<Limiter> drawn, List<Long> permits) {
            this.wait = wait;
            this.at = at;
            this.reason = reason;
            this.drawn = drawn;
            this.permits = permits;
        }
    }

    private final List<Limiter> limiters;
    /** Blocks of purge calls by kind, which hold even for kinds no limit covers; guarded by this. */
    private final Map<PurgeTarget.Kind, Instant> kindBlocks = new EnumMap<>(PurgeTarget.Kind.class);
    private final Clock clock;

    RateLimiter(List<RateLimit> limits, Clock clock) {
        this.clock = clock;
        Instant now = clock.instant();
        List<Limiter> all = new ArrayList<>();
        for (RateLimit limit : limits) {
            all.add(limit.isSlidingWindow() ? new SlidingWindow(limit) : new TokenBucket(limit, now));
        }
        this.limiters = List.copyOf(all);
    }

    /**
     * Reserves what a request needs from every limit that applies, and says how long to wait before sending it
     * and for which limit; or, when that wait would exceed {@code maxWait}, reserves nothing and returns empty.
     *
     * @param kind  the kind of a purge call (ignored for other purposes)
     * @param items the targets of a purge call (ignored for other purposes)
     */
    synchronized Optional<Ticket> reserve(PurgeEvent.Purpose purpose, PurgeTarget.Kind kind, int items,
                                          Duration maxWait) {
        Instant now = clock.instant();
        Duration wait = kindBlock(purpose, kind, now);
        String reason = wait.isZero() ? null : "the vendor's word that its limit is spent";
        List<Limiter> drawn = limiters.isEmpty() ? List.of() : new ArrayList<>();
        List<Long> permits = limiters.isEmpty() ? List.of() : new ArrayList<>();
        for (Limiter limiter : limiters) {
            if (applies(limiter.limit(), purpose, kind)) {
                long amount = permits(limiter.limit(), purpose, items);
                Duration limiterWait = limiter.waitFor(amount, now);
                if (limiterWait.compareTo(wait) > 0) {
                    wait = limiterWait;
                    reason = limiter.limit().toString();
                }
                drawn.add(limiter);
                permits.add(amount);
            }
        }
        if (wait.compareTo(maxWait) > 0) {
            return Optional.empty();
        }
        Instant at = now.plus(wait);
        for (int i = 0; i < drawn.size(); i++) {
            drawn.get(i).take(permits.get(i), now, at);
        }
        return Optional.of(new Ticket(wait, at, reason, List.copyOf(drawn), List.copyOf(permits)));
    }

    /** How long a reservation made now would wait, without taking anything (for messages). */
    synchronized Duration peek(PurgeEvent.Purpose purpose, PurgeTarget.Kind kind, int items) {
        Instant now = clock.instant();
        Duration wait = kindBlock(purpose, kind, now);
        for (Limiter limiter : limiters) {
            if (applies(limiter.limit(), purpose, kind)) {
                Duration limiterWait = limiter.waitFor(permits(limiter.limit(), purpose, items), now);
                wait = limiterWait.compareTo(wait) > 0 ? limiterWait : wait;
            }
        }
        return wait;
    }

    /**
     * Gives back what a request took: the vendor throttled it, and a refused request uses none of the vendor's
     * permits (Akamai documents this), so its retry must not pay twice.
     */
    synchronized void refund(Ticket ticket) {
        for (int i = 0; i < ticket.drawn.size(); i++) {
            ticket.drawn.get(i).refund(ticket.permits.get(i), ticket.at);
        }
    }

    /**
     * The vendor refused a request or said a limit is spent: nothing drawing from the named limit goes out before
     * {@code until}; when the vendor named none (or one this client does not have), every limit the request drew
     * from is blocked.
     */
    synchronized void block(PurgeEvent.Purpose purpose, PurgeTarget.Kind kind, String limitName, Instant until) {
        boolean named = false;
        if (limitName != null) {
            for (Limiter limiter : limiters) {
                if (limiter.limit().name().equals(limitName)) {
                    limiter.blockUntil(until);
                    named = true;
                }
            }
        }
        if (!named) {
            if (purpose == PurgeEvent.Purpose.PURGE) {
                kindBlocks.merge(kind, until, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
            }
            for (Limiter limiter : limiters) {
                if (applies(limiter.limit(), purpose, kind)) {
                    limiter.blockUntil(until);
                }
            }
        }
    }

    private Duration kindBlock(PurgeEvent.Purpose purpose, PurgeTarget.Kind kind, Instant now) {
        Instant blocked = purpose == PurgeEvent.Purpose.PURGE ? kindBlocks.get(kind) : null;
        return blocked != null && blocked.isAfter(now) ? Duration.between(now, blocked) : Duration.ZERO;
    }

    private static boolean applies(RateLimit limit, PurgeEvent.Purpose purpose, PurgeTarget.Kind kind) {
        return purpose == PurgeEvent.Purpose.PURGE ? limit.appliesTo(kind) : limit.appliesToQueries();
    }

    private static long permits(RateLimit limit, PurgeEvent.Purpose purpose, int items) {
        return limit.unit() == RateLimit.Unit.REQUESTS || purpose != PurgeEvent.Purpose.PURGE ? 1 : items;
    }
}
