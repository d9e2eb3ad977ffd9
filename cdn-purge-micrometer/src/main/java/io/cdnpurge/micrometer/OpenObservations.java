package io.cdnpurge.micrometer;

import io.micrometer.observation.Observation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

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

    OpenObservations(int max) {
        this.max = max;
    }

    /** Adds one; an observation already open under the key ends with {@code supersededAs}, the oldest past the bound unknown. */
    void add(Object key, Open started, String supersededAs) {
        Open superseded;
        List<Open> dropped = new ArrayList<>(1);
        synchronized (open) {
            superseded = open.put(key, started);
            Iterator<Open> oldest = open.values().iterator();
            while (open.size() > max) {
                dropped.add(oldest.next());
                oldest.remove();
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
            return open.remove(key);
        }
    }

    /** Removes and stops, with this outcome, every observation whose key matches. */
    void stopAll(Predicate<Object> which, String outcome) {
        List<Open> matched = new ArrayList<>();
        synchronized (open) {
            for (Iterator<Map.Entry<Object, Open>> each = open.entrySet().iterator(); each.hasNext(); ) {
                Map.Entry<Object, Open> entry = each.next();
                if (which.test(entry.getKey())) {
                    matched.add(entry.getValue());
                    each.remove();
                }
            }
        }
        matched.forEach(each -> stop(each, outcome));
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
