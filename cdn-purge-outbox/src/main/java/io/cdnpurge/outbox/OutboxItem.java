package io.cdnpurge.outbox;

import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One target of an enqueued purge, as the outbox keeps it. Immutable. */
public final class OutboxItem {
    private final long id;
    private final String ticket;
    private final PurgeTarget target;
    private final PurgeMode mode;
    private final PurgeAction action;
    private final String tenant;
    private final OutboxState state;
    private final int attempts;
    private final String lastError;
    private final String vendorReference;
    private final Instant notBefore;

    OutboxItem(long id, String ticket, PurgeTarget target, PurgeMode mode, PurgeAction action, String tenant,
               OutboxState state, int attempts, String lastError, String vendorReference, Instant notBefore) {
        this.id = id;
        this.ticket = Objects.requireNonNull(ticket, "ticket");
        this.target = Objects.requireNonNull(target, "target");
        this.mode = mode;
        this.action = action == null ? PurgeAction.PURGE : action;
        this.tenant = tenant;
        this.state = Objects.requireNonNull(state, "state");
        this.attempts = attempts;
        this.lastError = lastError;
        this.vendorReference = vendorReference;
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
    }

    public long id() {
        return id;
    }

    /** The ticket {@link PurgeOutbox#enqueue} returned for the purge this item belongs to. */
    public String ticket() {
        return ticket;
    }

    public PurgeTarget target() {
        return target;
    }

    /** The mode asked for, if any (else the client's default). */
    public Optional<PurgeMode> mode() {
        return Optional.ofNullable(mode);
    }

    public PurgeAction action() {
        return action;
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    public OutboxState state() {
        return state;
    }

    /** Times it was sent. */
    public int attempts() {
        return attempts;
    }

    /** Why its last attempt failed (redacted by the engine), if it did. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The vendor's reference of the purge that carried it, once accepted. */
    public Optional<String> vendorReference() {
        return Optional.ofNullable(vendorReference);
    }

    /** Not sent before this instant (an enqueue for later, or a retry's backoff). */
    public Instant notBefore() {
        return notBefore;
    }

    OutboxItem with(OutboxState newState, int newAttempts, String error, String reference, Instant next) {
        return new OutboxItem(id, ticket, target, mode, action, tenant, newState, newAttempts, error, reference,
                next);
    }

    @Override
    public String toString() {
        return "OutboxItem{" + id + " " + target + " " + state + ", attempts " + attempts
                + (lastError == null ? "" : ", last error: " + lastError) + "}";
    }
}
