package io.cdnpurge.spi;

import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeTarget;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a vendor answered to an accepted call: its reference, whether the purge is already complete or when it is
 * expected to be (or how to ask), per-target references or failures, and rate-limit state. Immutable; the builder is
 * not.
 */
public final class BatchResult {
    private final int httpStatus;
    private final String reference;
    private final Map<PurgeTarget, String> targetReferences;
    private final Map<PurgeTarget, PurgeException> targetFailures;
    private final Duration estimatedCompletion;
    private final Integer rateLimitRemaining;
    private final Duration rateLimitReset;
    private final String requestId;
    private final CompletionCheck completion;

    private BatchResult(Builder builder) {
        this.httpStatus = builder.httpStatus;
        this.reference = builder.reference;
        this.targetReferences = Map.copyOf(builder.targetReferences);
        this.targetFailures = Map.copyOf(builder.targetFailures);
        this.estimatedCompletion = builder.estimatedCompletion;
        this.rateLimitRemaining = builder.rateLimitRemaining;
        this.rateLimitReset = builder.rateLimitReset;
        this.requestId = builder.requestId;
        this.completion = builder.completion;
    }

    /** @param httpStatus the status of the vendor's answer */
    public static Builder builder(int httpStatus) {
        return new Builder(httpStatus);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The vendor's id for the whole call. */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /** The reference of one target: its own when the vendor gave one per target, else the call's. */
    public Optional<String> referenceOf(PurgeTarget target) {
        String own = targetReferences.get(target);
        return own != null ? Optional.of(own) : reference();
    }

    /** The targets the vendor gave a reference of their own, with it; see {@link #referenceOf}. */
    public Map<PurgeTarget, String> targetReferences() {
        return targetReferences;
    }

    /** Targets the vendor refused within an otherwise accepted call. */
    public Map<PurgeTarget, PurgeException> targetFailures() {
        return targetFailures;
    }

    /**
     * How long after the answer the vendor expects the purge to be complete; empty when it is complete on
     * acceptance (Cloudflare, Fastly) or when only a status API can tell.
     */
    public Optional<Duration> estimatedCompletion() {
        return Optional.ofNullable(estimatedCompletion);
    }

    /** Requests (or items) the vendor said remain in its current rate-limit window. */
    public Optional<Integer> rateLimitRemaining() {
        return Optional.ofNullable(rateLimitRemaining);
    }

    /** When the vendor's rate-limit window resets, counted from the answer. */
    public Optional<Duration> rateLimitReset() {
        return Optional.ofNullable(rateLimitReset);
    }

    /** The vendor's id of this answer, for its support (Akamai {@code supportId}, Cloudflare {@code cf-ray}). */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * How to ask the vendor whether this call's purge has completed, for vendors with a status API; empty when the
     * vendor has none (completion then follows {@link #estimatedCompletion()}, or is immediate).
     */
    public Optional<CompletionCheck> completion() {
        return Optional.ofNullable(completion);
    }

    /** Builds a {@link BatchResult}. Not thread-safe. */
    public static final class Builder {
        private final int httpStatus;
        private String reference;
        private final Map<PurgeTarget, String> targetReferences = new HashMap<>();
        private final Map<PurgeTarget, PurgeException> targetFailures = new HashMap<>();
        private Duration estimatedCompletion;
        private Integer rateLimitRemaining;
        private Duration rateLimitReset;
        private String requestId;
        private CompletionCheck completion;

        private Builder(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public Builder reference(String callReference) {
            this.reference = callReference;
            return this;
        }

        public Builder targetReference(PurgeTarget target, String targetReference) {
            targetReferences.put(Objects.requireNonNull(target, "target cannot be null"),
                    Objects.requireNonNull(targetReference, "targetReference cannot be null"));
            return this;
        }

        public Builder targetFailure(PurgeTarget target, PurgeException error) {
            targetFailures.put(Objects.requireNonNull(target, "target cannot be null"),
                    Objects.requireNonNull(error, "error cannot be null"));
            return this;
        }

        public Builder estimatedCompletion(Duration fromNow) {
            this.estimatedCompletion = fromNow;
            return this;
        }

        public Builder rateLimit(Integer remaining, Duration reset) {
            this.rateLimitRemaining = remaining;
            this.rateLimitReset = reset;
            return this;
        }

        public Builder requestId(String answerId) {
            this.requestId = answerId;
            return this;
        }

        /** How to ask about this call's completion (vendors with a status API). */
        public Builder completion(CompletionCheck check) {
            this.completion = check;
            return this;
        }

        public BatchResult build() {
            return new BatchResult(this);
        }
    }
}
