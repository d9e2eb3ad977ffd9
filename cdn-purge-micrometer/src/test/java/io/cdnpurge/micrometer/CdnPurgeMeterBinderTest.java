package io.cdnpurge.micrometer;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.Route;
import io.cdnpurge.outbox.InMemoryOutboxStore;
import io.cdnpurge.outbox.PurgeOutbox;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.testing.Failures;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.testing.RecordingPurgeClient;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The clients' gauges, read from their health on each scrape, and the outbox depth. */
class CdnPurgeMeterBinderTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static double gauge(SimpleMeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void theGaugesFollowAClientThroughAPurgeAndAnOpeningBreaker() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of(
                "memory.circuitBreaker.failures", 2, "memory.circuitBreaker.delay", "30s", "memory.maxAttempts", 1,
                "memory.concurrency", 1, "memory.maxItems", 1)));
        CdnPurgeMeterBinder.builder().client(cdn).build().bindTo(meters);

        assertThat(gauge(meters, "cdn.purge.breaker.state", "client", "memory", "provider", "memory")).isZero();
        assertThat(gauge(meters, "cdn.purge.requests.in.flight", "client", "memory")).isZero();
        assertThat(meters.find("cdn.purge.cloudfront.paths").gauge()).isNull();
        List<String> limits = meters.find("cdn.purge.rate.headroom").gauges().stream()
                .map(gauge -> gauge.getId().getTag("limit")).toList();
        assertThat(limits).isEqualTo(List.copyOf(cdn.health().get(0).rateHeadroom().keySet()));

        cdn.purge(PurgeRequest.ofUrls(List.of("https://www.example.com/a")));
        assertThat(gauge(meters, "cdn.purge.breaker.state", "client", "memory")).isZero();

        cdn.failNextCalls(2, Failures.serverError());
        cdn.purge(PurgeRequest.ofUrls(List.of("https://www.example.com/b", "https://www.example.com/c")));
        assertThat(gauge(meters, "cdn.purge.breaker.state", "client", "memory")).isEqualTo(2);

        cdn.clock().advance(Duration.ofSeconds(30));
        assertThat(gauge(meters, "cdn.purge.breaker.state", "client", "memory")).isEqualTo(1);
        System.out.println("gauges after the breaker opened and its delay passed: " + Meters.describe(meters));
        cdn.close();
        assertThat(gauge(meters, "cdn.purge.breaker.state", "client", "memory")).isEqualTo(1);
    }

    @Test
    void theOutboxDepthIsItsPendingItems() {
        RecordingPurgeClient cdn = RecordingPurgeClient.create();
        try (PurgeOutbox outbox = PurgeOutbox.builder(cdn, new InMemoryOutboxStore()).clock(cdn.clock()).build()) {
            // counted at every read here; by default at most every 10 s
            CdnPurgeMeterBinder.builder().outbox(outbox, Duration.ZERO).build().bindTo(meters);
            assertThat(gauge(meters, "cdn.purge.outbox.depth")).isZero();

            outbox.enqueue(PurgeRequest.ofUrls(List.of("https://www.example.com/a", "https://www.example.com/b")));
            assertThat(gauge(meters, "cdn.purge.outbox.depth")).isEqualTo(2);

            outbox.drainOnce();
            assertThat(gauge(meters, "cdn.purge.outbox.depth")).isZero();
        }
    }

    @Test
    void aRoutersClientsAreGaugedUnderItsNamesWithThePathsTheyCount() {
        PurgeClient vault = PurgeEngine.client(new VaultBackend(0), PurgeConfig.fromMap(Map.of()),
                ClientOptions.builder().logging(false).build());
        try (PurgeRouter router = PurgeRouter.builder().client("edge", vault)
                .route(Route.host("www.example.com").to("edge")).build()) {
            CdnPurgeMeterBinder.builder().client(router).build().bindTo(meters);
            assertThat(gauge(meters, "cdn.purge.cloudfront.paths", "client", "edge", "provider", "vault")).isZero();
            assertThat(gauge(meters, "cdn.purge.rate.headroom", "client", "edge", "limit", "purge")).isEqualTo(5);

            router.purge(PurgeRequest.ofUrls(List.of("https://www.example.com/a", "https://www.example.com/b")));

            assertThat(gauge(meters, "cdn.purge.cloudfront.paths", "client", "edge")).isEqualTo(2);
            assertThat(gauge(meters, "cdn.purge.rate.headroom", "client", "edge", "limit", "purge")).isEqualTo(4);
            System.out.println("gauges of a routed client after a purge: " + Meters.describe(meters));
        }
    }

    @Test
    void noCredentialReachesAMeterOrAnObservation() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new ObservationHandler<>() {
                    @Override
                    public void onStop(Observation.Context context) {
                        stopped.add(context);
                    }

                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return true;
                    }
                });
        MicrometerPurgeListener listener = MicrometerPurgeListener.builder(meters).observationRegistry(observations)
                .build();
        FakeClock clock = new FakeClock();
        try (PurgeClient vault = PurgeEngine.client(new VaultBackend(1), PurgeConfig.fromMap(Map.of()),
                ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).listener(listener)
                        .build())) {
            listener.client(vault);
            CdnPurgeMeterBinder.builder().client(vault).build().bindTo(meters);

            vault.purge(PurgeRequest.ofUrls(List.of("https://www.example.com/a")));
        }

        assertThat(meters.get("cdn.purge.retries").tags("client", "vault").counter().count()).isEqualTo(1);
        assertThat(Meters.everything(meters)).doesNotContain(VaultBackend.SECRET);
        assertThat(stopped).hasSize(3).allSatisfy(context -> {
            assertThat(context.getAllKeyValues().toString()).doesNotContain(VaultBackend.SECRET);
            assertThat(context.getContextualName()).doesNotContain(VaultBackend.SECRET);
        });
        assertThat(stopped).anySatisfy(context -> assertThat(context.getHighCardinalityKeyValue("description")
                .getValue()).startsWith("POST /purge?token="));
    }
}
