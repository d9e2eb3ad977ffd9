package io.cdnpurge;

/**
 * The vendor rejected the credential (missing, malformed, revoked or expired). Never retried, except once, with a
 * fresh token, when {@link #credentialExpired()} says a token the client minted itself has expired.
 */
public class PurgeAuthenticationException extends PurgeServiceException {
    private static final long serialVersionUID = 1L;
    private final boolean credentialExpired;

    public PurgeAuthenticationException(String message, int httpStatus, String vendorCode, String requestId) {
        this(message, httpStatus, vendorCode, requestId, false);
    }

    /** @param credentialExpired whether the vendor said a token the client minted has expired */
    public PurgeAuthenticationException(String message, int httpStatus, String vendorCode, String requestId,
                                        boolean credentialExpired) {
        super(message, httpStatus, vendorCode, requestId, false, null);
        this.credentialExpired = credentialExpired;
    }

    /**
     * Whether the vendor said that a token the client minted at run time (password grant, OAuth client credentials)
     * has expired; the engine then mints a new one and sends the request once more.
     */
    public boolean credentialExpired() {
        return credentialExpired;
    }
}
