package io.cdnpurge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider can do: target kinds with their per-call limits, modes, actions, default rate limits, and
 * whether the vendor has a status API. Immutable and thread-safe; the {@link Builder} is not.
 */
public final class PurgeCapabilities {
    private final Map<PurgeTarget.Kind, BatchLimit> limits;
    private final Set<PurgeMode> modes;
    private final Set<PurgeAction> actions;
    private final List<RateLimit> rateLimits;
    private final boolean statusApi;

    private PurgeCapabilities(Builder builder) {
        this.limits = Collections.unmodifiableMap(new EnumMap<>(builder.limits));
        this.modes = Collections.unmodifiableSet(EnumSet.copyOf(builder.modes));
        this.actions = Collections.unmodifiableSet(EnumSet.copyOf(builder.actions));
        this.rateLimits = List.copyOf(builder.rateLimits);
        this.statusApi = builder.statusApi;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.limits.putAll(limits);
        builder.modes.clear();
        builder.modes.addAll(modes);
        builder.actions.clear();
        builder.actions.addAll(actions);
        builder.rateLimits.addAll(rateLimits);
        builder.statusApi = statusApi;
        return builder;
    }

    /** The target kinds the provider can purge. */
    public Set<PurgeTarget.Kind> kinds() {
        return limits.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(limits.keySet()));
    }

    public boolean supports(PurgeTarget.Kind kind) {
        return limits.containsKey(kind);
    }

    /** The per-call limit of a kind, empty when the kind is not supported. */
    public Optional<BatchLimit> limit(PurgeTarget.Kind kind) {
        return Optional.ofNullable(limits.get(kind));
    }

    public Map<PurgeTarget.Kind, BatchLimit> limits() {
        return limits;
    }

    public Set<PurgeMode> modes() {
        return modes;
    }

    public Set<PurgeAction> actions() {
        return actions;
    }

    /** The vendor's documented rate limits, seeding the client-side token buckets. */
    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    /** Whether the vendor can be asked for the completion of a purge; otherwise its estimate is used. */
    public boolean statusApi() {
        return statusApi;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PurgeCapabilities)) {
            return false;
        }
        PurgeCapabilities that = (PurgeCapabilities) other;
        return limits.equals(that.limits) && modes.equals(that.modes) && actions.equals(that.actions)
                && rateLimits.equals(that.rateLimits) && statusApi == that.statusApi;
    }

    @Override
    public int hashCode() {
        return Objects.hash(limits, modes, actions, rateLimits, statusApi);
    }

    @Override
    public String toString() {
        return "PurgeCapabilities{kinds=" + limits + ", modes=" + modes + ", actions=" + actions + ", rateLimits="
                + rateLimits + ", statusApi=" + statusApi + "}";
    }

    /** Builds {@link PurgeCapabilities}. Modes default to INVALIDATE, actions to PURGE. Not thread-safe. */
    public static final class Builder {
        private final Map<PurgeTarget.Kind, BatchLimit> limits = new EnumMap<>(PurgeTarget.Kind.class);
        private final Set<PurgeMode> modes = EnumSet.of(PurgeMode.INVALIDATE);
        private final Set<PurgeAction> actions = EnumSet.of(PurgeAction.PURGE);
        private final List<RateLimit> rateLimits = new ArrayList<>();
        private boolean statusApi;

        private Builder() {
        }

        /** Declares a supported kind with its per-call limit (replacing an earlier declaration). */
        public Builder kind(PurgeTarget.Kind kind, BatchLimit limit) {
            limits.put(Objects.requireNonNull(kind, "kind cannot be null"),
                    Objects.requireNonNull(limit, "limit cannot be null"));
            return this;
        }

        public Builder modes(PurgeMode first, PurgeMode... rest) {
            modes.clear();
            modes.addAll(EnumSet.of(first, rest));
            return this;
        }

        public Builder actions(PurgeAction first, PurgeAction... rest) {
            actions.clear();
            actions.addAll(EnumSet.of(first, rest));
            return this;
        }

        public Builder rateLimit(RateLimit rateLimit) {
            rateLimits.add(Objects.requireNonNull(rateLimit, "rateLimit cannot be null"));
            return this;
        }

        /** Replaces the rate limits. */
        public Builder rateLimits(List<RateLimit> newRateLimits) {
            rateLimits.clear();
            newRateLimits.forEach(this::rateLimit);
            return this;
        }

        public Builder statusApi(boolean hasStatusApi) {
            this.statusApi = hasStatusApi;
            return this;
        }

        public PurgeCapabilities build() {
            return new PurgeCapabilities(this);
        }
    }
}
