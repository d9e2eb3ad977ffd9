package io.cdnpurge;

/** The vendor rejected the credential (missing, malformed, revoked or expired). Never retried. */
public class PurgeAuthenticationException extends PurgeServiceException {
    private static final long serialVersionUID = 1L;

    public PurgeAuthenticationException(String message, int httpStatus, String vendorCode, String requestId) {
        super(message, httpStatus, vendorCode, requestId, false, null);
    }
}
