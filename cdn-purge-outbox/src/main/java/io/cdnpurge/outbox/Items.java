package io.cdnpurge.outbox;

import io.cdnpurge.PurgeTarget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the stores ask of the items of one enqueue. */
final class Items {
    private Items() {
    }

    /** The items grouped by their time, in the order the times first appear (a purge, then its repeat). */
    static List<List<OutboxItem>> byTime(List<OutboxItem> items) {
        Map<Instant, List<OutboxItem>> groups = new LinkedHashMap<>();
        for (OutboxItem item : items) {
            groups.computeIfAbsent(item.notBefore(), any -> new ArrayList<>()).add(item);
        }
        return List.copyOf(groups.values());
    }

    /** The purge of everything among the items, or null. */
    static OutboxItem everything(List<OutboxItem> items) {
        for (OutboxItem item : items) {
            if (item.target().kind() == PurgeTarget.Kind.EVERYTHING) {
                return item;
            }
        }
        return null;
    }
}
