package io.cdnpurge.micrometer;

import io.cdnpurge.ClientHealth;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.outbox.PurgeOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The gauges of purge clients and of an outbox, read on each scrape from {@link PurgeClient#health()} and
 * {@link PurgeOutbox#pending()}: never a vendor request. Per client (a router: per client it routes to, under the
 * router's name for it), tagged {@code client} and {@code provider}:
 * <ul>
 *   <li>{@code cdn.purge.requests.in.flight}: vendor requests sent and not yet answered;</li>
 *   <li>{@code cdn.purge.breaker.state}: 0 closed, 1 half-open, 2 open, -1 no breaker;</li>
 *   <li>{@code cdn.purge.rate.headroom} (tag {@code limit}): the permits a request could take now without waiting;</li>
 *   <li>{@code cdn.purge.cloudfront.paths}: CloudFront paths invalidated this month, for the clients that count them.</li>
 * </ul>
 * And {@code cdn.purge.outbox.depth}: the outbox's items waiting or being sent (a count query on a JDBC store), when
 * an outbox is given; {@code cdn-purge-outbox} is needed then only.
 *
 * <p>The clients and limits are those {@code health()} lists when the binder is bound. The gauges hold the client
 * and the outbox weakly, as Micrometer's gauges do by default: the registry never keeps them alive (the binder does,
 * while you keep it), and a gauge of one that was collected reads NaN. A closed client still tells its last health, so its gauges keep its last figures;
 * remove them with {@code registry.remove} if that is not wanted. Thread-safe once built.
 *
 * <pre>{@code
 * CdnPurgeMeterBinder.builder().client(cdn).outbox(outbox).build().bindTo(meterRegistry);
 * }</pre>
 *
 * @see <a href="https://docs.micrometer.io/micrometer/reference/concepts/gauges.html">Micrometer gauges</a>
 */
public final class CdnPurgeMeterBinder implements MeterBinder {
    private final List<PurgeClient> clients;
    private final OutboxDepth outbox;

    private CdnPurgeMeterBinder(Builder builder) {
        this.clients = List.copyOf(builder.clients);
        this.outbox = builder.outbox;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry cannot be null");
        for (PurgeClient client : clients) {
            for (ClientHealth health : client.health()) {
                bind(registry, client, health);
            }
        }
        if (outbox != null) {
            outbox.bindTo(registry);
        }
    }

    private static void bind(MeterRegistry registry, PurgeClient client, ClientHealth health) {
        String name = health.client();
        Tags tags = Tags.of("client", name, "provider", health.providerId());
        gauge(registry, "cdn.purge.requests.in.flight", client, name, tags, "requests",
                "Vendor requests sent and not yet answered", ClientHealth::requestsInFlight);
        gauge(registry, "cdn.purge.breaker.state", client, name, tags, null,
                "The circuit breaker: 0 closed, 1 half-open, 2 open, -1 none", CdnPurgeMeterBinder::breaker);
        for (String limit : health.rateHeadroom().keySet()) {
            gauge(registry, "cdn.purge.rate.headroom", client, name, tags.and("limit", limit), "permits",
                    "Permits a request could take now without waiting",
                    each -> figure(each.rateHeadroom().get(limit)));
        }
        if (health.gauges().containsKey("pathsThisMonth")) {
            gauge(registry, "cdn.purge.cloudfront.paths", client, name, tags, "paths",
                    "CloudFront invalidation paths this month (the first 1,000 are free)",
                    each -> figure(each.gauges().get("pathsThisMonth")));
        }
    }

    private static void gauge(MeterRegistry registry, String meter, PurgeClient client, String name, Tags tags,
                              String unit, String description, ToDoubleFunction<ClientHealth> value) {
        Gauge.builder(meter, client, each -> read(each, name, value)).tags(tags).baseUnit(unit)
                .description(description).register(registry);
    }

    /** The figure of the client's entry of this name, or NaN when it no longer has one or cannot tell. */
    private static double read(PurgeClient client, String name, ToDoubleFunction<ClientHealth> value) {
        try {
            for (ClientHealth health : client.health()) {
                if (health.client().equals(name)) {
                    return value.applyAsDouble(health);
                }
            }
        } catch (RuntimeException e) {
            // a scrape must not fail for one client: NaN is Micrometer's "no value"
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static double figure(Number number) {
        return number == null ? Double.NaN : number.doubleValue();
    }

    static double breaker(ClientHealth health) {
        switch (health.breaker()) {
            case CLOSED:
                return 0;
            case HALF_OPEN:
                return 1;
            case OPEN:
                return 2;
            default:
                return -1;
        }
    }

    @Override
    public String toString() {
        return "CdnPurgeMeterBinder{" + clients.size() + " clients" + (outbox == null ? "" : ", an outbox") + "}";
    }

    /**
     * The outbox gauge, in a class of its own: the binder touches {@code PurgeOutbox} only when an outbox is given, so
     * an application without {@code cdn-purge-outbox} can use it.
     */
    private static final class OutboxDepth {
        private final PurgeOutbox outbox;
        /** How long a count is shown before the store is asked again: a scrape must not query it each time. */
        private final long maxAgeNanos;
        private long countedAt;
        private boolean counted;
        private double depth = Double.NaN;

        OutboxDepth(PurgeOutbox outbox, java.time.Duration maxAge) {
            this.outbox = outbox;
            this.maxAgeNanos = maxAge.toNanos();
        }

        void bindTo(MeterRegistry registry) {
            Gauge.builder("cdn.purge.outbox.depth", this, OutboxDepth::depth).baseUnit("items")
                    .description("Outbox items waiting to be sent or being sent (counted at most every 10 s)")
                    .register(registry);
        }

        /** The store's count, asked at most every 10 s; NaN while the store cannot be asked. */
        synchronized double depth() {
            long now = System.nanoTime();
            if (!counted || now - countedAt >= maxAgeNanos) {
                counted = true;
                countedAt = now;
                try {
                    depth = outbox.pending();
                } catch (RuntimeException e) {
                    depth = Double.NaN;
                }
            }
            return depth;
        }
    }

    /** Builds a {@link CdnPurgeMeterBinder}. Not thread-safe. */
    public static final class Builder {
        private final List<PurgeClient> clients = new ArrayList<>();
        private OutboxDepth outbox;

        private Builder() {
        }

        /** A client (or a router: each client it routes to) whose gauges to publish. */
        public Builder client(PurgeClient client) {
            clients.add(Objects.requireNonNull(client, "client cannot be null"));
            return this;
        }

        /** The outbox whose depth to publish. */
        public Builder outbox(PurgeOutbox purgeOutbox) {
            return outbox(purgeOutbox, java.time.Duration.ofSeconds(10));
        }

        /**
         * The outbox whose depth to show, counted at most once per {@code countedEvery} (10 s with
         * {@link #outbox(PurgeOutbox)}): on a database store a count is a query, which a scrape must not run each
         * time.
         */
        public Builder outbox(PurgeOutbox purgeOutbox, java.time.Duration countedEvery) {
            Objects.requireNonNull(countedEvery, "countedEvery cannot be null");
            if (countedEvery.isNegative()) {
                throw new IllegalArgumentException("countedEvery cannot be negative, was " + countedEvery);
            }
            this.outbox = new OutboxDepth(Objects.requireNonNull(purgeOutbox, "outbox cannot be null"), countedEvery);
            return this;
        }

        public CdnPurgeMeterBinder build() {
            return new CdnPurgeMeterBinder(this);
        }
    }
}
