package io.cdnpurge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a purge: one {@link TargetOutcome} per distinct target, the overall status, the vendor
 * references and the figures. Immutable and thread-safe.
 *
 * <pre>{@code
 * PurgeResult result = cdn.purge(request);
 * if (result.status() != PurgeResult.Status.SUCCEEDED) {
 *     result.failures().forEach(f -> log.warn("not purged: {}", f));
 * }
 * }</pre>
 */
public final class PurgeResult {
    /** The overall state, derived from the outcomes. */
    public enum Status {
        /** Every target succeeded. */
        SUCCEEDED,
        /** No target failed and at least one is still propagating. */
        IN_PROGRESS,
        /** Some targets failed and some did not. */
        PARTIAL,
        /** Every target failed. */
        FAILED
    }

    private final String providerId;
    private final List<TargetOutcome> outcomes;
    private final PurgeStats stats;
    private final Status status;

    public PurgeResult(String providerId, List<TargetOutcome> outcomes, PurgeStats stats) {
        this.providerId = Objects.requireNonNull(providerId, "providerId cannot be null");
        this.outcomes = List.copyOf(outcomes);
        this.stats = Objects.requireNonNull(stats, "stats cannot be null");
        if (this.outcomes.isEmpty()) {
            throw new IllegalArgumentException("outcomes cannot be empty");
        }
        this.status = statusOf(this.outcomes);
    }

    private static Status statusOf(List<TargetOutcome> outcomes) {
        int failed = 0;
        int inProgress = 0;
        for (TargetOutcome outcome : outcomes) {
            if (outcome.status() == TargetOutcome.Status.FAILED) {
                failed++;
            } else if (outcome.status() == TargetOutcome.Status.IN_PROGRESS) {
                inProgress++;
            }
        }
        if (failed == outcomes.size()) {
            return Status.FAILED;
        }
        if (failed > 0) {
            return Status.PARTIAL;
        }
        return inProgress > 0 ? Status.IN_PROGRESS : Status.SUCCEEDED;
    }

    public String providerId() {
        return providerId;
    }

    public Status status() {
        return status;
    }

    /** One outcome per distinct target, in the order the targets were first given. */
    public List<TargetOutcome> outcomes() {
        return outcomes;
    }

    /** The outcomes that failed. */
    public List<TargetOutcome> failures() {
        List<TargetOutcome> failures = new ArrayList<>();
        for (TargetOutcome outcome : outcomes) {
            if (outcome.status() == TargetOutcome.Status.FAILED) {
                failures.add(outcome);
            }
        }
        return List.copyOf(failures);
    }

    /** The distinct vendor references (purge ids, invalidation ids, job ids), in call order. */
    public List<String> vendorReferences() {
        Set<String> references = new LinkedHashSet<>();
        for (TargetOutcome outcome : outcomes) {
            outcome.vendorReference().ifPresent(references::add);
        }
        return List.copyOf(references);
    }

    /** The latest estimated completion of the targets still in progress. */
    public Optional<Instant> estimatedCompletion() {
        Instant latest = null;
        for (TargetOutcome outcome : outcomes) {
            if (outcome.status() == TargetOutcome.Status.IN_PROGRESS && outcome.estimatedCompletion().isPresent()) {
                Instant eta = outcome.estimatedCompletion().get();
                latest = latest == null || eta.isAfter(latest) ? eta : latest;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Calls, requests, retries, throttled responses and elapsed time. */
    public PurgeStats stats() {
        return stats;
    }

    /** A copy with other outcomes and the same figures, used when completion is checked. */
    public PurgeResult withOutcomes(List<TargetOutcome> newOutcomes) {
        return new PurgeResult(providerId, newOutcomes, stats);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PurgeResult)) {
            return false;
        }
        PurgeResult that = (PurgeResult) other;
        return providerId.equals(that.providerId) && outcomes.equals(that.outcomes) && stats.equals(that.stats);
    }

    @Override
    public int hashCode() {
        return Objects.hash(providerId, outcomes, stats);
    }

    @Override
    public String toString() {
        return "PurgeResult{" + providerId + " " + status + ", " + outcomes.size() + " targets, " + stats + "}";
    }
}
