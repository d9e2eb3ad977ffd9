package io.cdnpurge.micrometer;

import io.cdnpurge.ClientHealth;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeListener;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.TargetOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PurgeListener} that publishes purges to Micrometer: a {@code cdn.purge} observation per purge and a
 * {@code cdn.purge.call} observation per vendor request (each attempt), and the counters {@code cdn.purge.targets},
 * {@code cdn.purge.retries} and {@code cdn.purge.throttled}. Needs no Spring. Thread-safe: events may come on any
 * thread.
 *
 * <pre>{@code
 * MicrometerPurgeListener metrics = MicrometerPurgeListener.builder(meterRegistry)
 *     .observationRegistry(observationRegistry)      // ObservationRegistry.NOOP unless set
 *     .build();
 * PurgeClient cdn = CdnPurge.client("shop", config, ClientOptions.builder().listener(metrics).build());
 * metrics.client(cdn);                                 // the provider tag from cdn.health()
 * }</pre>
 *
 * <p>A purge's observation starts with its PLANNED event and stops with its COMPLETED one (look-ups made to plan it
 * come before, as calls of their own). A call's starts with its REQUEST event and stops with the first event that
 * ends that attempt: RESPONSE ({@code succeeded}), RETRY ({@code retried}), THROTTLED ({@code throttled}) or
 * CALL_FAILED ({@code failed}); a call whose purge completes first, or whose key is sent again, failed without an
 * event ({@code failed}). WAITING and QUEUED are events of the purge's observation. At most
 * {@link Builder#maxOpen} observations are open at once: past that the oldest stops as {@code unknown}. Timers come
 * from the observation handlers: with Micrometer's {@code DefaultMeterObservationHandler}, {@code cdn.purge} and
 * {@code cdn.purge.call} timers carry the low-cardinality tags.
 *
 * <p>The {@code provider} tag: the provider id {@link PurgeClient#health()} gives for the client's name, learnt from
 * the clients given to {@link #client} or {@link Builder#client} (a router's clients included) or set by
 * {@link Builder#provider}; otherwise the event's {@link PurgeEvent#providerId()}, which is the client's name.
 *
 * @see <a href="https://docs.micrometer.io/micrometer/reference/observation.html">Micrometer Observation</a>
 */
public final class MicrometerPurgeListener implements PurgeListener {
    private final ObservationRegistry observations;
    private final PurgeObservationConvention purgeConvention;
    private final PurgeObservationConvention callConvention;
    private final Map<String, String> providers;
    private final OpenObservations open;
    private final Meter.MeterProvider<Counter> targets;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<Counter> throttled;

    private MicrometerPurgeListener(Builder builder) {
        this.observations = builder.observations;
        this.purgeConvention = builder.purgeConvention;
        this.callConvention = builder.callConvention;
        this.providers = new ConcurrentHashMap<>(builder.providers);
        this.open = new OpenObservations(builder.maxOpen);
        this.targets = Counter.builder("cdn.purge.targets").baseUnit("targets")
                .description("Targets of completed purges, by how each ended").withRegistry(builder.meters);
        this.retries = Counter.builder("cdn.purge.retries").baseUnit("requests")
                .description("Vendor requests that failed and are sent again").withRegistry(builder.meters);
        this.throttled = Counter.builder("cdn.purge.throttled").baseUnit("requests")
                .description("Vendor requests refused by a rate limit or a quota").withRegistry(builder.meters);
    }

    /** @param registry where the counters go */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Learns the provider id of each client the client stands for (a router: each client it routes to) from its
     * {@link PurgeClient#health()}, which sends nothing. Call it once the client, made with this listener, exists.
     */
    public MicrometerPurgeListener client(PurgeClient client) {
        learn(client, providers);
        return this;
    }

    private static void learn(PurgeClient client, Map<String, String> into) {
        Objects.requireNonNull(client, "client cannot be null");
        for (ClientHealth health : client.health()) {
            into.put(health.client(), health.providerId());
        }
        if (client instanceof PurgeRouter) {
            // events name a routed client by its own name, which the router may have renamed
            ((PurgeRouter) client).clients().values().forEach(each -> learn(each, into));
        }
    }

    /** Counters always; the events that only observations use, when the observation registry is not a no-op. */
    @Override
    public boolean wants(PurgeEvent.Type type) {
        return type == PurgeEvent.Type.RETRY || type == PurgeEvent.Type.THROTTLED
                || type == PurgeEvent.Type.COMPLETED || !observations.isNoop();
    }

    @Override
    public void onEvent(PurgeEvent event) {
        switch (event.type()) {
            case PLANNED -> startPurge(event);
            case REQUEST -> startCall(event);
            case RESPONSE -> endCall(event, "succeeded");
            case RETRY -> {
                retries.withTags(clientTags(event)).increment();
                endCall(event, "retried");
            }
            case THROTTLED -> {
                throttled.withTags(clientTags(event)).increment();
                endCall(event, "throttled");
            }
            case CALL_FAILED -> endCall(event, "failed");
            case WAITING, QUEUED -> mark(event);
            case COMPLETED -> complete(event);
            default -> {
                // a type added later is seen by no meter until it is given one
            }
        }
    }

    private String provider(PurgeEvent event) {
        return providers.getOrDefault(event.providerId(), event.providerId());
    }

    private String[] clientTags(PurgeEvent event) {
        return new String[] {"client", event.providerId(), "provider", provider(event), "tenant",
                event.tenant().orElse("none")};
    }

    private void startPurge(PurgeEvent event) {
        if (event.purgeId().isEmpty() || observations.isNoop()) {
            return;
        }
        PurgeObservationContext context = new PurgeObservationContext(PurgeObservationContext.Scope.PURGE, event,
                provider(event));
        Observation observation = Observation.createNotStarted(purgeConvention,
                new DefaultPurgeObservationConvention(), () -> context, observations).start();
        open.add(purgeKey(event), new OpenObservations.Open(observation, context), PurgeObservationContext.UNKNOWN);
    }

    private void startCall(PurgeEvent event) {
        if (observations.isNoop()) {
            return;
        }
        PurgeObservationContext context = new PurgeObservationContext(PurgeObservationContext.Scope.CALL, event,
                provider(event));
        Observation observation = Observation.createNotStarted(callConvention,
                new DefaultCallObservationConvention(), () -> context, observations);
        OpenObservations.Open purge = event.purgeId().isPresent() ? open.get(purgeKey(event)) : null;
        if (purge != null) {
            observation.parentObservation(purge.observation());
        }
        // a request sent again under a key still open: the earlier one failed without an event
        open.add(callKey(event), new OpenObservations.Open(observation.start(), context), "failed");
    }

    private void endCall(PurgeEvent event, String outcome) {
        OpenObservations.Open call = open.remove(callKey(event));
        if (call != null) {
            call.context().end(event, outcome);
            if (!"succeeded".equals(outcome)) {
                // the attempt did not get the vendor's acknowledgement: a trace shows its span as an error
                call.observation().error(new VendorCallFailure(event.detail().orElse(event.type().name())));
            }
            call.observation().stop();
        }
    }

    private void mark(PurgeEvent event) {
        OpenObservations.Open purge = event.purgeId().isPresent() ? open.get(purgeKey(event)) : null;
        if (purge != null) {
            // the event's name is appended to the observation's by meter handlers: cdn.purge.waiting, cdn.purge.queued
            purge.observation().event(Observation.Event.of(DefaultPurgeObservationConvention.lower(event.type()),
                    event.detail().orElse(event.type().name())));
        }
    }

    private void complete(PurgeEvent event) {
        PurgeResult result = event.result().orElse(null);
        if (result != null) {
            countTargets(event, result);
        }
        String purgeId = event.purgeId().orElse(null);
        if (purgeId == null) {
            return;
        }
        String client = event.providerId();
        // a request still open when its purge completes failed for good: only a purge call says so by an event
        open.stopCallsOf(new OpenObservations.PurgeKey(client, purgeId), "failed");
        OpenObservations.Open purge = open.remove(purgeKey(event));
        if (purge != null) {
            purge.context().end(event, result == null ? PurgeObservationContext.UNKNOWN
                    : DefaultPurgeObservationConvention.lower(result.status()));
            if (result != null && (result.status() == PurgeResult.Status.FAILED
                    || result.status() == PurgeResult.Status.PARTIAL)) {
                purge.observation().error(new VendorCallFailure("purge " + DefaultPurgeObservationConvention
                        .lower(result.status()) + ": " + result.failures().size() + " targets failed"));
            }
            purge.observation().stop();
        }
    }

    private void countTargets(PurgeEvent event, PurgeResult result) {
        Map<String, Integer> counts = new HashMap<>();
        for (TargetOutcome outcome : result.outcomes()) {
            counts.merge(DefaultPurgeObservationConvention.lower(outcome.target().kind()) + ' '
                    + DefaultPurgeObservationConvention.lower(outcome.status()), 1, Integer::sum);
        }
        String[] client = clientTags(event);
        counts.forEach((kindAndOutcome, count) -> {
            int space = kindAndOutcome.indexOf(' ');
            targets.withTags(client[0], client[1], client[2], client[3], client[4], client[5], "kind",
                    kindAndOutcome.substring(0, space), "outcome", kindAndOutcome.substring(space + 1)).increment(count);
        });
    }

    private static OpenObservations.PurgeKey purgeKey(PurgeEvent event) {
        return new OpenObservations.PurgeKey(event.providerId(), event.purgeId().orElse(null));
    }

    private static OpenObservations.CallKey callKey(PurgeEvent event) {
        return new OpenObservations.CallKey(event.providerId(), event.purgeId().orElse(null), event.purpose(),
                event.call(), event.attempt(), event.call() > 0 ? 0 : Thread.currentThread().getId());
    }

    /** Observations open now: for tests of the bound. */
    int openObservations() {
        return open.size();
    }

    @Override
    public String toString() {
        return "MicrometerPurgeListener{" + (observations.isNoop() ? "counters only" : "counters and observations")
                + ", " + open.size() + " open}";
    }

    /** Builds a {@link MicrometerPurgeListener}. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry meters;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private PurgeObservationConvention purgeConvention;
        private PurgeObservationConvention callConvention;
        private final Map<String, String> providers = new HashMap<>();
        private int maxOpen = 10_000;

        private Builder(MeterRegistry registry) {
            this.meters = Objects.requireNonNull(registry, "registry cannot be null");
        }

        /** Where the observations go; {@link ObservationRegistry#NOOP} (none, at no cost) unless set. */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "registry cannot be null");
            return this;
        }

        /** Names and tags purges' observations, in place of {@link DefaultPurgeObservationConvention}. */
        public Builder purgeConvention(PurgeObservationConvention convention) {
            this.purgeConvention = Objects.requireNonNull(convention, "convention cannot be null");
            return this;
        }

        /** Names and tags calls' observations, in place of {@link DefaultCallObservationConvention}. */
        public Builder callConvention(PurgeObservationConvention convention) {
            this.callConvention = Objects.requireNonNull(convention, "convention cannot be null");
            return this;
        }

        /** Learns the provider ids of a client that already exists (see {@link MicrometerPurgeListener#client}). */
        public Builder client(PurgeClient client) {
            learn(client, providers);
            return this;
        }

        /** The provider id of the client of this name, for the {@code provider} tag. */
        public Builder provider(String clientName, String providerId) {
            providers.put(Objects.requireNonNull(clientName, "clientName cannot be null"),
                    Objects.requireNonNull(providerId, "providerId cannot be null"));
            return this;
        }

        /** The most observations open at once (10,000 unless set); past that the oldest stops as unknown. */
        public Builder maxOpen(int observations) {
            if (observations < 1) {
                throw new IllegalArgumentException("maxOpen must be at least 1, got " + observations);
            }
            this.maxOpen = observations;
            return this;
        }

        public MicrometerPurgeListener build() {
            return new MicrometerPurgeListener(this);
        }
    }

    /**
     * What an observation that did not succeed carries as its error (so that a trace marks the span): the event's
     * detail, redacted by the engine before any listener sees it. No stack trace: it is a report, not a throw.
     */
    static final class VendorCallFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VendorCallFailure(String message) {
            super(message, null, false, false);
        }
    }
}
