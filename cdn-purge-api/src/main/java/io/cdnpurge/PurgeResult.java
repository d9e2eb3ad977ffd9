package io.cdnpurge;

import io.cdnpurge.internal.OutcomeList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a purge: one {@link TargetOutcome} per distinct target, the overall status, the vendor
 * references and the figures. Immutable and thread-safe; the {@link Builder} is not. Its {@code toString()} of a
 * failed or partial purge names the causes, grouped, never a credential.
 *
 * <pre>{@code
 * PurgeResult result = cdn.purge(request);
 * if (result.status() != PurgeResult.Status.SUCCEEDED) {
 *     result.failures().forEach(f -> log.warn("not purged: {}", f));
 * }
 * }</pre>
 */
public final class PurgeResult {
    /** Causes named in {@link #toString()}; the rest are counted. */
    private static final int CAUSES_SHOWN = 3;
    private static final int CAUSE_LENGTH = 300;

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
    private final boolean timedOut;
    private final Status status;
    private final List<PurgeResult> parts;

    private PurgeResult(Builder builder) {
        this.providerId = Objects.requireNonNull(builder.providerId, "providerId cannot be null");
        // the engine's compact outcomes are immutable already: a million of them are not copied into objects
        this.outcomes = builder.compact != null ? builder.compact : List.copyOf(builder.outcomes);
        this.stats = Objects.requireNonNull(builder.stats, "stats cannot be null");
        this.timedOut = builder.timedOut;
        if (this.outcomes.isEmpty()) {
            throw new IllegalArgumentException("outcomes cannot be empty");
        }
        this.status = this.outcomes instanceof OutcomeList ? statusOf((OutcomeList) this.outcomes)
                : statusOf(this.outcomes);
        this.parts = builder.parts == null ? null : List.copyOf(builder.parts);
    }

    /** @param providerId the client the result is of (its provider id, or its name in a configuration) */
    public static Builder builder(String providerId) {
        return new Builder(providerId);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(providerId);
        builder.outcomes(outcomes);
        builder.stats = stats;
        builder.timedOut = timedOut;
        builder.parts = parts;
        return builder;
    }

