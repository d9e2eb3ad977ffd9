package io.cdnpurge.spi;

import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The targets of one vendor call, all of one kind and one scope, within the vendor's limits. Immutable and
 * thread-safe; the {@link Builder} is not.
 *
 * <pre>{@code
 * PurgeBatch batch = PurgeBatch.builder(PurgeTarget.Kind.TAG, "023e105f4ecef8ad9ca31a8372d0c353")
 *     .targets(List.of(PurgeTarget.tag("article-42"))).build();
 * }</pre>
 */
public final class PurgeBatch {
    private final PurgeTarget.Kind kind;
    private final String scope;
    private final List<PurgeTarget> targets;
    private final PurgeMode mode;
    private final PurgeAction action;
    private final String idempotencyKey;

    private PurgeBatch(Builder builder) {
        this.kind = builder.kind;
        this.scope = builder.scope;
        this.targets = List.copyOf(builder.targets);
        this.mode = builder.mode;
        this.action = builder.action;
        this.idempotencyKey = builder.idempotencyKey;
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one target");
        }
        for (int i = 0; i < this.targets.size(); i++) {
            if (this.targets.get(i).kind() != kind) {
                throw new IllegalArgumentException("batch of kind " + kind + " holds " + this.targets.get(i));
            }
        }
    }

    /** @param scope where within the account the call goes (zone, service, distribution; may be empty) */
    public static Builder builder(PurgeTarget.Kind kind, String scope) {
        return new Builder(kind, scope);
    }

    public Builder toBuilder() {
        return new Builder(kind, scope).targets(targets).mode(mode).action(action).idempotencyKey(idempotencyKey);
    }

    public PurgeTarget.Kind kind() {
        return kind;
    }

    public String scope() {
        return scope;
    }

    public List<PurgeTarget> targets() {
        return targets;
    }

    public PurgeMode mode() {
        return mode;
    }

    public PurgeAction action() {
        return action;
    }

    /** The request's idempotency key, if it had one. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    @Override
    public String toString() {
        return kind + "×" + targets.size() + (scope.isEmpty() ? "" : " @" + scope);
    }

    /** Builds a {@link PurgeBatch}: INVALIDATE and PURGE unless set. Not thread-safe. */
    public static final class Builder {
        private final PurgeTarget.Kind kind;
        private final String scope;
        private List<PurgeTarget> targets = List.of();
        private PurgeMode mode = PurgeMode.INVALIDATE;
        private PurgeAction action = PurgeAction.PURGE;
        private String idempotencyKey;

        private Builder(PurgeTarget.Kind kind, String scope) {
            this.kind = Objects.requireNonNull(kind, "kind cannot be null");
            this.scope = Objects.requireNonNull(scope, "scope cannot be null");
        }

        /** Replaces the targets. */
        public Builder targets(List<PurgeTarget> batchTargets) {
            // an immutable list is kept as it is: a plan's batches are not copied twice
            targets = List.copyOf(batchTargets);
            return this;
        }

        public Builder mode(PurgeMode purgeMode) {
            this.mode = Objects.requireNonNull(purgeMode, "mode cannot be null");
            return this;
        }

        public Builder action(PurgeAction purgeAction) {
            this.action = Objects.requireNonNull(purgeAction, "action cannot be null");
            return this;
        }

        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        public PurgeBatch build() {
            return new PurgeBatch(this);
        }
    }
}
