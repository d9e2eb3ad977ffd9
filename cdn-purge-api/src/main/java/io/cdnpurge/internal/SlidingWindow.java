package io.cdnpurge.internal;

import io.cdnpurge.RateLimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding window: at most {@code permits} in any span of the window's length, counted over the half-open span
 * {@code (t − window, t]} as a vendor counts "the last 60 seconds". A reservation is placed at the earliest time from
 * which every window containing it, past and already reserved future ones alike, stays within the limit, so the
 * vendor never sees more than it allows, whatever order the reservations come in.
 */
final class SlidingWindow implements Limiter {
    private static final class Entry {
        final Instant at;
        final long permits;

        Entry(Instant at, long permits) {
            this.at = at;
            this.permits = permits;
        }
    }

    private final RateLimit limit;
    private final Duration window;
    /** Reservations by time, oldest first. */
    private final List<Entry> entries = new ArrayList<>();
    private Instant blockedUntil = Instant.MIN;

    SlidingWindow(RateLimit limit) {
        this.limit = limit;
        this.window = limit.window().orElseThrow();
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public Duration waitFor(long permits, Instant now) {
        prune(now);
        Instant earliest = blockedUntil.isAfter(now) ? blockedUntil : now;
        Instant at = placement(permits, earliest);
        return Duration.between(now, at);
    }

    @Override
    public void take(long permits, Instant now, Instant at) {
        prune(now);
        int index = entries.size();
        while (index > 0 && entries.get(index - 1).at.isAfter(at)) {
            index--;
        }
        entries.add(index, new Entry(at, permits));
    }

    @Override
    public void refund(long permits, Instant at) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (entry.at.equals(at) && entry.permits == permits) {
                entries.remove(i);
                return;
            }
        }
    }

    @Override
    public long available(Instant now) {
        prune(now);
        if (blockedUntil.isAfter(now)) {
            return 0;
        }
        long used = 0;
        for (Entry entry : entries) {
            if (!entry.at.isAfter(now)) {
                used += entry.permits;
            } else {
                return 0;   // reservations queue ahead: a new one waits behind them
            }
        }
        return Math.max(0, limit.burst() - used);
    }

    @Override
    public void blockUntil(Instant until) {
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    /**
     * The earliest time from {@code earliest} at which {@code permits} fit: tried at {@code earliest} and at each
     * moment an entry leaves the window. More permits than the window holds fit only once it is empty.
     */
    private Instant placement(long permits, Instant earliest) {
        List<Instant> candidates = new ArrayList<>();
        candidates.add(earliest);
        for (Entry entry : entries) {
            Instant leaves = entry.at.plus(window);
            if (leaves.isAfter(earliest)) {
                candidates.add(leaves);
            }
        }
        candidates.sort(null);
        for (Instant candidate : candidates) {
            if (fits(permits, candidate)) {
                return candidate;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** Whether every window holding {@code at} stays within the limit with {@code permits} more at {@code at}. */
    private boolean fits(long permits, Instant at) {
        if (permits > limit.burst()) {
            return entries.stream().noneMatch(entry -> entry.at.isAfter(at.minus(window)));
        }
        // the windows that hold `at` end at `at` or at a later entry within one window length
        if (used(at) + permits > limit.burst()) {
            return false;
        }
        Instant last = at.plus(window);
        for (Entry entry : entries) {
            if (entry.at.isAfter(at) && entry.at.isBefore(last) && used(entry.at) + permits > limit.burst()) {
                return false;
            }
        }
        return true;
    }

    /** What the window ending at {@code end} holds: entries in {@code (end − window, end]}. */
    private long used(Instant end) {
        Instant start = end.minus(window);
        long sum = 0;
        for (Entry entry : entries) {
            if (entry.at.isAfter(start) && !entry.at.isAfter(end)) {
                sum += entry.permits;
            }
        }
        return sum;
    }

    /** Entries that can no longer share a window with any request from now on. */
    private void prune(Instant now) {
        Instant horizon = now.minus(window);
        while (!entries.isEmpty() && !entries.get(0).at.isAfter(horizon)) {
            entries.remove(0);
        }
    }
}
