package io.cdnpurge;

import java.time.Instant;

/**
 * The call was not sent because the vendor has failed call after call (server errors or timeouts) and the client's
 * circuit breaker is open: calls fail fast until {@link #retryAt()}, when one call probes whether the vendor is
 * back. Retryable: purge the same targets again after that time.
 */
public class PurgeUnavailableException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final Instant retryAt;

    public PurgeUnavailableException(String message, Instant retryAt) {
        super(message);
        this.retryAt = retryAt;
    }

    /** When the client next lets a call through to find out whether the vendor is back. */
    public Instant retryAt() {
        return retryAt;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
