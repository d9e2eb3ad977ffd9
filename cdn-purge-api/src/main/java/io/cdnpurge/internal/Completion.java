package io.cdnpurge.internal;

import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeStats;
import io.cdnpurge.TargetOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks how accepted purges are doing: once per vendor reference however many targets it carried, through a status
 * API where the vendor has one, by the vendor's estimate where not. A purge the vendor accepted stays accepted when
 * asking fails: its outcome stays IN_PROGRESS and says why its completion is unknown.
 */
final class Completion {
    private final EngineCore core;
    private final InFlightTracker tracker;

    Completion(EngineCore core, InFlightTracker tracker) {
        this.core = core;
        this.tracker = tracker;
    }

    /**
     * Asks the vendor once about one purge, unless its state is known already or asking cannot succeed.
     *
     * @return its status, or null when it could not be asked
     */
    static TargetOutcome.Status ask(EngineCore core, Pending pending, Context context) {
        TargetOutcome.Status known = pending.known();
        if (known != null) {
            return known;
        }
        if (pending.unknowable()) {
            return null;
        }
        Exchange requests = new Exchange(core, context, CallInfo.none(), true);
        try {
            TargetOutcome.Status status = pending.check.check(requests);
            if (status == null || status == TargetOutcome.Status.IN_PROGRESS) {
                pending.stillInProgress(core.clock.instant(), core.settings.maxPoll);
                return TargetOutcome.Status.IN_PROGRESS;
            }
            pending.completed(status);
            return status;
        } catch (PurgeException e) {
            pending.failed(core.redactor.scrubError(e), core.clock.instant(), core.settings.maxPoll,
                    EngineCore.retryAfter(e));
            return null;
        } catch (RuntimeException e) {
            // a provider bug while asking: ask again later; the purge itself was accepted
            pending.failed(new PurgeServiceException(core.id + " provider failed unexpectedly asking about "
                    + pending.reference + " (" + e.getClass().getName() + "); please report it", 0, null, null, true,
                    null), core.clock.instant(), core.settings.maxPoll, null);
            return null;
        }
    }

    /**
     * The result with the state of its targets in progress brought up to date.
     *
     * @param dueOnly ask only about purges whose next check is due (a wait), or about all of them (a status call)
     */
    PurgeResult update(PurgeResult result, Context context, boolean dueOnly) {
        Instant now = core.clock.instant();
        Map<Pending, Boolean> asked = new IdentityHashMap<>();
        List<TargetOutcome> updated = new ArrayList<>(result.outcomes().size());
        boolean changed = false;
        for (TargetOutcome outcome : result.outcomes()) {
            TargetOutcome next = outcome;
            if (outcome.status() == TargetOutcome.Status.IN_PROGRESS) {
                Object handle = Completions.handleOf(outcome);
                if (handle instanceof Pending) {
                    Pending pending = (Pending) handle;
                    if (!asked.containsKey(pending) && (!dueOnly || !pending.nextCheck().isAfter(now))) {
                        asked.put(pending, Boolean.TRUE);
                        ask(core, pending, context);
                        if (pending.known() != null && tracker != null) {
                            tracker.completed(pending);
                        }
                    }
                    next = Outcomes.of(outcome, pending, core.id);
                } else if (outcome.estimatedCompletion().isPresent()
                        && !outcome.estimatedCompletion().get().isAfter(now)) {
                    next = Outcomes.succeeded(outcome);
                }
            }
            changed |= !next.equals(outcome);
            updated.add(next);
        }
        PurgeStats spent = PurgeStats.builder().requests(context.requests.get()).retries(context.retries.get())
                .throttled(context.throttled.get()).build();
        if (!changed && context.requests.get() == 0) {
            return result;
        }
        PurgeStats stats = result.stats().toBuilder().requests(result.stats().requests() + spent.requests())
                .retries(result.stats().retries() + spent.retries())
                .throttled(result.stats().throttled() + spent.throttled()).build();
        context.requests.set(0);
        context.retries.set(0);
        context.throttled.set(0);
        return result.toBuilder().outcomes(updated).stats(stats).build();
    }

    /**
     * When there is next something to learn: the earliest check due of a purge that can still be asked about, or
     * the earliest estimate not yet passed; null when nothing more can be learnt.
     */
    Instant nextWake(PurgeResult result) {
        Instant next = null;
        for (TargetOutcome outcome : result.outcomes()) {
            if (outcome.status() != TargetOutcome.Status.IN_PROGRESS) {
                continue;
            }
            Object handle = Completions.handleOf(outcome);
            Instant candidate = null;
            if (handle instanceof Pending) {
                Pending pending = (Pending) handle;
                if (pending.known() == null && !pending.unknowable()) {
                    candidate = pending.nextCheck();
                }
            } else {
                candidate = outcome.estimatedCompletion().orElse(null);
            }
            if (candidate != null && (next == null || candidate.isBefore(next))) {
                next = candidate;
            }
        }
        return next;
    }
}
