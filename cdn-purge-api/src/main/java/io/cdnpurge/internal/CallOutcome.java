package io.cdnpurge.internal;

import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.BatchResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How one call ended for all of its targets at once, or why a group of targets could not be sent: what its
 * outcomes share is kept once, and an outcome is made when it is asked for.
 */
final class CallOutcome {
    /** The purge's distinct targets, of which this call's are at {@link #indices}. */
    private final List<PurgeTarget> distinct;
    final IntList indices;
    /** The state of the targets the vendor did not refuse one by one. */
    private final TargetOutcome.Status status;
    private final String scope;
    /** Why the whole call failed; null when it did not. */
    private final PurgeException error;
    /** Targets refused one by one within an accepted call, redacted. */
    private final Map<PurgeTarget, PurgeException> refused;
    /** The vendor's id for the call, and its own for some targets. */
    private final String reference;
    private final Map<PurgeTarget, String> references;
    private final String requestId;
    private final Instant eta;
    private final Pending pending;

    private CallOutcome(List<PurgeTarget> distinct, IntList indices, TargetOutcome.Status status, String scope,
                        PurgeException error, Map<PurgeTarget, PurgeException> refused, BatchResult answer,
                        Instant eta, Pending pending) {
        this.distinct = distinct;
        this.indices = indices;
        this.status = status;
        this.scope = scope;
        this.error = error;
        this.refused = refused;
        this.reference = answer == null ? null : answer.reference().orElse(null);
        this.references = answer == null ? Map.of() : answer.targetReferences();
        this.requestId = answer == null ? null : answer.requestId().orElse(null);
        this.eta = eta;
        this.pending = pending;
    }

    /** Every target failed with one error (redacted already). */
    static CallOutcome failed(List<PurgeTarget> distinct, IntList indices, String scope, PurgeException error) {
        return new CallOutcome(distinct, indices, TargetOutcome.Status.FAILED, scope, error, Map.of(), null, null,
                null);
    }

    /**
     * The vendor accepted the call: done, or in progress until {@code eta} or until {@code pending} learns it is done.
     *
     * @param refused the targets it refused one by one, redacted
     */
    static CallOutcome accepted(List<PurgeTarget> distinct, IntList indices, String scope, BatchResult answer,
                                boolean done, Map<PurgeTarget, PurgeException> refused, Instant eta, Pending pending) {
        return new CallOutcome(distinct, indices, done ? TargetOutcome.Status.SUCCEEDED
                : TargetOutcome.Status.IN_PROGRESS, scope, null, refused, answer, eta, pending);
    }

    int size() {
        return indices.size();
    }

    private PurgeTarget target(int position) {
        return distinct.get(indices.get(position));
    }

    /** How many of the targets are in the state. */
    int count(TargetOutcome.Status wanted) {
        if (error != null) {
            return wanted == TargetOutcome.Status.FAILED ? size() : 0;
        }
        int refusedHere = 0;
        if (!refused.isEmpty()) {
            for (int j = 0; j < size(); j++) {
                if (refused.containsKey(target(j))) {
                    refusedHere++;
                }
            }
        }
        if (wanted == TargetOutcome.Status.FAILED) {
            return refusedHere;
        }
        return wanted == status ? size() - refusedHere : 0;
    }

    /** The outcome of the target at the position. */
    TargetOutcome outcome(int position, String provider) {
        PurgeTarget target = target(position);
        if (error != null) {
            return Outcomes.failed(provider, target, scope, error);
        }
        PurgeException refusal = refused.isEmpty() ? null : refused.get(target);
        if (refusal != null) {
            return Outcomes.failed(provider, target, scope, refusal);
        }
        String own = references.isEmpty() ? reference : references.getOrDefault(target, reference);
        if (status == TargetOutcome.Status.SUCCEEDED) {
            return Outcomes.succeeded(provider, target, scope, own, requestId);
        }
        return Outcomes.inProgress(provider, target, scope, own, requestId, eta, pending);
    }
}
