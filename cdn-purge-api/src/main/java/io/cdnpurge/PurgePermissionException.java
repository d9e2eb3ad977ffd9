package io.cdnpurge;

/**
 * The credential is valid but lacks a permission the call needs. {@link #permission()} names it in the vendor's
 * terms, e.g. {@code cloudfront:CreateInvalidation}, Cloudflare "Cache Purge", Fastly scope {@code purge_all}.
 * Never retried.
 */
public class PurgePermissionException extends PurgeServiceException {
    private static final long serialVersionUID = 1L;
    private final String permission;

    public PurgePermissionException(String message, String permission, int httpStatus, String vendorCode,
                                    String requestId) {
        super(message, httpStatus, vendorCode, requestId, false, null);
        this.permission = permission;
    }

    /** The permission, scope or IAM action the credential needs. */
    public String permission() {
        return permission;
    }
}
