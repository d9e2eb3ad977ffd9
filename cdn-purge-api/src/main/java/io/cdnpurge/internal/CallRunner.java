package io.cdnpurge.internal;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeCall;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one planned call to its end: room in the vendor's quota on purges in flight (where it has one), then the
 * call's requests through an {@link Exchange}, which paces, retries and observes them. Always returns one outcome
 * per target of the call, whatever happens, an {@link Error} in a provider included.
 */
final class CallRunner {
    private final EngineCore core;
    private final InFlightTracker tracker;
    /**
     * One per call in flight, {@code concurrency} in all: calls run on the caller's thread (a one-call purge) and
     * on the pool count alike.
     */
    private final Semaphore slots;

    CallRunner(EngineCore core, InFlightTracker tracker) {
        this.core = core;
        this.tracker = tracker;
        this.slots = new Semaphore(core.settings.concurrency);
    }

    /** Makes the plan's call at the index, and runs it. */
    CallOutcome run(Planner.Plan plan, int index, Context context) {
        VirtualMachineError fatal = context.fatal;
        if (fatal != null) {
            throw fatal;
        }
        Planner.CallSpec spec = plan.specs.get(index);
        PurgeCall call;
        try {
            call = Planner.call(plan, index, core.backend);
        } catch (RuntimeException e) {
            return CallOutcome.failed(plan.distinct, spec.indices, spec.scope,
                    core.events.redact(Planner.providerBug(core.backend, spec, e)));
        }
        if (call.billableItems().isPresent()) {
            context.billed = true;
        }
        CallInfo info = new CallInfo(index + 1, plan.callCount(), spec.kind, spec.indices.size(), call, core);
        Targets targets = new Targets(plan.distinct, spec.indices);
        try {
            takeSlot(info, context);
        } catch (PurgeException e) {
            return failAll(call, targets, info, e, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failAll(call, targets, info, new PurgeException("interrupted while waiting for one of the "
                    + core.settings.concurrency + " calls in flight of this " + core.id + " client to end; the call "
                    + "was not sent", e), context);
        }
        try {
            return tracker == null ? send(call, targets, info, context, null)
                    : sendWithinQuota(call, targets, info, context);
        } catch (PurgeException e) {
            return failAll(call, targets, info, e, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failAll(call, targets, info, new PurgeException("interrupted while waiting for room in " + core.id
                    + "'s quota; the call was not sent", e), context);
        } catch (RuntimeException e) {
            return failAll(call, targets, info, new PurgeException(core.id + " provider failed unexpectedly ("
                    + e.getClass().getName() + "); please report it", e), context);
        } catch (VirtualMachineError e) {
            // the purge ends with it, now: calls not started yet are not sent, and their memory is freed
            context.fatal = e;
            throw e;
        } catch (LinkageError | AssertionError e) {
            // nothing may leave a purge waiting for ever: the call's targets fail, naming the error
            return failAll(call, targets, info, new PurgeException(core.id + " call ended by " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; it may or may not have been sent", e),
                    context);
        } finally {
            slots.release();
        }
    }

    /** Where a call's targets are among the purge's distinct targets. */
    private static final class Targets {
        final java.util.List<io.cdnpurge.PurgeTarget> distinct;
        final IntList indices;

        Targets(java.util.List<io.cdnpurge.PurgeTarget> distinct, IntList indices) {
            this.distinct = distinct;
            this.indices = indices;
        }
    }

    /**
     * Waits for one of the client's {@code concurrency} slots, as long as the deadline allows, saying so when it has
     * to wait.
     */
    private void takeSlot(CallInfo info, Context context) throws InterruptedException {
        if (slots.tryAcquire()) {
            return;
        }
        if (core.events.wants(PurgeEvent.Type.WAITING)) {
            core.events.emit(core.events.event(PurgeEvent.Type.WAITING, context).call(info.index, info.count, 0)
                    .kind(info.kind).items(info.items).description(info.description())
                    .detail("waiting for one of the " + core.settings.concurrency + " calls in flight to end ("
                            + core.id + ".concurrency), at most until " + context.deadlineName + " passes"));
        }
        Duration left = Duration.between(core.clock.instant(), context.deadline);
        if (left.isNegative() || !slots.tryAcquire(left.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new PurgeException(context.deadlineName + " passed while the call waited for one of the "
                    + core.settings.concurrency + " calls in flight of this " + core.id + " client to end; it was "
                    + "not sent: raise " + core.id + ".concurrency or the deadline, or purge fewer targets at once");
        }
    }

    private CallOutcome sendWithinQuota(PurgeCall call, Targets targets, CallInfo info, Context context)
            throws InterruptedException {
        String scope = call.batch().scope();
        String pool = core.quota.pool(scope, new Exchange(core, context, CallInfo.none(), false));
        // a refusal for a full quota is back-pressure, not a failed attempt: the call learns what is in flight and
        // waits for room, which the deadline bounds
        while (true) {
            InFlightTracker.Reservation reservation = tracker.acquire(pool, call.quotaUse(), context, info);
            try {
                return send(call, targets, info, context, reservation);
            } catch (PurgeException e) {
                if (!core.quota.isQuotaFull(e)) {
                    throw e;
                }
                tracker.refused(reservation);
            } finally {
                // whatever ended the call (an Error included), room it did not turn into a purge is free again
                tracker.released(reservation);
            }
        }
    }

    private CallOutcome send(PurgeCall call, Targets targets, CallInfo info, Context context,
                             InFlightTracker.Reservation reservation) {
        Exchange requests = new Exchange(core, context, info, false);
        BatchResult answer = call.send(requests);
        Instant answered = core.clock.instant();
        String scope = call.batch().scope();
        if (answer.rateLimitRemaining().isPresent() && answer.rateLimitRemaining().get() <= 0
                && answer.rateLimitReset().isPresent()) {
            core.limiter.block(PurgeEvent.Purpose.PURGE, info.kind, null, answered.plus(answer.rateLimitReset().get()));
        }
        if (answer.targetFailures().size() < call.batch().targets().size()) {
            call.billableItems().ifPresent(context.billable::addAndGet);
        }
        Duration estimate = answer.estimatedCompletion().orElse(null);
        boolean done = estimate != null && estimate.isZero() || answer.completion().isEmpty() && estimate == null;
        Pending pending = null;
        String reference = answer.reference().orElse(null);
        if (!done && answer.completion().isPresent()) {
            pending = new Pending(reference == null ? "" : reference, answer.completion().get(),
                    reservation == null ? null : reservation.pool(), answered.plus(core.settings.initialPoll),
                    core.settings.initialPoll);
        }
        if (reservation != null && tracker != null) {
            if (done || pending == null) {
                tracker.released(reservation);
            } else {
                tracker.accepted(reservation, pending);
            }
        }
        Instant eta = estimate == null ? null : answered.plus(estimate);
        Map<PurgeTarget, PurgeException> refused = Map.of();
        if (!answer.targetFailures().isEmpty()) {
            refused = new HashMap<>();
            for (Map.Entry<PurgeTarget, PurgeException> failure : answer.targetFailures().entrySet()) {
                refused.put(failure.getKey(), core.events.redact(failure.getValue()));
            }
        }
        return CallOutcome.accepted(targets.distinct, targets.indices, scope, answer, done, refused, eta, pending);
    }

    private CallOutcome failAll(PurgeCall call, Targets targets, CallInfo info, PurgeException last,
                                Context context) {
        PurgeException error = core.events.redact(last);
        if (core.events.wants(PurgeEvent.Type.CALL_FAILED)) {
            core.events.emit(core.events.event(PurgeEvent.Type.CALL_FAILED, context).call(info.index, info.count,
                            info.attempts).kind(info.kind).items(info.items).description(info.description())
                    .httpStatus(error instanceof PurgeServiceException ? ((PurgeServiceException) error).httpStatus()
                            : 0)
                    .detail(error.getMessage()));
        }
        return CallOutcome.failed(targets.distinct, targets.indices, call.batch().scope(), error);
    }
}
