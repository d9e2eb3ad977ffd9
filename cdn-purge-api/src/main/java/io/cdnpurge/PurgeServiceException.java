package io.cdnpurge;

import java.time.Duration;
import java.util.Optional;

/**
 * The vendor answered with an error. Carries the HTTP status, the vendor's own error code and request id when it
 * sent them, whether retrying could help, and how long the vendor asked to wait.
 */
public class PurgeServiceException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final String vendorCode;
    private final String requestId;
    private final boolean retryable;
    private final Duration retryAfter;

    /**
     * @param message    what happened and what to do; never a credential
     * @param httpStatus the HTTP status, or 0 when there was none
     * @param vendorCode the vendor's error code, or null
     * @param requestId  the vendor's request or support id, or null
     * @param retryable  whether sending the same call again could succeed
     * @param retryAfter how long the vendor asked to wait, or null
     */
    public PurgeServiceException(String message, int httpStatus, String vendorCode, String requestId,
                                 boolean retryable, Duration retryAfter) {
        super(message);
        this.httpStatus = httpStatus;
        this.vendorCode = vendorCode;
        this.requestId = requestId;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when the error did not come with one (for example {@code success:false} parsing). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The vendor's own error code (Cloudflare {@code 1016}, CloudFront {@code NoSuchDistribution}, …). */
    public Optional<String> vendorCode() {
        return Optional.ofNullable(vendorCode);
    }

    /** The vendor's request or support id, to quote to the vendor's support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How long the vendor asked to wait before retrying ({@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
