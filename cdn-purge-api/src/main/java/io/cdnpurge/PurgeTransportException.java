package io.cdnpurge;

/**
 * The vendor could not be reached or did not answer in time (connection refused, reset, TLS failure, timeout).
 * Retryable: the call may or may not have reached the vendor.
 */
public class PurgeTransportException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final boolean timeout;

    public PurgeTransportException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the failure was a timeout rather than a connection error. */
    public boolean timeout() {
        return timeout;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
