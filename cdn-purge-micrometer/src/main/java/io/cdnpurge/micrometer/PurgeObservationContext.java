package io.cdnpurge.micrometer;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeResult;
import io.micrometer.observation.Observation;

import java.util.Optional;

/**
 * What a {@code cdn.purge} or {@code cdn.purge.call} observation is of, for an {@link PurgeObservationConvention} to
 * name and tag: a whole purge ({@link Scope#PURGE}, from its PLANNED event to its COMPLETED one) or one vendor
 * request ({@link Scope#CALL}, from its REQUEST event to the RESPONSE, RETRY, THROTTLED or CALL_FAILED that ends it).
 * Filled by {@link MicrometerPurgeListener}; the outcome, vendor reference, HTTP status and result are set when the
 * observation stops. Holds no credential: events never carry one.
 */
public final class PurgeObservationContext extends Observation.Context {
    /** What the observation covers. */
    public enum Scope {
        /** One {@code purge()}: its plan, calls and completion. */
        PURGE,
        /** One attempt of one vendor request: a purge call, a look-up, a status poll, a token. */
        CALL
    }

    /** Outcome of an observation stopped without an event telling how it ended. */
    public static final String UNKNOWN = "unknown";

    private final Scope scope;
    private final PurgeEvent start;
    private final String client;
    private final String provider;
    private volatile String outcome = UNKNOWN;
    private volatile PurgeEvent end;

    PurgeObservationContext(Scope scope, PurgeEvent start, String provider) {
        this.scope = scope;
        this.start = start;
        this.client = start.providerId();
        this.provider = provider;
    }

    public Scope scope() {
        return scope;
    }

    /** The client's name: its provider id, or its name when a configuration names it. */
    public String client() {
        return client;
    }

    /** The client's provider id ({@link MicrometerPurgeListener} says where it learns it). */
    public String provider() {
        return provider;
    }

    /** The event the observation started with: PLANNED for a purge, REQUEST for a call. */
    public PurgeEvent startEvent() {
        return start;
    }

    /** The event it stopped with (COMPLETED, RESPONSE, RETRY, THROTTLED, CALL_FAILED); empty while it runs. */
    public Optional<PurgeEvent> endEvent() {
        return Optional.ofNullable(end);
    }

    /**
     * How it ended. A purge: its {@link PurgeResult.Status} in lower case ({@code succeeded}, {@code in_progress},
     * {@code partial}, {@code failed}). A call: {@code succeeded}, {@code retried}, {@code throttled} or
     * {@code failed}. {@value #UNKNOWN} while it runs, or when it was dropped unfinished.
     */
    public String outcome() {
        return outcome;
    }

    /** The purge's result, once a purge observation has stopped. */
    public Optional<PurgeResult> result() {
        return end == null ? Optional.empty() : end.result();
    }

    void end(PurgeEvent event, String how) {
        this.end = event;
        this.outcome = how;
    }

    void end(String how) {
        this.outcome = how;
    }
}
