package io.cdnpurge;

import java.time.Duration;

/** The vendor's rate limit refused the call (HTTP 429 or the vendor's equivalent). Retryable after a wait. */
public class PurgeThrottledException extends PurgeServiceException {
    private static final long serialVersionUID = 1L;

    public PurgeThrottledException(String message, int httpStatus, String vendorCode, String requestId,
                                   Duration retryAfter) {
        super(message, httpStatus, vendorCode, requestId, true, retryAfter);
    }
}
