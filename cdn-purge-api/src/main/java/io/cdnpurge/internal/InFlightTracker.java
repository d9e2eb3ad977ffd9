package io.cdnpurge.internal;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.InFlightQuota;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps each scope within the vendor's quota on purges in flight. A call is admitted when what is in flight plus
 * what it uses fits the quota; otherwise it waits, first in first out per scope, while the tracker asks the vendor
 * whether the purges in flight have completed: each about {@code completion.initialPoll} after it was accepted,
 * then at doubling intervals up to {@code completion.maxPoll}. What other clients have in flight is learnt from
 * the vendor before the first call to a scope, and again whenever the vendor says the quota is full.
 */
final class InFlightTracker {
    /** A call's claim on a scope's quota, from admission until the vendor's answer. */
    static final class Reservation {
        private final Ledger ledger;
        private final Map<String, Integer> use;
        private final Duration waited;
        /** Whether the room was turned into a purge in flight or given back; guarded by the ledger. */
        private boolean settled;

        private Reservation(Ledger ledger, Map<String, Integer> use, Duration waited) {
            this.ledger = ledger;
            this.use = use;
            this.waited = waited;
        }

        /** How long the call waited for room. */
        Duration waited() {
            return waited;
        }
    }

    private static final class Entry {
        final Map<String, Integer> use;
        Instant nextCheck;
        Duration interval;

        Entry(Map<String, Integer> use, Instant nextCheck, Duration interval) {
            this.use = use;
            this.nextCheck = nextCheck;
            this.interval = interval;
        }
    }

    private static final class Ledger {
        final String scope;
        final ReentrantLock admission = new ReentrantLock(true);
        /** Purges in flight by reference, oldest first; guarded by this. */
        final Map<String, Entry> inFlight = new LinkedHashMap<>();
        /** Uses of admitted calls not answered yet; guarded by this. */
        final List<Map<String, Integer>> reserved = new ArrayList<>();
        /** Whether the vendor has been asked what is in flight; guarded by this. */
        boolean known;
        /** No call is admitted before this, after the vendor refused one for lack of room; guarded by this. */
        Instant notBefore = Instant.MIN;

        Ledger(String scope) {
            this.scope = scope;
        }

        synchronized Map<String, Integer> used() {
            Map<String, Integer> used = new TreeMap<>();
            inFlight.values().forEach(entry -> add(used, entry.use));
            reserved.forEach(use -> add(used, use));
            return used;
        }
    }

    /** Sleeps on the engine's sleeper. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final InFlightQuota quota;
    private final PurgeBackend backend;
    private final Clock clock;
    private final Pause pause;
    private final Duration initialPoll;
    private final Duration maxPoll;
    private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();
    /** A safety bound on one wait for another thread's answer; the wait ends at once when the answer comes. */
    private static final long REAL_WAIT_MILLIS = 1000;

    InFlightTracker(InFlightQuota quota, PurgeBackend backend, Clock clock, Pause pause, EngineSettings settings) {
        this.quota = quota;
        this.backend = backend;
        this.clock = clock;
        this.pause = pause;
        this.initialPoll = settings.initialPoll;
        this.maxPoll = settings.maxPoll;
    }

