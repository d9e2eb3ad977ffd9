package io.cdnpurge;

import java.util.Objects;

/**
 * How much one vendor call may carry for one kind of target: at most {@link #maxItems()} items and, where the
 * vendor caps the body, at most {@link #maxBytes()} bytes counting the envelope and separators. Immutable.
 *
 * <pre>{@code
 * BatchLimit cloudflareUrls = BatchLimit.items(30);
 * BatchLimit akamai = BatchLimit.itemsAndBytes(10_000, 50_000, 14, 1); // {"objects":[…]} and commas
 * }</pre>
 */
public final class BatchLimit {
    private final int maxItems;
    private final int maxBytes;
    private final int envelopeBytes;
    private final int separatorBytes;

    private BatchLimit(int maxItems, int maxBytes, int envelopeBytes, int separatorBytes) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
        }
        if (maxBytes < 1 || envelopeBytes < 0 || separatorBytes < 0 || envelopeBytes >= maxBytes) {
            throw new IllegalArgumentException("byte limits must satisfy 0 <= envelope < maxBytes, separator >= 0");
        }
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.envelopeBytes = envelopeBytes;
        this.separatorBytes = separatorBytes;
    }

    /** A limit on items only. */
    public static BatchLimit items(int maxItems) {
        return new BatchLimit(maxItems, Integer.MAX_VALUE, 0, 0);
    }

    /** A limit on items and on the body: {@code envelope + sum(item) + (n - 1) * separator <= maxBytes}. */
    public static BatchLimit itemsAndBytes(int maxItems, int maxBytes, int envelopeBytes, int separatorBytes) {
        return new BatchLimit(maxItems, maxBytes, envelopeBytes, separatorBytes);
    }

    public int maxItems() {
        return maxItems;
    }

    /** {@link Integer#MAX_VALUE} when the vendor has no byte limit. */
    public int maxBytes() {
        return maxBytes;
    }

    public boolean hasByteLimit() {
        return maxBytes != Integer.MAX_VALUE;
    }

    /** Bytes of the body around the items, e.g. {@code {"objects":[]}}. */
    public int envelopeBytes() {
        return envelopeBytes;
    }

    /** Bytes between two items, e.g. a comma. */
    public int separatorBytes() {
        return separatorBytes;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof BatchLimit)) {
            return false;
        }
        BatchLimit that = (BatchLimit) other;
        return maxItems == that.maxItems && maxBytes == that.maxBytes && envelopeBytes == that.envelopeBytes
                && separatorBytes == that.separatorBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxItems, maxBytes, envelopeBytes, separatorBytes);
    }

    @Override
    public String toString() {
        return hasByteLimit() ? maxItems + " items / " + maxBytes + " bytes" : maxItems + " items";
    }
}
