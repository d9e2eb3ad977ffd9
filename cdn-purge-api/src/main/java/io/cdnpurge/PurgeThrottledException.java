package io.cdnpurge;

import java.time.Duration;
import java.util.Optional;

/**
 * The vendor's rate limit refused the call (HTTP 429 or the vendor's equivalent). Retryable after a wait.
 * {@link #rateLimit()} names the client-side rate limit the vendor said was spent, when the vendor said which
 * (Akamai's {@code TAG Rate Limit exceeded} is the {@code tags} limit): only that limit then holds back other calls.
 */
public class PurgeThrottledException extends PurgeServiceException {
    private static final long serialVersionUID = 1L;
    private final String rateLimit;

    public PurgeThrottledException(String message, int httpStatus, String vendorCode, String requestId,
                                   Duration retryAfter) {
        this(message, httpStatus, vendorCode, requestId, retryAfter, null);
    }

    /** @param rateLimit the name of the spent rate limit ({@link RateLimit#name()}), or null when not known */
    public PurgeThrottledException(String message, int httpStatus, String vendorCode, String requestId,
                                   Duration retryAfter, String rateLimit) {
        super(message, httpStatus, vendorCode, requestId, true, retryAfter);
        this.rateLimit = rateLimit;
    }

    /** The name of the rate limit the vendor said was spent; empty when it did not say which. */
    public Optional<String> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }
}
