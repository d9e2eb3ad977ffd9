package io.cdnpurge.testing;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.PurgeTransportException;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * The failures a CDN answers with, ready to script on a {@link RecordingPurgeClient}, each as the engine sees it
 * from a real provider (retryable or not, with its status):
 *
 * <pre>{@code
 * cdn.failNextCalls(1, Failures.serverError());                    // the CDN is down for one call
 * cdn.failNextAttempts(2, Failures.throttled(Duration.ofSeconds(30))); // two 429s, then it succeeds
 * }</pre>
 */
public final class Failures {
    private Failures() {
    }

    /** HTTP 503 from the vendor: retryable. */
    public static PurgeException serverError() {
        return serverError(503);
    }

    /** A 5xx from the vendor: retryable. */
    public static PurgeException serverError(int httpStatus) {
        if (httpStatus < 500 || httpStatus > 599) {
            throw new IllegalArgumentException("a server error is 500-599, got " + httpStatus);
        }
        return new PurgeServiceException("memory answered HTTP " + httpStatus, httpStatus, null, null, true, null);
    }

    /** HTTP 429 asking to wait: retried after that wait. */
    public static PurgeException throttled(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter cannot be null");
        return new PurgeThrottledException("memory answered HTTP 429: slow down", 429, null, null, retryAfter);
    }

    /** HTTP 401: the credential was refused; never retried. */
    public static PurgeException authentication() {
        return new PurgeAuthenticationException("memory answered HTTP 401: the credential was refused", 401, null,
                null);
    }

    /** HTTP 403: the credential may not purge; never retried. */
    public static PurgeException permission() {
        return new PurgePermissionException("memory answered HTTP 403: not allowed to purge", "purge", 403, null,
                null);
    }

    /** A request the vendor refused as wrong (HTTP 400 with this message); never retried. */
    public static PurgeException rejected(String message) {
        Objects.requireNonNull(message, "message cannot be null");
        return new PurgeServiceException(message, 400, null, null, false, null);
    }

    /** No answer within the timeout: retryable. */
    public static PurgeException timeout() {
        return new PurgeTransportException("memory did not answer in time", true,
                new SocketTimeoutException("read timed out"));
    }
}
