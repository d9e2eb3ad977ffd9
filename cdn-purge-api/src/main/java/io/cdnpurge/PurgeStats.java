package io.cdnpurge;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Figures of one purge: calls planned, HTTP requests sent (retries included), retries, throttled responses and
 * elapsed time. Immutable and thread-safe.
 */
public final class PurgeStats {
    private final int calls;
    private final int requests;
    private final int retries;
    private final int throttled;
    private final Duration elapsed;
    private final long billableItems;

    public PurgeStats(int calls, int requests, int retries, int throttled, Duration elapsed) {
        this(calls, requests, retries, throttled, elapsed, OptionalLong.empty());
    }

    /** @param billableItems what the vendor bills for the accepted calls, where it bills per item */
    public PurgeStats(int calls, int requests, int retries, int throttled, Duration elapsed,
                      OptionalLong billableItems) {
        this.billableItems = Objects.requireNonNull(billableItems, "billableItems cannot be null").orElse(-1);
        this.calls = calls;
        this.requests = requests;
        this.retries = retries;
        this.throttled = throttled;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed cannot be null");
    }

    /** Vendor calls in the plan (one per batch of targets). */
    public int calls() {
        return calls;
    }

    /** Requests actually sent to the vendor, retries included. */
    public int requests() {
        return requests;
    }

    /** Requests that were retries of an earlier attempt. */
    public int retries() {
        return retries;
    }

    /** Responses in which the vendor's rate limit refused the call. */
    public int throttled() {
        return throttled;
    }

    /** Wall time from validation to the last answer, on the client's clock. */
    public Duration elapsed() {
        return elapsed;
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
                && throttled == that.throttled && elapsed.equals(that.elapsed) && billableItems == that.billableItems;
    }

    @Override
    public int hashCode() {
        return Objects.hash(calls, requests, retries, throttled, elapsed, billableItems);
    }

    @Override
    public String toString() {
        return "calls=" + calls + ", requests=" + requests + ", retries=" + retries + ", throttled=" + throttled
                + (billableItems < 0 ? "" : ", billable=" + billableItems) + ", elapsed=" + elapsed.toMillis() + "ms";
    }
}
