package io.cdnpurge.outbox;

import io.cdnpurge.PurgeTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outbox in this JVM's memory, for tests and for one process that needs no database: the semantics of
 * {@link JdbcOutboxStore} (one item per target, coalescing, tickets served by the items they joined, a purge of
 * everything replacing what it covers, claims in the order items were added under a lease, finishing fenced by the
 * worker's name), without its tables. <strong>Not durable:</strong> what it holds is lost when the process ends, so
 * a purge enqueued but not yet sent is never sent; use {@link JdbcOutboxStore#file} for an outbox that survives a
 * restart. Finished items are kept, for {@link PurgeOutbox#status}, as long as the store is. Thread-safe: one lock
 * guards every call.
 */
public final class InMemoryOutboxStore implements OutboxStore {
    private final Object lock = new Object();
    /** Every item, finished or not, by id. */
    private final Map<Long, Row> rows = new HashMap<>();
    /** The items not yet finished (queued, retrying, in flight), by id: what a claim looks through. */
    private final TreeMap<Long, Row> open = new TreeMap<>();
    /** The queued item of each dedupe key: at most one, as the database's unique index keeps it. */
    private final Map<String, Row> queued = new HashMap<>();
    /** The items each ticket is served by. */
    private final Map<String, Set<Long>> tickets = new HashMap<>();
    /** The id of the last item added: ids grow in the order items are added, as the database numbers them. */
    private long lastId;

    /** An empty store. */
    public InMemoryOutboxStore() {
        // nothing held yet
    }

    /** One item, and what the store keeps beside it. Guarded by the store's lock. */
    private static final class Row {
        OutboxItem item;
        final String dedupeKey;
        final Set<String> tickets = new LinkedHashSet<>();
        String claimedBy;
        Instant leaseUntil;
        /** When it was last changed: finished items are pruned by this. */
        Instant updatedAt;

        Row(OutboxItem item, String dedupeKey) {
            this.item = item;
            this.dedupeKey = dedupeKey;
        }

        long id() {
            return item.id();
        }

        OutboxState state() {
            return item.state();
        }
    }

    @Override
    public void add(List<OutboxItem> items, boolean everythingSupersedes, Instant now) {
        if (items.isEmpty()) {
            return;
        }
        String ticket = items.get(0).ticket();
        synchronized (lock) {
            // the items due at one time apiece (a purge, and its repeat): each time is covered, or not, on its own
            for (List<OutboxItem> due : Items.byTime(items)) {
                OutboxItem everything = Items.everything(due);
                List<Row> served = new ArrayList<>(due.size());
                Row covering = everythingSupersedes && everything == null ? queuedEverything(due.get(0), now) : null;
                if (covering != null) {
                    // a queued purge of everything of the same kind, sent neither earlier nor later, covers these
                    served.add(covering);
                } else {
                    for (OutboxItem item : due) {
                        served.add(insert(item, now));
                    }
                }
                for (Row row : served) {
                    link(ticket, row);
                }
                if (everythingSupersedes && everything != null) {
                    supersede(queuedEverything(everything, now), everything, now);
                }
            }
        }
    }

    /** Adds a queued item, or joins the queued item of the same target (sent at the earlier of the two times). */
    private Row insert(OutboxItem item, Instant now) {
        String key = JdbcOutboxStore.dedupeKey(item, now);
        Row joined = queued.get(key);
        if (joined != null) {
            OutboxItem was = joined.item;
            Instant earlier = item.notBefore().isBefore(was.notBefore()) ? item.notBefore() : was.notBefore();
            joined.item = was.with(was.state(), was.attempts(), was.lastError().orElse(null),
                    was.vendorReference().orElse(null), earlier);
            return joined;
        }
        Row row = new Row(new OutboxItem(++lastId, item.ticket(), item.target(), item.mode().orElse(null),
                item.action(), item.tenant().orElse(null), OutboxState.QUEUED, 0, null, null, item.notBefore()), key);
        rows.put(row.id(), row);
        open.put(row.id(), row);
        queued.put(key, row);
        return row;
    }

    private void link(String ticket, Row row) {
        row.tickets.add(ticket);
        tickets.computeIfAbsent(ticket, any -> new TreeSet<>()).add(row.id());
    }

    /** The queued purge of everything that covers the item, as {@code JdbcOutboxStore} finds it; null if none. */
    private Row queuedEverything(OutboxItem item, Instant now) {
        for (Row row : open.values()) {
            if (row.item.target().kind() == PurgeTarget.Kind.EVERYTHING && covers(row, item, now)) {
                return row;
            }
        }
        return null;
    }

    /**
     * Whether a queued row is of the item's mode, action and tenant and sent neither before the item may be nor later
     * than it would be: both due by {@code now}, or both due at the same time.
     */
    private static boolean covers(Row row, OutboxItem item, Instant now) {
        OutboxItem queuedItem = row.item;
        boolean due = !item.notBefore().isAfter(now);
        return queuedItem.state() == OutboxState.QUEUED && queuedItem.mode().equals(item.mode())
                && queuedItem.action() == item.action() && queuedItem.tenant().equals(item.tenant())
                && (due ? !queuedItem.notBefore().isAfter(now) : queuedItem.notBefore().equals(item.notBefore()));
    }

    /** The purge of everything takes over the queued items it covers: their tickets move to it and they go. */
    private void supersede(Row everything, OutboxItem item, Instant now) {
        List<Row> covered = new ArrayList<>();
        for (Row row : open.values()) {
            if (row != everything && covers(row, item, now)) {
                covered.add(row);
            }
        }
        for (Row row : covered) {
            for (String ticket : row.tickets) {
                link(ticket, everything);
                tickets.get(ticket).remove(row.id());
            }
            rows.remove(row.id());
            open.remove(row.id());
            queued.remove(row.dedupeKey, row);
        }
    }

    @Override
    public List<OutboxItem> claim(String worker, int max, Instant now, Duration lease) {
        Objects.requireNonNull(worker, "worker cannot be null");
        synchronized (lock) {
            List<OutboxItem> claimed = new ArrayList<>();
            for (Row row : open.values()) {
                if (claimed.size() >= max) {
                    break;
                }
                boolean ready = row.state() == OutboxState.IN_FLIGHT
                        ? row.leaseUntil != null && !row.leaseUntil.isAfter(now) : !row.item.notBefore().isAfter(now);
                if (ready) {
                    queued.remove(row.dedupeKey, row);
                    OutboxItem item = row.item;
                    // a row taken over from a holder whose lease ran out counts that lost attempt
                    int attempts = item.state() == OutboxState.IN_FLIGHT && row.claimedBy != null
                            ? item.attempts() + 1 : item.attempts();
                    row.item = item.with(OutboxState.IN_FLIGHT, attempts, item.lastError().orElse(null),
                            item.vendorReference().orElse(null), item.notBefore());
                    row.claimedBy = worker;
                    row.leaseUntil = now.plus(lease);
                    claimed.add(row.item);
                }
            }
            return claimed;
        }
    }

    @Override
    public List<OutboxItem> finish(String worker, List<OutboxItem> finished, Instant now) {
        synchronized (lock) {
            List<OutboxItem> recorded = new ArrayList<>(finished.size());
            for (OutboxItem item : finished) {
                Row row = held(worker, item.id());
                if (row == null) {
                    continue;
                }
                row.item = row.item.with(item.state(), item.attempts(), item.lastError().orElse(null),
                        item.vendorReference().orElse(null), item.notBefore());
                row.claimedBy = null;
                row.leaseUntil = null;
                row.updatedAt = now;
                if (item.state() == OutboxState.SUCCEEDED || item.state() == OutboxState.FAILED) {
                    open.remove(row.id());
                }
                recorded.add(item);
            }
            return recorded;
        }
    }

    @Override
    public int prune(Instant finishedBefore) {
        synchronized (lock) {
            List<Row> old = new ArrayList<>();
            for (Row row : rows.values()) {
                boolean finished = row.state() == OutboxState.SUCCEEDED || row.state() == OutboxState.FAILED;
                if (finished && row.updatedAt != null && row.updatedAt.isBefore(finishedBefore)) {
                    old.add(row);
                }
            }
            for (Row row : old) {
                rows.remove(row.id());
                for (String ticket : row.tickets) {
                    Set<Long> ids = tickets.get(ticket);
                    ids.remove(row.id());
                    if (ids.isEmpty()) {
                        tickets.remove(ticket);
                    }
                }
            }
            return old.size();
        }
    }

    /** The row of an item {@code worker} holds in flight; null if it does not (any more). */
    private Row held(String worker, long id) {
        Row row = rows.get(id);
        return row != null && row.state() == OutboxState.IN_FLIGHT && worker.equals(row.claimedBy) ? row : null;
    }

    @Override
    public int release(String worker, Instant now) {
        synchronized (lock) {
            int released = 0;
            for (Row row : open.values()) {
                if (row.state() == OutboxState.IN_FLIGHT && row.claimedBy != null
                        && (worker.equals(row.claimedBy) || row.claimedBy.startsWith(worker + "/"))) {
                    row.claimedBy = null;
                    row.leaseUntil = now;
                    released++;
                }
            }
            return released;
        }
    }

    @Override
    public Map<OutboxState, Long> count(String ticket) {
        synchronized (lock) {
            Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
            for (long id : tickets.getOrDefault(ticket, Set.of())) {
                counts.merge(rows.get(id).state(), 1L, Long::sum);
            }
            return counts;
        }
    }

    @Override
    public List<OutboxItem> failures(String ticket, int max) {
        synchronized (lock) {
            List<OutboxItem> failed = new ArrayList<>();
            for (long id : tickets.getOrDefault(ticket, Set.of())) {
                OutboxItem item = rows.get(id).item;
                if (item.state() == OutboxState.FAILED && failed.size() < max) {
                    failed.add(item);
                }
            }
            return failed;
        }
    }

    @Override
    public long pending() {
        synchronized (lock) {
            return open.size();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryOutboxStore{" + open.size() + " pending of " + rows.size() + "}";
        }
    }
}
