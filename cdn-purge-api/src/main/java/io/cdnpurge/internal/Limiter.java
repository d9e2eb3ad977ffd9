package io.cdnpurge.internal;

import io.cdnpurge.RateLimit;

import java.time.Duration;
import java.time.Instant;

/**
 * One client-side rate limit. Reservations lend ahead: they always succeed, at the time they name, so later ones
 * queue behind earlier ones. Not thread-safe on its own: {@link RateLimiter} serialises access.
 */
interface Limiter {
    RateLimit limit();

    /** How long a reservation of {@code permits} made now would have to wait, without taking anything. */
    Duration waitFor(long permits, Instant now);

    /** Takes {@code permits} for a request sent at {@code at} (now or later). */
    void take(long permits, Instant now, Instant at);

    /** Gives back what a reservation at {@code at} took: the vendor refused the request and so counted none of it. */
    void refund(long permits, Instant at);

    /** The permits a reservation could take now without waiting (0 while blocked or lent ahead). */
    long available(Instant now);

    /** Nothing may be sent before {@code until}: the vendor said this limit is spent. */
    void blockUntil(Instant until);
}
