package io.cdnpurge;

/**
 * The vendor could not be reached or did not answer in time (name not resolved, connection refused or reset, TLS
 * failure, timeout). Retryable. {@link #sent()} says whether the request may have reached the vendor: a failure to
 * resolve or connect means it was not sent; a reset or a timeout after sending means it may or may not have been
 * processed.
 */
public class PurgeTransportException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final boolean timeout;
    private final boolean sent;

    /** A failure after the request may have been sent. */
    public PurgeTransportException(String message, boolean timeout, Throwable cause) {
        this(message, timeout, true, cause);
    }

    /**
     * @param timeout whether the failure was a timeout rather than a connection error
     * @param sent    whether the request may have reached the vendor (false: it certainly did not)
     */
    public PurgeTransportException(String message, boolean timeout, boolean sent, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
        this.sent = sent;
    }

    /** Whether the failure was a timeout rather than a connection error. */
    public boolean timeout() {
        return timeout;
    }

    /**
     * Whether the request may have reached the vendor; false when it certainly did not (the host did not resolve,
     * the connection was refused or could not be made in time).
     */
    public boolean sent() {
        return sent;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
