package io.cdnpurge.internal;

import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;

import java.time.Instant;

/** Builds the engine's outcomes, carrying a target's vendor reference, scope and answer id from state to state. */
final class Outcomes {
    private Outcomes() {
    }

    static TargetOutcome failed(String provider, PurgeTarget target, String scope, PurgeException error) {
        return TargetOutcome.builder(provider, target, TargetOutcome.Status.FAILED).scope(scope).error(error).build();
    }

    static TargetOutcome succeeded(String provider, PurgeTarget target, String scope, String reference,
                                   String requestId) {
        return TargetOutcome.builder(provider, target, TargetOutcome.Status.SUCCEEDED).scope(scope)
                .vendorReference(reference).requestId(requestId).build();
    }

    /** In progress until the vendor's estimate, or until the vendor says so when {@code pending} can ask it. */
    static TargetOutcome inProgress(String provider, PurgeTarget target, String scope, String reference,
                                    String requestId, Instant eta, Pending pending) {
        TargetOutcome.Builder builder = TargetOutcome.builder(provider, target, TargetOutcome.Status.IN_PROGRESS)
                .scope(scope).vendorReference(reference).requestId(requestId).estimatedCompletion(eta);
        if (pending != null) {
            Completions.attach(builder, pending);
            builder.completionUnknown(pending.lastError());
        }
        return builder.build();
    }

    /** The outcome as its purge now stands: complete, failed at the vendor, or still in progress. */
    static TargetOutcome of(TargetOutcome outcome, Pending pending, String providerId) {
        TargetOutcome.Status known = pending.known();
        String scope = outcome.scope().orElse(null);
        String reference = outcome.vendorReference().orElse(null);
        if (known == TargetOutcome.Status.SUCCEEDED) {
            return succeeded(outcome);
        }
        if (known == TargetOutcome.Status.FAILED) {
            return failed(outcome.provider(), outcome.target(), scope, new PurgeServiceException(providerId
                    + " reports that purge " + reference + " failed: purge its targets again, or quote the reference "
                    + "to " + providerId + " support if it keeps failing", 0, null, null, false, null));
        }
        return inProgress(outcome.provider(), outcome.target(), scope, reference, outcome.requestId().orElse(null),
                outcome.estimatedCompletion().orElse(null), pending);
    }

    static TargetOutcome succeeded(TargetOutcome outcome) {
        return succeeded(outcome.provider(), outcome.target(), outcome.scope().orElse(null),
                outcome.vendorReference().orElse(null), outcome.requestId().orElse(null));
    }
}
