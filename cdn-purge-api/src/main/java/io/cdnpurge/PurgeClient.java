package io.cdnpurge;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Purges one CDN account. Thread-safe: share one client per account across the application, so that its rate
 * limiter sees every call. Close it when done to release its threads and connections.
 *
 * <pre>{@code
 * try (PurgeClient cdn = CdnPurge.client("cloudflare", PurgeConfig.fromMap(settings))) {
 *     PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/").build());
 *     PurgeResult done = cdn.awaitCompletion(result, Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>A request is checked twice before any network call. {@link PurgeRequest.Builder#build()} refuses a malformed
 * target ({@link InvalidPurgeRequestException}); then {@link #plan}, {@link #purge} and {@link #purgeAsync} refuse
 * what this vendor cannot do: a kind, mode or action it does not support ({@link UnsupportedPurgeException}), or a
 * target its rules refuse, such as a URL with an encoded slash for Fastly or a target larger than Akamai's body
 * limit ({@link InvalidPurgeRequestException}). Vendor and network errors do not throw: they become
 * {@link TargetOutcome.Status#FAILED} outcomes of the targets concerned, so that nothing is lost silently.
 * {@link PurgeException} is thrown only when the purge itself could not be seen through (the caller was
 * interrupted, or the client was closed meanwhile), and says which calls may have been sent.
 */
public interface PurgeClient extends AutoCloseable {

    /** The provider id, e.g. {@code cloudflare}. */
    String providerId();

    /** What this client can do, after its configuration (plan-specific limits included). */
    PurgeCapabilities capabilities();

    /** The vendor calls {@link #purge} would make, without making them. */
    PurgePlan plan(PurgeRequest request);

    /** Purges and blocks until every vendor call has been answered (not until the purge has propagated). */
    PurgeResult purge(PurgeRequest request);

    /** Like {@link #purge} without blocking. Validation errors complete the future exceptionally. */
    CompletableFuture<PurgeResult> purgeAsync(PurgeRequest request);

    /**
     * The current state of a result's targets that were still in progress: asks the vendor's status API where it
     * has one, otherwise compares the vendor's completion estimate with the clock.
     */
    PurgeResult status(PurgeResult result);

    /**
     * Waits until no target is in progress or the timeout passes, polling with backoff, and returns the last
     * state seen (which is still {@link PurgeResult.Status#IN_PROGRESS} if the timeout passed first).
     */
    PurgeResult awaitCompletion(PurgeResult result, Duration timeout);

    /**
     * Asks the vendor once about a purge sent earlier, perhaps by another process, by the vendor reference its
     * outcome carried ({@link TargetOutcome#vendorReference()}) and, where the vendor needs it, the scope
     * ({@link TargetOutcome#scope()}: CloudFront's distribution; null for the client's own when it has one).
     *
     * @return SUCCEEDED, IN_PROGRESS or FAILED; empty when the vendor has no status API (Cloudflare, Akamai and
     * Fastly purges complete on their own within seconds)
     * @throws IllegalArgumentException when the reference is not one this vendor gives, or the scope is needed
     * @throws PurgeException when the vendor could not be asked, or knows no such purge
     */
    default java.util.Optional<TargetOutcome.Status> status(String reference, String scope) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot ask about a purge by reference");
    }

    /**
     * Asks the vendor, read-only, whether the credential works and may purge: one check per client (a router's, one
     * per client it holds). Nothing is purged. A vendor without a read-only call that shows it says so
     * ({@link AccessCheck.Verdict#UNCHECKED}).
     */
    default java.util.List<AccessCheck> checkAccess() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot check its access");
    }

    /**
     * How the client stands now, from what it already knows (no request is made): one entry per vendor client, so
     * a router gives one per client it routes to. For health checks and metrics.
     */
    default java.util.List<ClientHealth> health() {
        return java.util.List.of();
    }

    /** Releases threads and connections. Further calls fail. */
    @Override
    void close();
}
