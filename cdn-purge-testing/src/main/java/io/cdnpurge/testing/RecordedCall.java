package io.cdnpurge.testing;

import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One vendor call the {@link RecordingPurgeClient} received: what it carried and how it was answered. Immutable. */
public final class RecordedCall {
    private final PurgeTarget.Kind kind;
    private final List<PurgeTarget> targets;
    private final PurgeMode mode;
    private final PurgeAction action;
    private final String idempotencyKey;
    private final Instant time;
    private final String failure;

    public RecordedCall(PurgeTarget.Kind kind, List<PurgeTarget> targets, PurgeMode mode, PurgeAction action,
                        String idempotencyKey, Instant time, String failure) {
        this.kind = Objects.requireNonNull(kind, "kind cannot be null");
        this.targets = List.copyOf(targets);
        this.mode = Objects.requireNonNull(mode, "mode cannot be null");
        this.action = Objects.requireNonNull(action, "action cannot be null");
        this.idempotencyKey = idempotencyKey;
        this.time = Objects.requireNonNull(time, "time cannot be null");
        this.failure = failure;
    }

    public PurgeTarget.Kind kind() {
        return kind;
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

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** When the call arrived, on the client's clock. */
    public Instant time() {
        return time;
    }

    /** The scripted error this call was answered with, if any. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return kind + "×" + targets.size() + (failure == null ? "" : " failed: " + failure);
    }
}
