package io.cdnpurge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where an outbox keeps its items, shared by every worker that drains it: {@link JdbcOutboxStore} over a database (a
 * SQLite file for the instances on one machine, PostgreSQL for a cluster), or {@link InMemoryOutboxStore} for tests
 * and one process that can lose what it has not sent. Claims are leases: an item a worker claimed and did not finish
 * before its lease ran out is claimed again by the next worker, so a worker that dies loses nothing. Thread-safe.
 */
public interface OutboxStore {

    /**
     * Adds the items of one enqueued purge (state {@link OutboxState#QUEUED}), all or none. A target already queued
     * for the same kind of request is not added again when both are due by {@code now}, or both at the same later
     * time: the ticket joins the queued item.
     *
     * @param everythingSupersedes whether a purge of everything replaces the queued targets of the same mode,
     *                             action and tenant (and covers those enqueued while it waits): true only when every
     *                             client the purge goes to can purge everything
     */
    void add(List<OutboxItem> items, boolean everythingSupersedes, Instant now);

    /**
     * Claims up to {@code max} items ready at {@code now} (queued or retrying and not before now, or in flight with a
     * lease that ran out), in the order they were added, for {@code worker} until {@code now + lease}. Two workers
     * never hold one item at once.
     */
    List<OutboxItem> claim(String worker, int max, Instant now, Duration lease);

    /**
     * Records how claimed items ended (their new state, attempts, error, reference and next time), for the items
     * {@code worker} still holds: an item whose lease ran out and was claimed by another, or that was handed back,
     * is left to whoever holds it now.
     *
     * @return the items recorded, in the order given
     */
    List<OutboxItem> finish(String worker, List<OutboxItem> finished, Instant now);

    /**
     * Hands back what {@code worker} holds, and what any run of that worker's name holds (a claimant
     * {@code worker + "/" + mark}): those in-flight items become claimable at once by any worker, and the late answers
     * of whoever held them are not recorded.
     *
     * @return how many items were handed back
     */
    int release(String worker, Instant now);

    /** How many items of a ticket are in each state; empty for an unknown ticket. */
    Map<OutboxState, Long> count(String ticket);

    /** Items of a ticket that failed for good, at most {@code max}. */
    List<OutboxItem> failures(String ticket, int max);

    /** Items not yet finished (queued, retrying, in flight), for the bound on the outbox's size. */
    long pending();


    /**
     * Forgets the items that finished (succeeded or failed for good) before this time, and their tickets' links to
     * them: a ticket whose items are all forgotten reads as unknown.
     *
     * @return how many items were forgotten
     */
    int prune(Instant finishedBefore);
}
