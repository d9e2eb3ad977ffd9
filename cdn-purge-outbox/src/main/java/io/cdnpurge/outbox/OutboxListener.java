package io.cdnpurge.outbox;

/** Told of each item a worker finished: {@link OutboxState#SUCCEEDED}, {@code RETRYING} or {@code FAILED}. */
@FunctionalInterface
public interface OutboxListener {
    void finished(OutboxItem item);
}
