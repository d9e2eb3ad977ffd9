package io.cdnpurge;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One limit of a vendor's rate limiting, counting requests or items (URLs, tags, …): either a token bucket of
 * {@code burst} tokens refilled at {@code permits} per {@code period}, or a sliding window of at most
 * {@code permits} in any {@code window} (Highwinds: 100 URLs per 60 s). A limit applies to purge calls of some
 * target kinds and, for request limits, to the client's other requests (scope look-ups, status queries, listings).
 * Immutable.
 *
 * <pre>{@code
 * // Cloudflare Free: tag, host, prefix and everything purges, 5 requests a minute, burst 25
 * RateLimit.requests("purge", 5, Duration.ofMinutes(1), 25).forKinds(TAG, HOST, PREFIX, EVERYTHING);
 * // Highwinds: 100 URLs in any 60 seconds
 * RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(60));
 * }</pre>
 */
public final class RateLimit {
    /** What a limit counts. */
    public enum Unit {
        /** One permit per vendor request. */
        REQUESTS,
        /** One permit per target in the request. */
        ITEMS
    }

    private final String name;
    private final Unit unit;
    private final double permitsPerSecond;
    private final long burst;
    private final Duration window;
    private final Set<PurgeTarget.Kind> kinds;
    private final boolean queries;

    private RateLimit(String name, Unit unit, double permitsPerSecond, long burst, Duration window,
                      Set<PurgeTarget.Kind> kinds, boolean queries) {
        this.name = Objects.requireNonNull(name, "name cannot be null");
        if (!name.matches("[a-zA-Z][a-zA-Z0-9]*")) {
            throw new IllegalArgumentException("rate limit name '" + name + "' must be a camelCase word");
        }
        this.unit = Objects.requireNonNull(unit, "unit cannot be null");
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("rate limit '" + name + "' needs a positive finite rate, was "
                    + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit '" + name + "' needs a burst of at least 1, was " + burst);
        }
        if (window != null && (window.isZero() || window.isNegative())) {
            throw new IllegalArgumentException("rate limit '" + name + "' needs a positive window, was " + window);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.window = window;
        this.kinds = Set.copyOf(kinds);
        this.queries = queries && unit == Unit.REQUESTS;
    }

    /** A token bucket of requests for every kind of purge and for the client's other requests. */
    public static RateLimit requests(String name, double permits, Duration period, long burst) {
        return new RateLimit(name, Unit.REQUESTS, perSecond(permits, period), burst, null,
                EnumSet.allOf(PurgeTarget.Kind.class), true);
    }

    /** A token bucket of items (targets) for every kind of purge. */
    public static RateLimit items(String name, double permits, Duration period, long burst) {
        return new RateLimit(name, Unit.ITEMS, perSecond(permits, period), burst, null,
                EnumSet.allOf(PurgeTarget.Kind.class), false);
    }

    /**
     * A sliding window: at most {@code permits} requests or items in any {@code window}, for every kind of purge
     * (and, counting requests, for the client's other requests). Unlike a token bucket, which admits its burst and
     * then its rate, a window never admits more than {@code permits} in any span of that length.
     */
    public static RateLimit slidingWindow(String name, Unit unit, long permits, Duration window) {
        Objects.requireNonNull(window, "window cannot be null");
        return new RateLimit(name, unit, perSecond(permits, window), permits, window,
                EnumSet.allOf(PurgeTarget.Kind.class), true);
    }

    private static double perSecond(double permits, Duration period) {
        Objects.requireNonNull(period, "period cannot be null");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        return permits * 1_000_000_000d / period.toNanos();
    }

    /** The same limit, applied only to purge calls carrying these kinds (not to look-ups or status queries). */
    public RateLimit forKinds(PurgeTarget.Kind first, PurgeTarget.Kind... rest) {
        return new RateLimit(name, unit, permitsPerSecond, burst, window, EnumSet.of(first, rest), false);
    }

    /**
     * The same limit of requests, applied only to the client's requests other than purge calls: scope look-ups,
     * status queries, listings and tokens (Cloudflare's API limit covers its zone look-ups, not its purges).
     */
    public RateLimit queriesOnly() {
        if (unit != Unit.REQUESTS) {
            throw new IllegalStateException("rate limit '" + name + "' counts items: only purge calls have items");
        }
        return new RateLimit(name, unit, permitsPerSecond, burst, window, Set.of(), true);
    }

    /** The same token bucket with another refill rate and burst (for example from configuration). */
    public RateLimit withRate(double newPermitsPerSecond, long newBurst) {
        if (window != null) {
            throw new IllegalStateException("rate limit '" + name + "' is a sliding window: use withWindow");
        }
        return new RateLimit(name, unit, newPermitsPerSecond, newBurst, null, kinds, queries);
    }

    /** The same sliding window with another size (for example from configuration). */
    public RateLimit withWindow(long newPermits, Duration newWindow) {
        if (window == null) {
            throw new IllegalStateException("rate limit '" + name + "' is a token bucket: use withRate");
        }
        Objects.requireNonNull(newWindow, "window cannot be null");
        return new RateLimit(name, unit, perSecond(newPermits, newWindow), newPermits, newWindow, kinds, queries);
    }

    /** The limit's name, used in configuration keys: {@code <provider>.rateLimit.<name>.permitsPerSecond}. */
    public String name() {
        return name;
    }

    public Unit unit() {
        return unit;
    }

    /** The refill rate of a token bucket; for a sliding window, its permits divided by its length. */
    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** A token bucket's capacity (tokens spendable at once after a quiet period); a window's permits. */
    public long burst() {
        return burst;
    }

    /** The length of a sliding window; empty for a token bucket. */
    public Optional<Duration> window() {
        return Optional.ofNullable(window);
    }

    /** Whether this is a sliding window rather than a token bucket. */
    public boolean isSlidingWindow() {
        return window != null;
    }

    /** The kinds of target whose purge calls draw from this limit. */
    public Set<PurgeTarget.Kind> kinds() {
        return kinds;
    }

    public boolean appliesTo(PurgeTarget.Kind kind) {
        return kinds.contains(kind);
    }

    /** Whether the client's requests other than purge calls (look-ups, status queries, listings) draw from it. */
    public boolean appliesToQueries() {
        return queries;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RateLimit)) {
            return false;
        }
        RateLimit that = (RateLimit) other;
        return name.equals(that.name) && unit == that.unit && permitsPerSecond == that.permitsPerSecond
                && burst == that.burst && Objects.equals(window, that.window) && kinds.equals(that.kinds)
                && queries == that.queries;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, unit, permitsPerSecond, burst, window, kinds, queries);
    }

    @Override
    public String toString() {
        String units = unit.name().toLowerCase(java.util.Locale.ROOT);
        String shape = window != null ? burst + " " + units + " per " + window
                : permitsPerSecond + " " + units + "/s, burst " + burst;
        return name + ": " + shape + ", kinds " + kinds + (queries ? ", and queries" : "");
    }
}
