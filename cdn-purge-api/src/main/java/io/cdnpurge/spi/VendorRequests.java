package io.cdnpurge.spi;

import io.cdnpurge.PurgeEvent;

import java.util.function.Supplier;

/**
 * The one way a provider reaches its vendor. The engine hands it to every {@link PurgeCall#send},
 * {@link PurgeBackend#lookUp}, {@link CompletionCheck#check} and {@link InFlightQuota} listing; each vendor request
 * goes through {@link #send}, which paces it with the client's rate limits, retries it under the client's retry
 * policy (honouring {@code Retry-After}), lets the circuit breaker fail it fast when the vendor is down, counts it in
 * the purge's figures, shows it to the listeners and redacts every secret from what it reports.
 *
 * <pre>{@code
 * String zoneId = requests.send(PurgeEvent.Purpose.LOOKUP, "GET /zones?name=" + host,
 *         () -> fetchZoneId(host));
 * }</pre>
 *
 * <p>The HTTP providers' OkHttp client ({@code cdn-purge-http}) and the CloudFront provider's SDK client refuse a
 * request made outside {@link #send}, so none can bypass the engine.
 */
public interface VendorRequests {

    /**
     * Sends one vendor request, retrying it while its error is retryable and attempts and the purge's deadline
     * remain.
     *
     * @param purpose     what the request is for; a PURGE is a purge call's own request and draws from the
     *                    limits of the call's kind and items, any other purpose from the limits of queries
     * @param description the request in the vendor's terms, e.g. {@code GET /zones?name=example.com}
     * @param request     makes exactly one HTTP request; throws a {@link io.cdnpurge.PurgeException} when the vendor
     *                    refused it or could not be reached
     * @return what the request returned
     * @throws io.cdnpurge.PurgeException the last error, once retrying cannot help
     */
    <T> T send(PurgeEvent.Purpose purpose, String description, Supplier<T> request);

    /**
     * Whether the current thread is inside {@link #send}: an HTTP client that serves providers refuses requests made
     * anywhere else, so no request can bypass the engine's pacing, retries, figures and redaction.
     */
    static boolean sending() {
        return io.cdnpurge.internal.RequestGuard.sending();
    }
}
