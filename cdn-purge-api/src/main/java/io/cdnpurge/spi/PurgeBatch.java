package io.cdnpurge.spi;

import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The targets of one vendor call, all of one kind and one scope, within the vendor's limits. Immutable.
 */
public final class PurgeBatch {
    private final PurgeTarget.Kind kind;
    private final String scope;
    private final List<PurgeTarget> targets;
    private final PurgeMode mode;
    private final PurgeAction action;
    private final String idempotencyKey;

    public PurgeBatch(PurgeTarget.Kind kind, String scope, List<PurgeTarget> targets, PurgeMode mode,
                      PurgeAction action, String idempotencyKey) {
        this.kind = Objects.requireNonNull(kind, "kind cannot be null");
        this.scope = Objects.requireNonNull(scope, "scope cannot be null");
        this.targets = List.copyOf(targets);
        this.mode = Objects.requireNonNull(mode, "mode cannot be null");
        this.action = Objects.requireNonNull(action, "action cannot be null");
        this.idempotencyKey = idempotencyKey;
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one target");
        }
        for (PurgeTarget target : this.targets) {
            if (target.kind() != kind) {
                throw new IllegalArgumentException("batch of kind " + kind + " holds " + target);
            }
        }
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
}
