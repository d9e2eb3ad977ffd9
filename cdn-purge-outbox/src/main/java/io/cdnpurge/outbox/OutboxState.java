package io.cdnpurge.outbox;

/** Where an outbox item is. */
public enum OutboxState {
    /** Waiting to be sent (or, with a not-before time, waiting for it). */
    QUEUED,
    /** Claimed by a worker under a lease; if the worker dies, the lease runs out and another takes it over. */
    IN_FLIGHT,
    /** Accepted by every vendor its target was routed to. */
    SUCCEEDED,
    /** Failed in a way a retry can fix (an outage, a throttle): queued again for its next attempt. */
    RETRYING,
    /** Failed for good: refused, or out of attempts; {@link OutboxItem#lastError()} says why. */
    FAILED
}
