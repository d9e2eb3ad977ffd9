package io.cdnpurge.internal;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.InFlightQuota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps each pool within the vendor's quota on purges in flight. A call is admitted when, as far as this client
 * knows, what is in flight plus what it uses fits the quota; the vendor is asked what others have in flight only
 * when this client's count says the call does not fit, or after the vendor refused a call for a full quota. A call
 * that does not fit waits, first in first out per pool, while the tracker asks whether the purges in flight have
 * completed: each about {@code completion.initialPoll} after it was accepted, then at doubling intervals up to
 * {@code completion.maxPoll}, once per reference. Waiting is bounded by the purge's deadline and logged.
 */
final class InFlightTracker {
    /** A call's claim on a pool, from admission until the vendor's answer. */
    static final class Reservation {
        private final Ledger ledger;
        private final Map<String, Integer> use;
        /** Whether the room was turned into a purge in flight or given back; guarded by the ledger. */
        private boolean settled;

        private Reservation(Ledger ledger, Map<String, Integer> use) {
            this.ledger = ledger;
            this.use = use;
        }

        String pool() {
            return ledger.pool;
        }
    }

    private static final class Entry {
        final Map<String, Integer> use;
        Pending pending;

        Entry(Map<String, Integer> use, Pending pending) {
            this.use = use;
            this.pending = pending;
        }
    }

    private static final class Ledger {
        final String pool;
        final ReentrantLock admission = new ReentrantLock(true);
        /** Purges in flight by reference, oldest first; guarded by this. */
        final Map<String, Entry> inFlight = new LinkedHashMap<>();
        /** Uses of admitted calls not answered yet; guarded by this. */
        final List<Map<String, Integer>> reserved = new ArrayList<>();
        /** Whether the vendor has been asked what is in flight since the last surprise; guarded by this. */
        boolean known;
        /** No call is admitted before this, after the vendor refused one for lack of room; guarded by this. */
        Instant notBefore = Instant.MIN;
        /** The pause after a refusal, doubled by each refusal in a row up to maxPoll; guarded by this. */
        Duration refusalPause;

        Ledger(String pool) {
            this.pool = pool;
        }

        synchronized Map<String, Integer> used() {
            Map<String, Integer> used = new TreeMap<>();
            inFlight.values().forEach(entry -> add(used, entry.use));
            reserved.forEach(use -> add(used, use));
            return used;
        }
    }

    /** A safety bound on one wait for another thread's answer; the wait ends at once when the answer comes. */
    private static final long REAL_WAIT_MILLIS = 1000;

    private final EngineCore core;
    private final InFlightQuota quota;
    private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();

    InFlightTracker(EngineCore core, InFlightQuota quota) {
        this.core = core;
        this.quota = quota;
    }

    /**
     * Waits until the call fits the quota of its pool and claims its room.
     *
     * @throws PurgeException when room does not come before the deadline, the call can never fit, or the vendor
     *                        cannot say what is in flight
     */
    Reservation acquire(String pool, Map<String, Integer> requested, Context context, CallInfo call)
            throws InterruptedException {
        Map<String, Integer> use = nonZero(requested);
        Ledger ledger = ledgers.computeIfAbsent(pool, Ledger::new);
        if (use.isEmpty()) {
            Reservation free = new Reservation(ledger, use);
            free.settled = true;
            return free;
        }
        Map<String, Integer> limits = quota.limits(pool);
        for (Map.Entry<String, Integer> unit : use.entrySet()) {
            int limit = limits.getOrDefault(unit.getKey(), Integer.MAX_VALUE);
            if (unit.getValue() > limit) {
                throw new PurgeException(core.id + " allows " + limit + " " + unit.getKey() + " in flight per "
                        + pool + ", and this call has " + unit.getValue() + ": the provider planned too large a call; "
                        + "please report it");
            }
        }
        Instant start = core.clock.instant();
        boolean told = false;
        ledger.admission.lockInterruptibly();
        try {
            while (true) {
                Instant hold;
                boolean known;
                synchronized (ledger) {
                    hold = ledger.notBefore;
                    known = ledger.known;
                    if (!core.clock.instant().isBefore(hold) && fits(ledger.used(), use, limits)) {
                        ledger.reserved.add(use);
                        return new Reservation(ledger, use);
                    }
                }
                if (!known) {
                    // by this client's count the call does not fit, or the vendor just said the quota is full:
                    // learn what others have in flight before waiting
                    learn(ledger, context);
                    continue;
                }
                Instant now = core.clock.instant();
                if (!now.isBefore(context.deadline)) {
                    throw new PurgeThrottledException(core.id + " still had " + ledger.used() + " in flight on "
                            + pool + " after " + Duration.between(start, now).toSeconds() + " s (limits " + limits
                            + "), and " + context.deadlineName + " passed, so this call of " + use + " was not sent: "
                            + "purge again once the earlier purges have completed, or give the purge a longer "
                            + "deadline", 0, null, null, null);
                }
                if (!told) {
                    told = true;
                    core.events.emit(core.events.event(PurgeEvent.Type.QUEUED, context).call(call.index, call.count, 0)
                            .kind(call.kind).items(call.items).description(call.description())
                            .detail("waiting for room on " + pool + ": " + ledger.used() + " in flight, limits "
                                    + limits + ", this call needs " + use));
                }
                synchronized (ledger) {
                    if (!ledger.reserved.isEmpty()) {
                        // calls being sent hold room: their answers, not the passing of time, decide what is next
                        ledger.wait(REAL_WAIT_MILLIS);
                        continue;
                    }
                }
                if (checkDue(ledger, now, context) && !now.isBefore(hold)) {
                    continue;
                }
                Instant wake = nextCheck(ledger, now);
                if (wake.isBefore(hold)) {
                    wake = hold;
                }
                Duration wait = EngineClient.min(Duration.between(now, wake), Duration.between(now, context.deadline));
                core.events.emit(core.events.event(PurgeEvent.Type.WAITING, context).call(call.index, call.count, 0)
                        .kind(call.kind).items(call.items).description(call.description()).waitTime(wait)
                        .detail("waiting " + Exchange.seconds(wait) + " for room on " + pool + ": " + ledger.used()
                                + " in flight, limits " + limits + "; " + context.deadlineName + " ends at "
                                + context.deadline));
                core.sleep(wait);
            }
        } finally {
            ledger.admission.unlock();
        }
    }

