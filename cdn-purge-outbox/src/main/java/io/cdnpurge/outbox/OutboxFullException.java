package io.cdnpurge.outbox;

/** The outbox holds as many items waiting as its bound allows: the purge was not stored. */
public final class OutboxFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    OutboxFullException(String message) {
        super(message);
    }
}
