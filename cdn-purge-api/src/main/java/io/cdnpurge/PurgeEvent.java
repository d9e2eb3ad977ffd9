package io.cdnpurge;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a client did. Immutable and thread-safe; detail texts are redacted of every credential the client
 * knows.
 */
public final class PurgeEvent {
    /** What happened. */
    public enum Type {
        /** A purge was planned; {@link #calls()} is the number of vendor calls. */
        PLANNED,
        /** A request is about to be sent. */
        REQUEST,
        /** The vendor accepted a request. */
        RESPONSE,
        /** A request failed and will be retried after {@link #waitTime()}. */
        RETRY,
        /** The vendor's rate limit refused a request (also followed by RETRY or CALL_FAILED). */
        THROTTLED,
        /**
         * A call waits for room in the vendor's quota on purges in flight (CloudFront); {@link #detail()} says what
         * is in flight. Sent once when the wait starts.
         */
        QUEUED,
        /**
         * A call waits before it is sent, for longer than a moment: for the client-side rate limit, for the vendor's
         * {@code Retry-After}, or for room in a quota; {@link #detail()} says what it waits for and
         * {@link #waitTime()} how long at most.
         */
        WAITING,
        /** A call failed for good; its targets are FAILED. */
        CALL_FAILED,
        /** A purge finished; {@link #detail()} gives the overall status. */
        COMPLETED
    }

    /** What a vendor request is for: every request a client sends, not only purge calls, is seen. */
    public enum Purpose {
        /** A purge call. */
        PURGE,
        /** Finding where targets go (a Cloudflare zone by host name, CloudFront distributions by alias). */
        LOOKUP,
        /** Asking whether an accepted purge has completed. */
        STATUS,
        /** Listing what is in flight at the vendor, to respect its quota. */
        LISTING,
        /** Getting a short-lived token for the credential. */
        TOKEN,
        /** Checking the credential and its permission to purge, read-only ({@link PurgeClient#checkAccess}). */
        ACCESS
    }

    private final Type type;
    private final Purpose purpose;
    private final String providerId;
    private final Instant time;
    private final int call;
    private final int calls;
    private final int attempt;
    private final PurgeTarget.Kind kind;
    private final int items;
    private final String description;
    private final int httpStatus;
    private final Duration duration;
    private final Duration wait;
    private final String vendorReference;
    private final String detail;
    private final String purgeId;
    private final String tenant;
    private final PurgeResult result;

    private PurgeEvent(Builder builder) {
        this.type = Objects.requireNonNull(builder.type, "type cannot be null");
        this.purpose = Objects.requireNonNull(builder.purpose, "purpose cannot be null");
        this.providerId = Objects.requireNonNull(builder.providerId, "providerId cannot be null");
        this.time = Objects.requireNonNull(builder.time, "time cannot be null");
        this.call = builder.call;
        this.calls = builder.calls;
        this.attempt = builder.attempt;
        this.kind = builder.kind;
        this.items = builder.items;
        this.description = builder.description;
        this.httpStatus = builder.httpStatus;
        this.duration = builder.duration;
        this.wait = builder.wait;
        this.vendorReference = builder.vendorReference;
        this.detail = builder.detail;
        this.purgeId = builder.purgeId;
        this.tenant = builder.tenant;
        this.result = builder.result;
    }

    public static Builder builder(Type type, String providerId, Instant time) {
        Builder builder = new Builder();
        builder.type = type;
        builder.providerId = providerId;
        builder.time = time;
        return builder;
    }

    public Type type() {
        return type;
    }

    /** The client the event is of: its provider id, or its name when a configuration names it. */
    public String providerId() {
        return providerId;
    }

    /** What the request of a REQUEST, RESPONSE, RETRY, THROTTLED or WAITING event is for; PURGE otherwise. */
    public Purpose purpose() {
        return purpose;
    }

    public Instant time() {
        return time;
    }

    /** The 1-based index of the call in its plan; 0 for PLANNED and COMPLETED. */
    public int call() {
        return call;
    }

