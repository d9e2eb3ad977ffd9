package io.cdnpurge.spi;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;

import java.util.Optional;

/**
 * The vendor knowledge of a provider, driven by the engine: where each target goes, how a batch of targets becomes
 * one vendor call, and how answers map to outcomes. Planning, batching, rate limiting, retries, circuit breaking,
 * concurrency, deadlines, completion polling and events are the engine's: a backend never retries or sleeps, and
 * reaches its vendor only through the {@link VendorRequests} the engine hands it.
 *
 * <pre>{@code
 * public Scope scope(PurgeTarget target) { return Scope.of(zoneId); }
 * public PurgeCall call(PurgeBatch batch) { return new AcmeCall(batch); }
 * }</pre>
 *
 * <p>Implementations are thread-safe: the engine calls them from several threads at once.
 */
public interface PurgeBackend extends AutoCloseable {

    String providerId();

    /** The effective capabilities of this client (after plan-specific configuration). */
    PurgeCapabilities capabilities();

    /**
     * The vendor's own rules for one target, beyond the vendor-neutral ones already checked: a sentence naming
     * the target and what to do, or empty when it is fine. Must not do I/O.
     */
    default Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        return Optional.empty();
    }

    /**
     * What to do instead of a kind of target this provider cannot purge, e.g. {@code "purge the CP code or a cache
     * tag instead"}; appended to the {@link io.cdnpurge.UnsupportedPurgeException}. Empty when there is no
     * alternative worth naming.
     */
    default Optional<String> alternative(PurgeTarget.Kind kind) {
        return Optional.empty();
    }

    /**
     * Where within the account a target goes (zone, service, distribution id), or what to look up to find out; must
     * not do I/O. Targets of one call share kind and scope.
     *
     * @throws io.cdnpurge.PurgeException when no scope can be found; the target then fails with it
     */
    Scope scope(PurgeTarget target);

    /**
     * Looks up a scope the provider could not know ({@link Scope#lookUp}), asking the vendor through
     * {@code requests}; the provider may remember the answer so that {@link #scope} knows it next time.
     *
     * @param key the look-up's key
     * @return the scope
     * @throws io.cdnpurge.PurgeException when the vendor knows none, or could not be asked; the targets of the key
     *                                    then fail with it
     */
    default String lookUp(String key, VendorRequests requests) {
        throw new IllegalStateException(providerId() + " asked for a look-up of '" + key + "' but makes none");
    }

    /**
     * How to ask about a purge by the reference the vendor gave it ({@link io.cdnpurge.TargetOutcome#vendorReference})
     * and its scope, when another process sent it: the same question the {@link CompletionCheck} of its call asks.
     * Empty when the vendor has no status API. Must not do I/O.
     *
     * @param scope the purge's scope ({@link io.cdnpurge.TargetOutcome#scope}), or null for the client's own
     * @throws IllegalArgumentException when the reference is not one this vendor gives, or a scope is needed
     */
    default Optional<CompletionCheck> completionCheck(String reference, String scope) {
        return Optional.empty();
    }

    /**
     * Asks the vendor, read-only and through {@code requests} (purpose {@code ACCESS}), whether the credential works
     * and may purge where this client purges. The default says the vendor has no such call.
     *
     * @param clientName the client's name, for the check and its messages
     * @throws io.cdnpurge.PurgeException when the vendor refused or could not be asked; the engine turns it into
     *                                    a DENIED or UNREACHABLE check
     */
    default io.cdnpurge.AccessCheck checkAccess(String clientName, VendorRequests requests) {
        return io.cdnpurge.AccessCheck.of(clientName, io.cdnpurge.AccessCheck.Verdict.UNCHECKED, providerId()
                + " has no read-only call that shows whether a credential may purge; only a purge would tell");
    }

    /** The size of a target in the request body, for kinds with a byte limit. */
    default int itemBytes(PurgeTarget target) {
        return 0;
    }

    /**
     * The provider's own figures for {@link io.cdnpurge.ClientHealth#gauges()} (CloudFront: the paths of this month
     * against the free tier); must not do I/O. None by default.
     */
    default java.util.Map<String, Number> gauges() {
        return java.util.Map.of();
    }

    /** The vendor call of a batch, worked out once; must not do I/O. */
    PurgeCall call(PurgeBatch batch);

    /**
     * The vendor's quota on purges in flight, when it has one (CloudFront, Edgecast); the engine then queues calls
     * until the quota has room for them.
     */
    default Optional<InFlightQuota> inFlightQuota() {
        return Optional.empty();
    }

    /**
     * Every secret this backend holds, now and later (tokens it mints, credentials it resolves at run time are
     * added as they come), so the engine can redact them from any text it emits.
     */
    Secrets secrets();

    /** Releases connections. */
    @Override
    void close();
}
