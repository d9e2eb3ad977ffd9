package io.cdnpurge;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Figures of one purge: calls planned, vendor requests sent (purge calls, retries, scope look-ups and status
 * queries alike), retries, throttled responses, billable items, when the purge started and how long it took. Immutable and thread-safe; the
 * {@link Builder} is not. Figures of several purges or clients add up with {@link #plus}.
 *
 * <pre>{@code
 * PurgeStats total = first.stats().plus(second.stats());
 * }</pre>
 */
public final class PurgeStats {
    private static final PurgeStats EMPTY = builder().build();

    private final int calls;
    private final int requests;
    private final int retries;
    private final int throttled;
    private final Duration elapsed;
    private final long billableItems;
    private final Instant started;

    private PurgeStats(Builder builder) {
        this.calls = nonNegative(builder.calls, "calls");
        this.requests = nonNegative(builder.requests, "requests");
        this.retries = nonNegative(builder.retries, "retries");
        this.throttled = nonNegative(builder.throttled, "throttled");
        this.elapsed = Objects.requireNonNull(builder.elapsed, "elapsed cannot be null");
        this.billableItems = builder.billableItems;
        this.started = builder.started;
    }

    private static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " cannot be negative, was " + value);
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No calls, no requests, no time. */
    public static PurgeStats empty() {
        return EMPTY;
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.calls = calls;
        builder.requests = requests;
        builder.retries = retries;
        builder.throttled = throttled;
        builder.elapsed = elapsed;
        builder.billableItems = billableItems;
        builder.started = started;
        return builder;
    }

    /**
     * The figures of both: counts added, billable items added where either has them, the longer of the two
     * elapsed times (purges of several clients run side by side) and the earlier start.
     */
    public PurgeStats plus(PurgeStats other) {
        Objects.requireNonNull(other, "other cannot be null");
        Builder sum = toBuilder();
        sum.calls += other.calls;
        sum.requests += other.requests;
        sum.retries += other.retries;
        sum.throttled += other.throttled;
        sum.elapsed = elapsed.compareTo(other.elapsed) >= 0 ? elapsed : other.elapsed;
        sum.billableItems = billableItems < 0 ? other.billableItems
                : other.billableItems < 0 ? billableItems : billableItems + other.billableItems;
        sum.started = started == null ? other.started
                : other.started == null || !other.started.isBefore(started) ? started : other.started;
        return sum.build();
    }

    /** Vendor calls in the plan (one per batch of targets). */
    public int calls() {
        return calls;
    }

    /** Requests actually sent to the vendor: purge calls with their retries, and look-ups and status queries. */
    public int requests() {
        return requests;
    }

    /** Requests that were retries of an earlier attempt. */
    public int retries() {
        return retries;
    }

    /** Responses in which the vendor's rate limit or quota refused the call. */
    public int throttled() {
        return throttled;
    }

    /** Wall time from validation to the last answer, on the client's clock. */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * When the purge started, before its first request, on the client's clock: a copy a cache took after this
     * instant cannot predate the purge (edge verification reads it). Empty for figures that are not a purge's.
     */
    public Optional<Instant> started() {
        return Optional.ofNullable(started);
    }

    /**
     * What the vendor bills for the calls it accepted, in its units (CloudFront: paths, a wildcard counting one);
     * empty for vendors that do not bill per item.
     */
    public OptionalLong billableItems() {
        return billableItems < 0 ? OptionalLong.empty() : OptionalLong.of(billableItems);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PurgeStats)) {
            return false;
        }
        PurgeStats that = (PurgeStats) other;
        return calls == that.calls && requests == that.requests && retries == that.retries
                && throttled == that.throttled && elapsed.equals(that.elapsed) && billableItems == that.billableItems
                && Objects.equals(started, that.started);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calls, requests, retries, throttled, elapsed, billableItems, started);
    }

    @Override
    public String toString() {
        return "calls=" + calls + ", requests=" + requests + ", retries=" + retries + ", throttled=" + throttled
                + (billableItems < 0 ? "" : ", billable=" + billableItems) + ", elapsed=" + elapsed.toMillis() + "ms";
    }

    /** Builds {@link PurgeStats}; every figure starts at zero, billable items at none. Not thread-safe. */
    public static final class Builder {
        private int calls;
        private int requests;
        private int retries;
        private int throttled;
        private Duration elapsed = Duration.ZERO;
        private long billableItems = -1;
        private Instant started;

        private Builder() {
        }

        public Builder calls(int count) {
            this.calls = count;
            return this;
        }

        public Builder requests(int count) {
            this.requests = count;
            return this;
        }

        public Builder retries(int count) {
            this.retries = count;
            return this;
        }

        public Builder throttled(int count) {
            this.throttled = count;
            return this;
        }

        public Builder elapsed(Duration took) {
            this.elapsed = Objects.requireNonNull(took, "elapsed cannot be null");
            return this;
        }

        /** What the vendor bills, where it bills per item; empty for none. */
        public Builder billableItems(OptionalLong items) {
            this.billableItems = Objects.requireNonNull(items, "billableItems cannot be null").orElse(-1);
            return this;
        }

        /** When the purge started; null for none. */
        public Builder started(Instant when) {
            this.started = when;
            return this;
        }

        public PurgeStats build() {
            return new PurgeStats(this);
        }
    }
}
