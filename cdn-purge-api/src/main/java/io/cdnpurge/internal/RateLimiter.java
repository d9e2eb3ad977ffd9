package io.cdnpurge.internal;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.RateLimit;
import io.cdnpurge.SharedRateBudget;

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
        /** Whether the shared budget gave this request its permits too (then a refund goes there as well). */
        private boolean shared;

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
    private final SharedRateBudget budget;
    private final String account;

    RateLimiter(List<RateLimit> limits, Clock clock) {
        this(limits, clock, null, null);
    }

    /**
     * @param budget  the budget shared with the account's other clients, or null
     * @param account the account's name in it
     */
    RateLimiter(List<RateLimit> limits, Clock clock, SharedRateBudget budget, String account) {
        this.clock = clock;
        this.budget = limits.isEmpty() ? null : budget;
        this.account = account;
        if (budget != null && limits.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(RateLimiter.class).warn("client {} has a shared rate budget but no rate "
                    + "limits (rateLimit.enabled=false): it draws nothing from the budget of account '{}'", account,
                    account);
        }
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

    /** Until when the budget is passed over, after it failed or was slow to answer. */
    private volatile Instant budgetDownUntil = Instant.MIN;

    /** Whether requests also take their permits from a shared budget (now: not while it is passed over). */
    boolean sharing() {
        return budget != null && !clock.instant().isBefore(budgetDownUntil);
    }

    /** The budget failed or did not answer in time: requests go by the client's own limits for a while. */
    void budgetFailed(Duration passOverFor) {
        budgetDownUntil = clock.instant().plus(passOverFor);
    }

    /** The account's name in the shared budget. */
    String account() {
        return account;
    }

    /**
     * Reserves from the shared budget what the ticket took from the client's own limits, once the client's wait is
     * over: the longest wait of them, or empty (and nothing reserved) when one would be longer than {@code maxWait}.
     * Not synchronized: the budget may be a database round trip.
     *
     * @throws RuntimeException when the budget cannot be reached (what it reserved is given back)
     */
    Optional<SharedWait> reserveShared(Ticket ticket, Duration maxWait) {
        Duration longest = Duration.ZERO;
        String reason = null;
        int taken = 0;
        try {
            for (; taken < ticket.drawn.size(); taken++) {
                RateLimit limit = ticket.drawn.get(taken).limit();
                Optional<Duration> wait = budget.reserve(account, limit, ticket.permits.get(taken), maxWait);
                if (wait.isEmpty()) {
                    refundShared(ticket, taken);
                    return Optional.empty();
                }
                if (reason == null || wait.get().compareTo(longest) > 0) {
                    longest = wait.get();
                    reason = limit.toString();
                }
            }
        } catch (RuntimeException e) {
            refundShared(ticket, taken);
            throw e;
        }
        ticket.shared = true;
        return Optional.of(new SharedWait(longest, reason));
    }

    /** A wait for the shared budget, and for which of its limits. */
    static final class SharedWait {
        final Duration wait;
        final String reason;

        SharedWait(Duration wait, String reason) {
            this.wait = wait;
            this.reason = reason;
        }
    }

    private void refundShared(Ticket ticket, int count) {
        for (int i = 0; i < count; i++) {
            try {
                budget.refund(account, ticket.drawn.get(i).limit(), ticket.permits.get(i));
            } catch (RuntimeException e) {
                // the permits stay spent in the budget: its other clients wait a little longer, nothing is lost
            }
        }
    }

    /** Per limit, the permits a request could take now without waiting. */
    synchronized Map<String, Long> headroom() {
        Instant now = clock.instant();
        Map<String, Long> headroom = new java.util.TreeMap<>();
        for (Limiter limiter : limiters) {
            headroom.put(limiter.limit().name(), limiter.available(now));
        }
        return headroom;
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
    void refund(Ticket ticket) {
        synchronized (this) {
            for (int i = 0; i < ticket.drawn.size(); i++) {
                ticket.drawn.get(i).refund(ticket.permits.get(i), ticket.at);
            }
        }
        if (ticket.shared) {
            ticket.shared = false;
            refundShared(ticket, ticket.drawn.size());
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
