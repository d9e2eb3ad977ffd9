package io.cdnpurge;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one target of a purge. Immutable and thread-safe. Every target of a request ends in exactly
 * one outcome.
 */
public final class TargetOutcome {
    /** The state of one target. */
    public enum Status {
        /** The vendor accepted the purge and it is done (or, for vendors without a status API, accepted). */
        SUCCEEDED,
        /** Accepted and still propagating; see {@link #estimatedCompletion()}. */
        IN_PROGRESS,
        /** Not purged; {@link #error()} says why. */
        FAILED
    }

    private final PurgeTarget target;
    private final Status status;
    private final PurgeException error;
    private final String vendorReference;
    private final Instant estimatedCompletion;
    private final String requestId;

    private TargetOutcome(PurgeTarget target, Status status, PurgeException error, String vendorReference,
                          Instant estimatedCompletion) {
        this(target, status, error, vendorReference, estimatedCompletion, null);
    }

    private TargetOutcome(PurgeTarget target, Status status, PurgeException error, String vendorReference,
                          Instant estimatedCompletion, String requestId) {
        this.target = Objects.requireNonNull(target, "target cannot be null");
        this.status = Objects.requireNonNull(status, "status cannot be null");
        this.error = error;
        this.vendorReference = vendorReference;
        this.estimatedCompletion = estimatedCompletion;
        this.requestId = requestId;
    }

    public static TargetOutcome succeeded(PurgeTarget target, String vendorReference) {
        return new TargetOutcome(target, Status.SUCCEEDED, null, vendorReference, null);
    }

    public static TargetOutcome inProgress(PurgeTarget target, String vendorReference, Instant estimatedCompletion) {
        return new TargetOutcome(target, Status.IN_PROGRESS, null, vendorReference, estimatedCompletion);
    }

    public static TargetOutcome failed(PurgeTarget target, PurgeException error) {
        return new TargetOutcome(target, Status.FAILED, Objects.requireNonNull(error, "error cannot be null"),
                null, null);
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

    /**
     * The vendor's id of the answer, to quote to its support (Akamai {@code supportId}, Cloudflare {@code cf-ray});
     * for failures see {@link PurgeServiceException#requestId()}.
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** This outcome with the vendor's id of the answer that carried it. */
    public TargetOutcome withRequestId(String answerId) {
        return new TargetOutcome(target, status, error, vendorReference, estimatedCompletion, answerId);
    }

    /** When the vendor expects the purge to be complete, for targets still in progress. */
    public Optional<Instant> estimatedCompletion() {
        return Optional.ofNullable(estimatedCompletion);
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
        return target.equals(that.target) && status == that.status && Objects.equals(error, that.error)
                && Objects.equals(vendorReference, that.vendorReference)
                && Objects.equals(estimatedCompletion, that.estimatedCompletion)
                && Objects.equals(requestId, that.requestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, status, vendorReference, estimatedCompletion);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(status).append(' ').append(target);
        if (vendorReference != null) {
            out.append(" ref=").append(vendorReference);
        }
        if (requestId != null) {
            out.append(" request=").append(requestId);
        }
        if (estimatedCompletion != null) {
            out.append(" eta=").append(estimatedCompletion);
        }
        if (error != null) {
            out.append(" error=").append(error.getMessage());
        }
        return out.toString();
    }
}