    private static Status statusOf(OutcomeList outcomes) {
        int failed = outcomes.count(TargetOutcome.Status.FAILED);
        if (failed == outcomes.size()) {
            return Status.FAILED;
        }
        if (failed > 0) {
            return Status.PARTIAL;
        }
        return outcomes.count(TargetOutcome.Status.IN_PROGRESS) > 0 ? Status.IN_PROGRESS : Status.SUCCEEDED;
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

    /** The client the result is of: its provider id, or its name when a configuration names clients. */
    public String providerId() {
        return providerId;
    }

    public Status status() {
        return status;
    }

    /**
     * The result of each client a router sent targets to, in the order of its clients; a result of one client is its
     * only part. The outcomes of targets no client took are in {@link #outcomes()} only.
     */
    public List<PurgeResult> parts() {
        return parts == null ? List.of(this) : parts;
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

    /**
     * Whether {@link PurgeClient#awaitCompletion} gave up at its timeout with targets still in progress; false for
     * results it did not wait on, and when it stopped because nothing more could be learnt.
     */
    public boolean timedOut() {
        return timedOut;
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
        return providerId.equals(that.providerId) && outcomes.equals(that.outcomes) && stats.equals(that.stats)
                && timedOut == that.timedOut;
    }

    @Override
    public int hashCode() {
        return Objects.hash(providerId, outcomes, stats, timedOut);
    }

    /**
     * {@code PurgeResult{cloudflare FAILED, 1 targets, calls=1, …; 1 FAILED: cloudflare answered HTTP 403 …}}: the
     * figures, then for a failed or partial purge the failures grouped by cause, and the targets whose completion
     * is unknown.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PurgeResult{").append(providerId).append(' ').append(status)
                .append(", ").append(outcomes.size()).append(" targets, ").append(stats);
        if (timedOut) {
            out.append(", timed out waiting for completion");
        }
        appendCauses(out, "FAILED", failureCauses());
        appendCauses(out, "IN_PROGRESS, completion unknown", unknownCompletions());
        return out.append('}').toString();
    }

    private Map<String, Integer> failureCauses() {
        Map<String, Integer> causes = new LinkedHashMap<>();
        for (TargetOutcome outcome : outcomes) {
            outcome.error().ifPresent(error -> causes.merge(describe(error), 1, Integer::sum));
        }
        return causes;
    }

    private Map<String, Integer> unknownCompletions() {
        Map<String, Integer> causes = new LinkedHashMap<>();
        for (TargetOutcome outcome : outcomes) {
            outcome.completionUnknown().ifPresent(error -> causes.merge(describe(error), 1, Integer::sum));
        }
        return causes;
    }

    private static void appendCauses(StringBuilder out, String what, Map<String, Integer> causes) {
        int shown = 0;
        for (Map.Entry<String, Integer> cause : causes.entrySet()) {
            if (shown++ == CAUSES_SHOWN) {
                out.append("; and ").append(causes.size() - CAUSES_SHOWN).append(" more cause(s)");
                break;
            }
            out.append("; ").append(cause.getValue()).append(' ').append(what).append(": ").append(cause.getKey());
        }
    }

    /** The cause in one line: the exception's kind where the message does not say it, then the message. */
    private static String describe(PurgeException error) {
        String message = String.valueOf(error.getMessage()).replace('\n', ' ');
        if (message.length() > CAUSE_LENGTH) {
            message = message.substring(0, CAUSE_LENGTH) + "…";
        }
        String kind = kindOf(error);
        return kind.isEmpty() ? message : kind + " — " + message;
    }

    private static String kindOf(PurgeException error) {
        if (error instanceof PurgeAuthenticationException) {
            return "authentication";
        }
        if (error instanceof PurgePermissionException) {
            return "permission " + ((PurgePermissionException) error).permission();
        }
        if (error instanceof PurgeThrottledException) {
            return "throttled";
        }
        if (error instanceof PurgeTransportException) {
            return ((PurgeTransportException) error).sent() ? "no answer" : "not sent";
        }
        if (error instanceof PurgeUnavailableException) {
            return "unavailable";
        }
        return "";
    }

    /** Builds a {@link PurgeResult}. Not thread-safe. */
    public static final class Builder {
        private final String providerId;
        private final List<TargetOutcome> outcomes = new ArrayList<>();
        /** The engine's outcomes, kept as they are until one is added. */
        private OutcomeList compact;
        private PurgeStats stats = PurgeStats.empty();
        private boolean timedOut;
        private List<PurgeResult> parts;

        private Builder(String providerId) {
            this.providerId = Objects.requireNonNull(providerId, "providerId cannot be null");
        }

        public Builder outcome(TargetOutcome outcome) {
            Objects.requireNonNull(outcome, "outcome cannot be null");
            if (compact != null) {
                outcomes.addAll(compact);
                compact = null;
            }
            outcomes.add(outcome);
            return this;
        }

        /** Replaces the outcomes. */
        public Builder outcomes(List<TargetOutcome> newOutcomes) {
            outcomes.clear();
            compact = null;
            if (newOutcomes instanceof OutcomeList) {
                compact = (OutcomeList) newOutcomes;
            } else {
                newOutcomes.forEach(this::outcome);
            }
            return this;
        }

        public Builder stats(PurgeStats figures) {
            this.stats = Objects.requireNonNull(figures, "stats cannot be null");
            return this;
        }

        public Builder timedOut(boolean gaveUp) {
            this.timedOut = gaveUp;
            return this;
        }

        /** The results of the clients a router combined into this one. */
        public Builder parts(List<PurgeResult> clientResults) {
            this.parts = List.copyOf(clientResults);
            return this;
        }

        public PurgeResult build() {
            return new PurgeResult(this);
        }
    }
}
