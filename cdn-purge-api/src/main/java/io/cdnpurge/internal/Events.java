package io.cdnpurge.internal;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Builds redacted events and hands them to the listeners, which can never fail a purge. */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final String providerId;
    private final List<PurgeListener> listeners;
    private final Redactor redactor;
    private final Clock clock;

    Events(String providerId, List<PurgeListener> listeners, Redactor redactor, Clock clock) {
        this.providerId = providerId;
        this.listeners = listeners;
        this.redactor = redactor;
        this.clock = clock;
    }

    PurgeEvent.Builder event(PurgeEvent.Type type) {
        return PurgeEvent.builder(type, providerId, Instant.now(clock));
    }

    /** An event of a purge: its id and tenant. */
    PurgeEvent.Builder event(PurgeEvent.Type type, Context context) {
        return event(type).purgeId(context.purgeId).tenant(context.tenant);
    }

    String redact(String text) {
        return redactor.scrub(text);
    }

    /** The error without any credential the client knows, in its message or causes. */
    PurgeException redact(PurgeException error) {
        return redactor.scrubError(error);
    }

    /** Whether anyone listens: events are not built for nobody. */
    boolean wanted() {
        return !listeners.isEmpty();
    }

    /** Whether a listener wants events of the type: events are built only then. */
    boolean wants(PurgeEvent.Type type) {
        for (PurgeListener listener : listeners) {
            if (wants(listener, type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wants(PurgeListener listener, PurgeEvent.Type type) {
        try {
            return listener.wants(type);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            // a listener that cannot say gets the event, and may fail on it too, which emit logs
            return true;
        }
    }

    void emit(PurgeEvent.Builder builder) {
        if (listeners.isEmpty()) {
            return;
        }
        PurgeEvent event = builder.build();
        PurgeEvent safe = event.detail().isPresent() || event.description().isPresent()
                ? rebuild(event) : event;
        for (PurgeListener listener : listeners) {
            try {
                if (!wants(listener, safe.type())) {
                    continue;
                }
                listener.onEvent(safe);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                // an AssertionError in a test's listener included: the purge's outcomes must survive it
                LOG.warn("a PurgeListener ({}) threw on {}; the purge goes on", listener.getClass().getName(),
                        safe.type(), e);
            }
        }
    }

    private PurgeEvent rebuild(PurgeEvent event) {
        return PurgeEvent.builder(event.type(), event.providerId(), event.time())
                .purpose(event.purpose())
                .call(event.call(), event.calls(), event.attempt())
                .kind(event.kind().orElse(null))
                .items(event.items())
                .description(redactor.scrub(event.description().orElse(null)))
                .httpStatus(event.httpStatus())
                .duration(event.duration().orElse(null))
                .waitTime(event.waitTime().orElse(null))
                .vendorReference(event.vendorReference().orElse(null))
                .detail(redactor.scrub(event.detail().orElse(null)))
                .purgeId(event.purgeId().orElse(null))
                .tenant(event.tenant().orElse(null))
                .result(event.result().orElse(null))
                .build();
    }
}
