package io.cdnpurge.spi;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link PurgeClient} that hands every call to another one, usually the engine's. Typed vendor clients extend it
 * and add only what is theirs.
 *
 * <pre>{@code
 * public final class AcmePurgeClient extends ForwardingPurgeClient {
 *     AcmePurgeClient(PurgeClient engine) { super(engine); }
 * }
 * }</pre>
 */
public abstract class ForwardingPurgeClient implements PurgeClient {
    private final PurgeClient delegate;

    protected ForwardingPurgeClient(PurgeClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate cannot be null");
    }

    /** The client every call goes to. */
    protected PurgeClient delegate() {
        return delegate;
    }

    @Override
    public String providerId() {
        return delegate.providerId();
    }

    @Override
    public PurgeCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public PurgePlan plan(PurgeRequest request) {
        return delegate.plan(request);
    }

    @Override
    public PurgeResult purge(PurgeRequest request) {
        return delegate.purge(request);
    }

    @Override
    public CompletableFuture<PurgeResult> purgeAsync(PurgeRequest request) {
        return delegate.purgeAsync(request);
    }

    @Override
    public PurgeResult status(PurgeResult result) {
        return delegate.status(result);
    }

    @Override
    public PurgeResult awaitCompletion(PurgeResult result, Duration timeout) {
        return delegate.awaitCompletion(result, timeout);
    }

    @Override
    public java.util.Optional<io.cdnpurge.TargetOutcome.Status> status(String reference, String scope) {
        return delegate.status(reference, scope);
    }

    @Override
    public java.util.List<io.cdnpurge.AccessCheck> checkAccess() {
        return delegate.checkAccess();
    }

    @Override
    public java.util.List<io.cdnpurge.ClientHealth> health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + delegate + "}";
    }
}
