package io.cdnpurge.spi;

import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The vendor knowledge of a provider, driven by the engine: which calls exist, how a batch of targets becomes
 * one vendor request, and how the answer maps to outcomes. Planning, batching, rate limiting, retries,
 * concurrency, completion polling and events are the engine's: a backend never retries or sleeps.
 *
 * <p>Implementations are thread-safe: the engine calls {@link #send} from several threads at once.
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
     * The scope within the account a target goes to (zone, service, distribution id); targets of one call share
     * kind and scope. May look the scope up at the vendor once and cache it.
     *
     * @throws io.cdnpurge.PurgeException when the scope cannot be found; the target then fails with it
     */
    String scope(PurgeTarget target);

    /** The size of a target in the request body, for kinds with a byte limit. */
    default int itemBytes(PurgeTarget target) {
        return 0;
    }

    /** The call in the vendor's terms for plans and logs, e.g. {@code POST /zones/023e…/purge_cache files×30}. */
    String describe(PurgeBatch batch);

    /**
     * Sends one vendor request for the batch.
     *
     * @return what the vendor answered when it accepted the request
     * @throws io.cdnpurge.PurgeException when it did not; {@link io.cdnpurge.PurgeException#retryable()} tells
     *                                    the engine whether to try again
     */
    BatchResult send(PurgeBatch batch);

    /**
     * Asks the vendor's status API how an accepted call is doing. Only called when
     * {@link PurgeCapabilities#statusApi()} is true.
     *
     * @param scope     the scope the call went to
     * @param reference the vendor reference the call returned
     */
    default TargetOutcome.Status completion(String scope, String reference) {
        throw new IllegalStateException(providerId() + " has no status API");
    }

    /**
     * The vendor's quota on purges in flight, when it has one (CloudFront); the engine then queues calls until
     * the quota has room for them.
     */
    default Optional<InFlightQuota> inFlightQuota() {
        return Optional.empty();
    }

    /**
     * What the vendor bills for the call, in its own units (CloudFront: paths, a wildcard counting one); empty when
     * the vendor does not bill per item. Plans and results add these up. Must not do I/O.
     */
    default OptionalInt billableItems(PurgeBatch batch) {
        return OptionalInt.empty();
    }

    /** Every secret this backend holds, so the engine can redact them from any text it emits. */
    Set<String> secrets();

    /** Releases connections. */
    @Override
    void close();
}