    /** The vendor accepted the call: its room stays taken until the purge completes. */
    void accepted(Reservation reservation, Pending pending) {
        Ledger ledger = reservation.ledger;
        synchronized (ledger) {
            if (reservation.settled) {
                return;
            }
            reservation.settled = true;
            ledger.reserved.remove(reservation.use);
            ledger.refusalPause = null;
            if (pending != null && !reservation.use.isEmpty()) {
                Entry known = ledger.inFlight.get(pending.reference);
                if (known == null) {
                    ledger.inFlight.put(pending.reference, new Entry(reservation.use, pending));
                } else {
                    // a retried request or idempotent repeat already counted, or seen in a listing: one question
                    known.pending = pending;
                }
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
     * The vendor said the quota was full although this client counted room: others use it too. The room is freed,
     * and the vendor is asked again what is in flight before the next call.
     */
    void refused(Reservation reservation) {
        synchronized (reservation.ledger) {
            if (reservation.settled) {
                return;
            }
            reservation.settled = true;
            reservation.ledger.reserved.remove(reservation.use);
            Ledger ledger = reservation.ledger;
            ledger.known = false;
            // refusals in a row (purges this client cannot see, or cannot ask about) are spaced out further each time
            ledger.refusalPause = ledger.refusalPause == null ? core.settings.initialPoll
                    : EngineClient.min(ledger.refusalPause.multipliedBy(2), core.settings.maxPoll);
            ledger.notBefore = core.clock.instant().plus(ledger.refusalPause);
            ledger.notifyAll();
        }
    }

    /** A purge was seen complete elsewhere (a status check): its room is free at once. */
    void completed(Pending pending) {
        Ledger ledger = pending.pool == null ? null : ledgers.get(pending.pool);
        if (ledger != null) {
            synchronized (ledger) {
                ledger.inFlight.remove(pending.reference);
                ledger.notifyAll();
            }
        }
    }

    private void learn(Ledger ledger, Context context) {
        Exchange requests = new Exchange(core, context, CallInfo.none(), false);
        List<InFlightQuota.Work> works = quota.inFlight(ledger.pool, requests);
        Instant check = core.clock.instant().plus(core.settings.initialPoll);
        synchronized (ledger) {
            for (InFlightQuota.Work work : works) {
                if (!ledger.inFlight.containsKey(work.reference())) {
                    ledger.inFlight.put(work.reference(), new Entry(nonZero(work.use()), new Pending(work.reference(),
                            work.completion(), ledger.pool, check, core.settings.initialPoll)));
                }
            }
            ledger.known = true;
        }
    }

    /** Asks about every purge whose check is due, once each; true when one completed. */
    private boolean checkDue(Ledger ledger, Instant now, Context context) {
        List<Pending> due = new ArrayList<>();
        synchronized (ledger) {
            for (Entry entry : ledger.inFlight.values()) {
                if (!entry.pending.nextCheck().isAfter(now)) {
                    due.add(entry.pending);
                }
            }
        }
        boolean freed = false;
        for (Pending pending : due) {
            TargetOutcome.Status status = Completion.ask(core, pending, context);
            if (status != null && status != TargetOutcome.Status.IN_PROGRESS || pending.unknowable()) {
                // complete, or unknowable (a credential that may not ask): either way it no longer holds room
                // this client can see; a refusal by the vendor would tell otherwise
                completed(pending);
                freed = true;
            }
        }
        return freed;
    }

    /** When to look again: the earliest due check, or one first-poll interval while only unanswered calls hold room. */
    private Instant nextCheck(Ledger ledger, Instant now) {
        synchronized (ledger) {
            Instant next = now.plus(core.settings.initialPoll);
            for (Entry entry : ledger.inFlight.values()) {
                Instant check = entry.pending.nextCheck();
                if (check.isBefore(next)) {
                    next = check;
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
        Map<String, Integer> result = new TreeMap<>();
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
