package io.cdnpurge;

/**
 * Root of every exception cdn-purge throws. Unchecked.
 *
 * <p>Client-side problems ({@link InvalidPurgeRequestException}, {@link UnsupportedPurgeException},
 * {@link InvalidConfigurationException}, {@link UnknownProviderException}, {@link PurgeTransportException}) are
 * raised before or instead of a vendor answer; vendor-side problems are {@link PurgeServiceException} and its
 * subclasses. Messages never contain credentials and say what to do next.
 */
public class PurgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PurgeException(String message) {
        super(message);
    }

    public PurgeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether sending the same call again could succeed. The engine retries only retryable errors. */
    public boolean retryable() {
        return false;
    }
}
