package io.cdnpurge.outbox;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How the items of one ticket stand. Immutable. */
public final class OutboxStatus {
    private final String ticket;
    private final Map<OutboxState, Long> counts;
    private final List<OutboxItem> failures;

    OutboxStatus(String ticket, Map<OutboxState, Long> counts, List<OutboxItem> failures) {
        this.ticket = ticket;
        Map<OutboxState, Long> all = new EnumMap<>(OutboxState.class);
        for (OutboxState state : OutboxState.values()) {
            all.put(state, counts.getOrDefault(state, 0L));
        }
        this.counts = Collections.unmodifiableMap(all);
        this.failures = List.copyOf(failures);
    }

    public String ticket() {
        return ticket;
    }

    /** Items in each state, every state present. */
    public Map<OutboxState, Long> counts() {
        return counts;
    }

    public long count(OutboxState state) {
        return counts.get(state);
    }

    /**
     * Whether the store holds any item of the ticket: false for a ticket it never issued, or one whose items were all
     * forgotten ({@code keepFinishedFor} after they finished).
     */
    public boolean known() {
        return counts.values().stream().mapToLong(Long::longValue).sum() > 0;
    }

    /**
     * Whether no item is waiting or in flight: each has succeeded or failed for good. True for a ticket that is not
     * {@link #known()} too, as nothing of it is left to send.
     */
    public boolean done() {
        return count(OutboxState.QUEUED) + count(OutboxState.RETRYING) + count(OutboxState.IN_FLIGHT) == 0;
    }

    /** The first items that failed for good, with why. */
    public List<OutboxItem> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return "OutboxStatus{" + ticket + (known() ? "" : " unknown") + " " + counts + (failures.isEmpty() ? "" : ", failures " + failures) + "}";
    }
}
