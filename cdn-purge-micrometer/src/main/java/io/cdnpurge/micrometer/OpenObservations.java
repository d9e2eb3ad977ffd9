package io.cdnpurge.micrometer;

import io.micrometer.observation.Observation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The observations started and not yet stopped, by key, at most {@code max} of them: past that, the oldest is stopped
 * with outcome {@value PurgeObservationContext#UNKNOWN}, so that a purge or request whose end never comes (a listener
 * added mid-purge, a request that failed without an event) costs nothing for ever. Observations are stopped outside
 * the lock. Thread-safe.
 */
final class OpenObservations {
    /** A purge of a client. */
    record PurgeKey(String client, String purgeId) {
    }

    /**
     * One attempt of one request. A purge call is its purge's call index and attempt; another request (a look-up, a
     * token, a status poll) has call 0, and is told from its purge's other requests by the thread that sends it,
     * from its REQUEST event to the event that ends it.
     */
    record CallKey(String client, String purgeId, Enum<?> purpose, int call, int attempt, long thread) {
    }

    record Open(Observation observation, PurgeObservationContext context) {
    }

    private final int max;
    private final Map<Object, Open> open = new LinkedHashMap<>();
    /** The open requests of each purge, so that a purge's end finds them without a scan; guarded by open. */
    private final Map<PurgeKey, java.util.Set<CallKey>> callsOfPurge = new java.util.HashMap<>();

    OpenObservations(int max) {
        this.max = max;
    }

    /** Adds one; an observation already open under the key ends with {@code supersededAs}, the oldest past the bound unknown. */
    void add(Object key, Open started, String supersededAs) {
        Open superseded;
        List<Open> dropped = new ArrayList<>(1);
        synchronized (open) {
            superseded = open.put(key, started);
            index(key, true);
            Iterator<Map.Entry<Object, Open>> oldest = open.entrySet().iterator();
            while (open.size() > max) {
                Map.Entry<Object, Open> entry = oldest.next();
                dropped.add(entry.getValue());
                oldest.remove();
                index(entry.getKey(), false);
            }
        }
        if (superseded != null) {
            stop(superseded, supersededAs);
        }
        dropped.forEach(each -> stop(each, PurgeObservationContext.UNKNOWN));
    }

    /** Removes the observation open under the key, if any. */
    Open remove(Object key) {
        synchronized (open) {
            Open removed = open.remove(key);
            if (removed != null) {
                index(key, false);
            }
            return removed;
        }
    }

    /** Removes and stops, with this outcome, every request still open of this purge. */
    void stopCallsOf(PurgeKey purge, String outcome) {
        List<Open> matched = new ArrayList<>();
        synchronized (open) {
            java.util.Set<CallKey> calls = callsOfPurge.remove(purge);
            if (calls != null) {
                for (CallKey call : calls) {
                    Open removed = open.remove(call);
                    if (removed != null) {
                        matched.add(removed);
                    }
                }
            }
        }
        matched.forEach(each -> stop(each, outcome));
    }

    /** Keeps the index of a purge's requests in step with the open map; called under its lock. */
    private void index(Object key, boolean added) {
        if (!(key instanceof CallKey) || ((CallKey) key).purgeId() == null) {
            return;
        }
        CallKey call = (CallKey) key;
        PurgeKey purge = new PurgeKey(call.client(), call.purgeId());
        if (added) {
            callsOfPurge.computeIfAbsent(purge, any -> new java.util.HashSet<>()).add(call);
        } else {
            java.util.Set<CallKey> calls = callsOfPurge.get(purge);
            if (calls != null && calls.remove(call) && calls.isEmpty()) {
                callsOfPurge.remove(purge);
            }
        }
    }

    Open get(Object key) {
        synchronized (open) {
            return open.get(key);
        }
    }

    int size() {
        synchronized (open) {
            return open.size();
        }
    }

    static void stop(Open open, String outcome) {
        open.context().end(Objects.requireNonNull(outcome, "outcome"));
        open.observation().stop();
    }
}