    /** The number of calls in the plan. */
    public int calls() {
        return calls;
    }

    /** The 1-based attempt of the call; 0 for PLANNED and COMPLETED. */
    public int attempt() {
        return attempt;
    }

    /** The kind of target the call carries. */
    public Optional<PurgeTarget.Kind> kind() {
        return Optional.ofNullable(kind);
    }

    /** Targets in the call (or in the whole purge, for PLANNED and COMPLETED). */
    public int items() {
        return items;
    }

    /** The call in the vendor's terms, e.g. {@code POST /zones/023e…/purge_cache files×30}. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The HTTP status of the response, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the request took. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** How long the engine waits before the retry (RETRY, THROTTLED). */
    public Optional<Duration> waitTime() {
        return Optional.ofNullable(wait);
    }

    public Optional<String> vendorReference() {
        return Optional.ofNullable(vendorReference);
    }

    /** The purge the event is of: every event of one {@code purge()} has the same id. */
    public Optional<String> purgeId() {
        return Optional.ofNullable(purgeId);
    }

    /** The tenant of the purge ({@link PurgeRequest#tenant()}), if any. */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** The result, on the {@link Type#COMPLETED} event of a purge. */
    public Optional<PurgeResult> result() {
        return Optional.ofNullable(result);
    }

    /** A redacted human-readable detail: the error message, or the overall status for COMPLETED. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(providerId).append(' ').append(type);
        if (purpose != Purpose.PURGE) {
            out.append(' ').append(purpose.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (call > 0) {
            out.append(" call ").append(call).append('/').append(calls).append(" attempt ").append(attempt);
        }
        if (description != null) {
            out.append(' ').append(description);
        }
        if (httpStatus > 0) {
            out.append(" → ").append(httpStatus);
        }
        if (duration != null) {
            out.append(" in ").append(duration.toMillis()).append(" ms");
        }
        if (wait != null) {
            out.append(", waiting ").append(wait.toMillis()).append(" ms");
        }
        if (vendorReference != null) {
            out.append(", ref ").append(vendorReference);
        }
        if (detail != null) {
            out.append(": ").append(detail);
        }
        return out.toString();
    }

    /** Builds a {@link PurgeEvent}. Not thread-safe. */
    public static final class Builder {
        private String purgeId;
        private String tenant;
        private PurgeResult result;
        private Type type;
        private Purpose purpose = Purpose.PURGE;
        private String providerId;
        private Instant time;
        private int call;
        private int calls;
        private int attempt;
        private PurgeTarget.Kind kind;
        private int items;
        private String description;
        private int httpStatus;
        private Duration duration;
        private Duration wait;
        private String vendorReference;
        private String detail;

        private Builder() {
        }

        public Builder call(int index, int count, int attemptNumber) {
            this.call = index;
            this.calls = count;
            this.attempt = attemptNumber;
            return this;
        }

        public Builder purpose(Purpose requestPurpose) {
            this.purpose = Objects.requireNonNull(requestPurpose, "purpose cannot be null");
            return this;
        }

        public Builder calls(int count) {
            this.calls = count;
            return this;
        }

        public Builder kind(PurgeTarget.Kind targetKind) {
            this.kind = targetKind;
            return this;
        }

        public Builder items(int count) {
            this.items = count;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder httpStatus(int status) {
            this.httpStatus = status;
            return this;
        }

        public Builder duration(Duration took) {
            this.duration = took;
            return this;
        }

        public Builder waitTime(Duration waiting) {
            this.wait = waiting;
            return this;
        }

        public Builder vendorReference(String reference) {
            this.vendorReference = reference;
            return this;
        }

        public Builder detail(String text) {
            this.detail = text;
            return this;
        }

        public Builder purgeId(String id) {
            this.purgeId = id;
            return this;
        }

        public Builder tenant(String name) {
            this.tenant = name;
            return this;
        }

        public Builder result(PurgeResult purged) {
            this.result = purged;
            return this;
        }

        public PurgeEvent build() {
            return new PurgeEvent(this);
        }
    }
}
