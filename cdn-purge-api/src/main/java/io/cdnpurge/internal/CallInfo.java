package io.cdnpurge.internal;

import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.PurgeCall;

/**
 * A planned call as events and admission see it: its place in the plan, its kind and size, and its description,
 * made (and redacted) the first time an event or a message needs it.
 */
final class CallInfo {
    final int index;
    final int count;
    final PurgeTarget.Kind kind;
    final int items;
    private final PurgeCall call;
    private final EngineCore core;
    private String description;
    /** The attempts the call's purge request has had so far. */
    volatile int attempts;

    CallInfo(int index, int count, PurgeTarget.Kind kind, int items, PurgeCall call, EngineCore core) {
        this.index = index;
        this.count = count;
        this.kind = kind;
        this.items = items;
        this.call = call;
        this.core = core;
    }

    /** Requests outside a purge call: look-ups, status queries, listings. */
    static CallInfo none() {
        return new CallInfo(0, 0, null, 0, null, null);
    }

    /** The call in the vendor's terms, without credentials; null outside a purge call. */
    synchronized String description() {
        if (description == null && call != null) {
            description = core.redactor.scrub(Planner.describe(core.backend, call));
        }
        return description;
    }
}
