package io.cdnpurge;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One token bucket of a vendor's rate limit: {@code burst} tokens, refilled at {@code permits} per {@code period}.
 * A bucket counts either requests or items (URLs, tags, …) and applies to some target kinds. Immutable.
 *
 * <pre>{@code
 * // Cloudflare Free: tag, host, prefix and everything purges, 5 requests a minute, burst 25
 * RateLimit.requests("purge", 5, Duration.ofMinutes(1), 25).forKinds(TAG, HOST, PREFIX, EVERYTHING);
 * }</pre>
 */
public final class RateLimit {
    /** What a bucket counts. */
    public enum Unit {
        /** One token per vendor request. */
        REQUESTS,
        /** One token per target in the request. */
        ITEMS
    }

    private final String name;
    private final Unit unit;
    private final double permitsPerSecond;
    private final long burst;
    private final Set<PurgeTarget.Kind> kinds;

    private RateLimit(String name, Unit unit, double permitsPerSecond, long burst, Set<PurgeTarget.Kind> kinds) {
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
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.kinds = Set.copyOf(kinds);
    }

    /** A bucket of requests for every kind. */
    public static RateLimit requests(String name, double permits, Duration period, long burst) {
        return new RateLimit(name, Unit.REQUESTS, perSecond(permits, period), burst,
                EnumSet.allOf(PurgeTarget.Kind.class));
    }

    /** A bucket of items (targets) for every kind. */
    public static RateLimit items(String name, double permits, Duration period, long burst) {
        return new RateLimit(name, Unit.ITEMS, perSecond(permits, period), burst,
                EnumSet.allOf(PurgeTarget.Kind.class));
    }

    private static double perSecond(double permits, Duration period) {
        Objects.requireNonNull(period, "period cannot be null");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        return permits * 1_000_000_000d / period.toNanos();
    }

    /** The same bucket, applied only to calls carrying these kinds. */
    public RateLimit forKinds(PurgeTarget.Kind first, PurgeTarget.Kind... rest) {
        return new RateLimit(name, unit, permitsPerSecond, burst, EnumSet.of(first, rest));
    }

    /** The same bucket with another refill rate and burst (for example from configuration). */
    public RateLimit withRate(double newPermitsPerSecond, long newBurst) {
        return new RateLimit(name, unit, newPermitsPerSecond, newBurst, kinds);
    }

    /** The bucket's name, used in configuration keys: {@code <provider>.rateLimit.<name>.permitsPerSecond}. */
    public String name() {
        return name;
    }

    public Unit unit() {
        return unit;
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** The bucket's capacity: how many tokens can be spent at once after a quiet period. */
    public long burst() {
        return burst;
    }

    /** The kinds of target whose calls draw from this bucket. */
    public Set<PurgeTarget.Kind> kinds() {
        return kinds;
    }

    public boolean appliesTo(PurgeTarget.Kind kind) {
        return kinds.contains(kind);
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
                && burst == that.burst && kinds.equals(that.kinds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, unit, permitsPerSecond, burst, kinds);
    }

    @Override
    public String toString() {
        return name + ": " + permitsPerSecond + " " + unit.name().toLowerCase(java.util.Locale.ROOT)
                + "/s, burst " + burst + ", kinds " + kinds;
    }
}