    /**
     * Waits until the call fits the quota of its scope and claims its room.
     *
     * @param onQueued told once, with what is in flight, when the call has to wait
     * @param deadline when to give up waiting ({@code quota.maxWait} after the call began)
     * @throws PurgeException when room does not come by the deadline, the call can never fit, or the
     *                        vendor cannot say what is in flight
     */
    Reservation acquire(PurgeBatch batch, Instant deadline, java.util.function.Consumer<String> onQueued)
            throws InterruptedException {
        Map<String, Integer> use = nonZero(quota.use(batch));
        Ledger ledger = ledgers.computeIfAbsent(batch.scope(), Ledger::new);
        if (use.isEmpty()) {
            Reservation free = new Reservation(ledger, use, Duration.ZERO);
            free.settled = true;
            return free;
        }
        Map<String, Integer> limits = quota.limits(batch.scope());
        for (Map.Entry<String, Integer> unit : use.entrySet()) {
            int limit = limits.getOrDefault(unit.getKey(), Integer.MAX_VALUE);
            if (unit.getValue() > limit) {
                throw new PurgeException(backend.providerId() + " allows " + limit + " " + unit.getKey() + " in flight "
                        + "per " + batch.scope() + ", and this call has " + unit.getValue() + ": the provider planned "
                        + "too large a call; please report it");
            }
        }
        Instant start = clock.instant();
        boolean told = false;
        ledger.admission.lockInterruptibly();
        try {
            while (true) {
                boolean known;
                synchronized (ledger) {
                    known = ledger.known;
                }
                if (!known) {
                    try {
                        learn(ledger);
                    } catch (PurgeException e) {
                        Instant failedAt = clock.instant();
                        if (!e.retryable() || !failedAt.plus(initialPoll).isBefore(deadline)) {
                            throw e;
                        }
                        // the vendor could not say what is in flight this time: ask again shortly
                        pause.sleep(initialPoll);
                        continue;
                    }
                }
                Instant hold;
                synchronized (ledger) {
                    hold = ledger.notBefore;
                    if (!clock.instant().isBefore(hold) && fits(ledger.used(), use, limits)) {
                        ledger.reserved.add(use);
                        return new Reservation(ledger, use, Duration.between(start, clock.instant()));
                    }
                }
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                    throw new PurgeThrottledException(backend.providerId() + " still had " + ledger.used() + " in "
                            + "flight on " + batch.scope() + " after " + Duration.between(start, now).toSeconds()
                            + " s (limits " + limits
                            + "), so this call of " + use + " was not sent: raise " + backend.providerId()
                            + ".quota.maxWait, or purge again once the earlier purges have completed", 0, null, null,
                            null);
                }
                if (!told) {
                    told = true;
                    onQueued.accept("waiting for room on " + batch.scope() + ": " + ledger.used() + " in flight, "
                            + "limits " + limits + ", this call needs " + use);
                }
                synchronized (ledger) {
                    if (!ledger.reserved.isEmpty()) {
                        // calls being sent hold room: their answers, not the passing of time, decide what is next
                        ledger.wait(REAL_WAIT_MILLIS);
                        continue;
                    }
                }
                if (checkDue(ledger, now) && !now.isBefore(hold)) {
                    continue;
                }
                Instant wake = nextCheck(ledger, now);
                if (wake.isBefore(hold)) {
                    wake = hold;
                }
                pause.sleep(EngineClient.min(Duration.between(now, wake), Duration.between(now, deadline)));
            }
        } finally {
            ledger.admission.unlock();
        }
    }

    /** The vendor accepted the call: its room stays taken until the purge with this reference completes. */
    void accepted(Reservation reservation, String reference) {
        Ledger ledger = reservation.ledger;
        synchronized (ledger) {
            if (reservation.settled) {
                return;
            }
            reservation.settled = true;
            ledger.reserved.remove(reservation.use);
            if (reference != null && !reservation.use.isEmpty()) {
                // a purge already counted (a retried request, an idempotent repeat) keeps its own schedule
                ledger.inFlight.putIfAbsent(reference, new Entry(reservation.use, clock.instant().plus(initialPoll),
                        initialPoll));
            }
            ledger.notifyAll();
        }
    }

    /** The call was not accepted (or ended some other way): its room is free again. Idempotent. */
    void released(Reservation reservation) {
        synchronized (reservation.ledger) {
            if (!reservation.settled) {
                reservation.settled = true;
                reservation.ledger.reserved.remove(reservation.use);
                reservation.ledger.notifyAll();
            }
        }
    }

    /**
     * The vendor said the quota was full although this client counted room: others use it too. The room is freed
     * and the vendor is asked again what is in flight before the next call.
     */
    void refused(Reservation reservation) {
        synchronized (reservation.ledger) {
            if (reservation.settled) {
                return;
            }
            reservation.settled = true;
            reservation.ledger.reserved.remove(reservation.use);
            reservation.ledger.known = false;
            reservation.ledger.notBefore = clock.instant().plus(initialPoll);
            reservation.ledger.notifyAll();
        }
    }

    /** A purge was seen complete elsewhere (a status check): its room is free at once. */
    void completed(String scope, String reference) {
        Ledger ledger = ledgers.get(scope);
        if (ledger != null) {
            synchronized (ledger) {
                ledger.inFlight.remove(reference);
            }
        }
    }

    private void learn(Ledger ledger) {
        List<InFlightQuota.Work> works = quota.inFlight(ledger.scope);
        Instant check = clock.instant().plus(initialPoll);
        synchronized (ledger) {
            for (InFlightQuota.Work work : works) {
                ledger.inFlight.putIfAbsent(work.reference(), new Entry(nonZero(work.use()), check, initialPoll));
            }
            ledger.known = true;
        }
    }

    /** Asks about every purge whose check is due; true when one completed. */
    private boolean checkDue(Ledger ledger, Instant now) {
        List<String> due = new ArrayList<>();
        synchronized (ledger) {
            ledger.inFlight.forEach((reference, entry) -> {
                if (!entry.nextCheck.isAfter(now)) {
                    due.add(reference);
                }
            });
        }
        boolean freed = false;
        for (String reference : due) {
            TargetOutcome.Status status;
            try {
                status = backend.completion(ledger.scope, reference);
            } catch (PurgeAuthenticationException | PurgePermissionException e) {
                throw e;
            } catch (PurgeException e) {
                if (e.retryable()) {
                    reschedule(ledger, reference, now);
                    continue;
                }
                // the vendor no longer knows the purge: it cannot hold room
                status = TargetOutcome.Status.SUCCEEDED;
            } catch (RuntimeException e) {
                // a provider bug while asking: ask again later rather than fail a call that was never sent
                reschedule(ledger, reference, now);
                continue;
            }
            if (status == TargetOutcome.Status.IN_PROGRESS) {
                reschedule(ledger, reference, now);
            } else {
                completed(ledger.scope, reference);
                freed = true;
            }
        }
        return freed;
    }

    private void reschedule(Ledger ledger, String reference, Instant now) {
        synchronized (ledger) {
            Entry entry = ledger.inFlight.get(reference);
            if (entry != null) {
                entry.interval = EngineClient.min(entry.interval.multipliedBy(2), maxPoll);
                entry.nextCheck = now.plus(entry.interval);
            }
        }
    }

    /** When to look again: the earliest due check, or one first-poll interval while only unanswered calls hold room. */
    private Instant nextCheck(Ledger ledger, Instant now) {
        synchronized (ledger) {
            Instant next = now.plus(initialPoll);
            for (Entry entry : ledger.inFlight.values()) {
                if (entry.nextCheck.isBefore(next)) {
                    next = entry.nextCheck;
                }
            }
            return next.isAfter(now) ? next : now.plus(Duration.ofMillis(1));
        }
    }

    private static boolean fits(Map<String, Integer> used, Map<String, Integer> use, Map<String, Integer> limits) {
        for (Map.Entry<String, Integer> unit : use.entrySet()) {
            long total = (long) used.getOrDefault(unit.getKey(), 0) + unit.getValue();
            if (total > limits.getOrDefault(unit.getKey(), Integer.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Integer> nonZero(Map<String, Integer> use) {
        Map<String, Integer> result = new HashMap<>();
        use.forEach((unit, amount) -> {
            if (amount != null && amount > 0) {
                result.put(unit, amount);
            }
        });
        return Map.copyOf(result);
    }

    private static void add(Map<String, Integer> total, Map<String, Integer> use) {
        use.forEach((unit, amount) -> total.merge(unit, amount, Integer::sum));
    }
}
