package io.cdnpurge;

/**
 * Sees what a client does: the plan, every request and response, retries, throttling and completion. Called on
 * the engine's threads, so implementations must be thread-safe and quick. An exception thrown by a listener is
 * logged and otherwise ignored: it never fails a purge. Events never carry credentials.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder()
 *     .listener(event -> metrics.counter("cdn.purge." + event.type()).increment())
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface PurgeListener {
    void onEvent(PurgeEvent event);

    /**
     * Whether this listener does anything with events of the type, asked before each event is built: a client
     * builds no event that none of its listeners wants. The default wants every event.
     */
    default boolean wants(PurgeEvent.Type type) {
        return true;
    }
}
