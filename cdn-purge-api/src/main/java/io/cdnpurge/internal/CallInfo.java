package io.cdnpurge.internal;

import io.cdnpurge.PurgeTarget;

/** A planned call as events and admission see it: its place in the plan, its kind and size, its description. */
final class CallInfo {
    final int index;
    final int count;
    final PurgeTarget.Kind kind;
    final int items;
    final String description;
    /** The attempts the call's purge request has had so far. */
    volatile int attempts;

    CallInfo(int index, int count, PurgeTarget.Kind kind, int items, String description) {
        this.index = index;
        this.count = count;
        this.kind = kind;
        this.items = items;
        this.description = description;
    }

    /** Requests outside a purge call: look-ups, status queries, listings. */
    static CallInfo none() {
        return new CallInfo(0, 0, null, 0, null);
    }
}
