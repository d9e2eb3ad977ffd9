package io.cdnpurge;

import io.cdnpurge.internal.Completions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one target of a purge on one client. Immutable and thread-safe; the {@link Builder} is not.
 * Every target of a request ends in exactly one outcome per client it was sent to.
 *
 * <pre>{@code
 * for (TargetOutcome outcome : result.failures()) {
 *     log.warn("{} not purged on {}: {}", outcome.target(), outcome.provider(), outcome.error().orElseThrow());
 * }
 * }</pre>
 */
public final class TargetOutcome {
    /** The state of one target. */
    public enum Status {
        /** The vendor accepted the purge and it is done (or, for vendors without a status API, accepted). */
        SUCCEEDED,
        /**
         * Accepted and still propagating; see {@link #estimatedCompletion()}, and {@link #completionUnknown()} when
         * the vendor could not be asked.
         */
        IN_PROGRESS,
        /** Not purged; {@link #error()} says why. */
        FAILED
    }

    private final String provider;
    private final PurgeTarget target;
    private final Status status;
    private final PurgeException error;
    private final String vendorReference;
    private final String scope;
    private final Instant estimatedCompletion;
    private final String requestId;
    private final PurgeException completionUnknown;
    /** How the engine asks about completion; not part of the value (equality, text). */
    private final Object completion;

    private TargetOutcome(Builder builder) {
        this.provider = Objects.requireNonNull(builder.provider, "provider cannot be null");
        this.target = Objects.requireNonNull(builder.target, "target cannot be null");
        this.status = Objects.requireNonNull(builder.status, "status cannot be null");
        this.error = builder.error;
        if ((status == Status.FAILED) != (error != null)) {
            throw new IllegalArgumentException("an outcome has an error exactly when it FAILED: " + status
                    + (error == null ? " without error" : " with error"));
        }
        this.vendorReference = builder.vendorReference;
        this.scope = builder.scope;
        this.estimatedCompletion = builder.estimatedCompletion;
        this.requestId = builder.requestId;
        this.completionUnknown = status == Status.IN_PROGRESS ? builder.completionUnknown : null;
        this.completion = status == Status.IN_PROGRESS ? builder.completion : null;
    }

    static {
        Completions.access(outcome -> outcome.completion, (builder, handle) -> builder.completion = handle);
    }

    /**
     * @param provider the client that purged the target (its provider id, or its name in a configuration)
     * @param target   the target
     * @param status   its state; a FAILED outcome needs an {@link Builder#error}
     */
    public static Builder builder(String provider, PurgeTarget target, Status status) {
        return new Builder(provider, target, status);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(provider, target, status);
        builder.error = error;
        builder.vendorReference = vendorReference;
        builder.scope = scope;
        builder.estimatedCompletion = estimatedCompletion;
        builder.requestId = requestId;
        builder.completionUnknown = completionUnknown;
        builder.completion = completion;
        return builder;
    }

    /** The client that purged the target: its provider id, or its name when a configuration names clients. */
    public String provider() {
        return provider;
    }

    public PurgeTarget target() {
        return target;
    }

    public Status status() {
        return status;
    }

    /** Why the target failed; present exactly when {@link #status()} is {@link Status#FAILED}. */
    public Optional<PurgeException> error() {
        return Optional.ofNullable(error);
    }

    /** The vendor's id for the call that carried this target (purge id, invalidation id, job id). */
    public Optional<String> vendorReference() {
        return Optional.ofNullable(vendorReference);
    }

    /** Where within the account the target was purged: a zone, service, distribution or network. */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /**
     * The vendor's id of the answer, to quote to its support (Akamai {@code supportId}, Cloudflare {@code cf-ray});
     * for failures see {@link PurgeServiceException#requestId()}.
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** When the vendor expects the purge to be complete, for targets still in progress. */
    public Optional<Instant> estimatedCompletion() {
        return Optional.ofNullable(estimatedCompletion);
    }

    /**
     * Why the completion of an accepted purge is unknown: the vendor accepted it, but asking whether it has
     * completed failed for good (for example a credential without {@code cloudfront:GetInvalidation}). The target
     * stays {@link Status#IN_PROGRESS}: the purge was made, only checking it was not.
     */
    public Optional<PurgeException> completionUnknown() {
        return Optional.ofNullable(completionUnknown);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TargetOutcome)) {
            return false;
        }
        TargetOutcome that = (TargetOutcome) other;
        return provider.equals(that.provider) && target.equals(that.target) && status == that.status
                && Objects.equals(error, that.error) && Objects.equals(vendorReference, that.vendorReference)
                && Objects.equals(scope, that.scope) && Objects.equals(estimatedCompletion, that.estimatedCompletion)
                && Objects.equals(requestId, that.requestId)
                && Objects.equals(completionUnknown, that.completionUnknown);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, target, status, vendorReference, estimatedCompletion);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(status).append(' ').append(target).append(" on ")
                .append(provider);
        if (vendorReference != null) {
            out.append(" ref=").append(vendorReference);
        }
        if (requestId != null) {
            out.append(" request=").append(requestId);
        }
        if (estimatedCompletion != null) {
            out.append(" eta=").append(estimatedCompletion);
        }
        if (completionUnknown != null) {
            out.append(" completion unknown: ").append(completionUnknown.getMessage());
        }
        if (error != null) {
            out.append(" error=").append(error.getMessage());
        }
        return out.toString();
    }

    /** Builds a {@link TargetOutcome}. Not thread-safe. */
    public static final class Builder {
        private String provider;
        private final PurgeTarget target;
        private final Status status;
        private PurgeException error;
        private String vendorReference;
        private String scope;
        private Instant estimatedCompletion;
        private String requestId;
        private PurgeException completionUnknown;
        private Object completion;

        private Builder(String provider, PurgeTarget target, Status status) {
            this.provider = Objects.requireNonNull(provider, "provider cannot be null");
            this.target = Objects.requireNonNull(target, "target cannot be null");
            this.status = Objects.requireNonNull(status, "status cannot be null");
        }

        /** The client the outcome is of, e.g. the name a router gives the client that purged the target. */
        public Builder provider(String client) {
            this.provider = Objects.requireNonNull(client, "client cannot be null");
            return this;
        }

        public Builder error(PurgeException failure) {
            this.error = failure;
            return this;
        }

        public Builder vendorReference(String reference) {
            this.vendorReference = reference;
            return this;
        }

        public Builder scope(String where) {
            this.scope = where;
            return this;
        }

        public Builder estimatedCompletion(Instant eta) {
            this.estimatedCompletion = eta;
            return this;
        }

        public Builder requestId(String answerId) {
            this.requestId = answerId;
            return this;
        }

        /** Why asking about completion failed for good; kept only on IN_PROGRESS outcomes. */
        public Builder completionUnknown(PurgeException why) {
            this.completionUnknown = why;
            return this;
        }

        public TargetOutcome build() {
            return new TargetOutcome(this);
        }
    }
}
