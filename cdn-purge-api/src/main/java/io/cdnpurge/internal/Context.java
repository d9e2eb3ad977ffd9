package io.cdnpurge.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One operation of a client (a purge, a status check, a wait for completion): when it must end, and the figures of
 * every vendor request it makes. Thread-safe.
 */
final class Context {
    final Instant start;
    final Instant deadline;
    /** What sets the deadline, for messages: {@code cloudflare.deadline (15m)}. */
    final String deadlineName;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicLong billable = new AtomicLong();
    /** Whether a call of the operation is billed per item by the vendor: its figures then say how many. */
    volatile boolean billed;
    /**
     * The first {@link VirtualMachineError} (out of memory, a stack overflow) seen by a call: the calls that have
     * not started end at once with it, so that the purge ends and its memory is freed, instead of every call failing
     * in turn while nothing can be allocated.
     */
    volatile VirtualMachineError fatal;
    /** The purge's id in events and the logging context; null outside a purge (a completion check). */
    final String purgeId;
    /** The purge's tenant, or null. */
    final String tenant;

    Context(Instant start, Instant deadline, String deadlineName) {
        this(start, deadline, deadlineName, null, null);
    }

    Context(Instant start, Instant deadline, String deadlineName, String purgeId, String tenant) {
        this.start = start;
        this.deadline = deadline;
        this.deadlineName = deadlineName;
        this.purgeId = purgeId;
        this.tenant = tenant;
    }
}
