package io.cdnpurge.micrometer;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.testing.Failures;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.testing.RecordingPurgeClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Observations and counters of purges through a real engine on a memory vendor, on virtual time. */
class MicrometerPurgeListenerTest {
    private static final Predicate<Observation.ContextView> IN_A_PURGE = parent -> "cdn.purge".equals(parent.getName());

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final FakeClock clock = new FakeClock();
    private final List<RecordingPurgeClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(RecordingPurgeClient::close);
    }

    private RecordingPurgeClient client(MicrometerPurgeListener listener, Map<String, ?> keys) {
        ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false)
                .listener(listener).build();
        RecordingPurgeClient client = RecordingPurgeClient.create(PurgeConfig.fromMap(keys), options);
        clients.add(client);
        listener.client(client);
        return client;
    }

    private MicrometerPurgeListener observing() {
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return MicrometerPurgeListener.builder(meters).observationRegistry(observations).build();
    }

    private static List<String> urls(int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            urls.add("https://www.example.com/news/" + i);
        }
        return urls;
    }

    @Test
    @SuppressWarnings("unchecked") // ObservationContextAssert is raw in TestObservationRegistryAssert's consumers
    void aPurgeWithOneRetryIsOneObservationWithThreeCallsAndIsCounted() {
        RecordingPurgeClient cdn = client(observing(), Map.of("memory.maxItems", 2, "memory.concurrency", 1));
        cdn.failNextAttempts(1, Failures.serverError());

        PurgeResult result = cdn.purge(PurgeRequest.builder().urls(urls(3)).tenant("shop").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(observations).doesNotHaveAnyRemainingCurrentObservation()
                .hasNumberOfObservationsWithNameEqualTo("cdn.purge", 1)
                .hasNumberOfObservationsWithNameEqualTo("cdn.purge.call", 3)
                .hasObservationWithNameEqualTo("cdn.purge").that()
                .hasContextualNameEqualTo("purge memory")
                .hasLowCardinalityKeyValue("client", "memory")
                .hasLowCardinalityKeyValue("provider", "memory")
                .hasLowCardinalityKeyValue("tenant", "shop")
                .hasLowCardinalityKeyValue("kind", "url")
                .hasLowCardinalityKeyValue("outcome", "succeeded")
                .hasHighCardinalityKeyValueWithKey("purge.id")
                .doesNotHaveLowCardinalityKeyValueWithKey("purge.id")
                .hasBeenStarted().hasBeenStopped();
        assertThat(observations).hasAnObservation(observation -> observation.hasNameEqualTo("cdn.purge.call")
                .hasContextualNameEqualTo("memory purge")
                .hasLowCardinalityKeyValue("outcome", "retried")
                .hasLowCardinalityKeyValue("purpose", "purge")
                .hasHighCardinalityKeyValue("call", "1").hasHighCardinalityKeyValue("attempt", "1")
                .hasHighCardinalityKeyValue("http.status", "503")
                .hasHighCardinalityKeyValueWithKey("description")
                .hasParentObservationContextMatching(IN_A_PURGE));
        assertThat(observations).hasAnObservation(observation -> observation.hasNameEqualTo("cdn.purge.call")
                .hasLowCardinalityKeyValue("outcome", "succeeded")
                .hasHighCardinalityKeyValue("call", "1").hasHighCardinalityKeyValue("attempt", "2"));

        assertThat(meters.get("cdn.purge.targets").tags("client", "memory", "provider", "memory", "kind", "url",
                "outcome", "succeeded").counter().count()).isEqualTo(3);
        assertThat(meters.get("cdn.purge.retries").tags("client", "memory", "provider", "memory").counter().count())
                .isEqualTo(1);
        assertThat(meters.find("cdn.purge.throttled").counter()).isNull();
        assertThat(meters.get("cdn.purge").tags("outcome", "succeeded", "tenant", "shop").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("cdn.purge.call").tags("outcome", "retried").timer().count()).isEqualTo(1);
        assertThat(meters.get("cdn.purge.call").tags("outcome", "succeeded").timer().count()).isEqualTo(2);
        // the attempt that failed is an error in a trace (and the timer's error tag), the others are not
        assertThat(meters.get("cdn.purge.call").tags("outcome", "retried").timer().getId().getTag("error"))
                .isEqualTo("VendorCallFailure");
        assertThat(meters.get("cdn.purge.call").tags("outcome", "succeeded").timer().getId().getTag("error"))
                .isEqualTo("none");
        System.out.println("meters after a purge of 3 URLs with one retry: " + Meters.describe(meters));
    }

    @Test
    void aThrottledAnswerIsCountedAndAFailedCallsTargetsAreCountedFailed() {
        RecordingPurgeClient cdn = client(observing(), Map.of("memory.maxItems", 2, "memory.concurrency", 1,
                "memory.maxAttempts", 2));
        cdn.failNextAttempts(1, Failures.throttled(Duration.ofSeconds(2)));
        cdn.failNextCalls(1, Failures.serverError());

        PurgeResult result = cdn.purge(PurgeRequest.ofUrls(urls(3)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(meters.get("cdn.purge.throttled").tags("client", "memory", "provider", "memory").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("cdn.purge.targets").tags("kind", "url", "outcome", "failed").counter().count())
                .isEqualTo(result.failures().size()).isPositive();
        assertThat(meters.get("cdn.purge.targets").tags("kind", "url", "outcome", "succeeded").counter().count())
                .isEqualTo(3 - result.failures().size());
        assertThat(observations).hasAnObservation(observation -> observation.hasNameEqualTo("cdn.purge.call")
                        .hasLowCardinalityKeyValue("outcome", "throttled"))
                .hasAnObservation(observation -> observation.hasNameEqualTo("cdn.purge.call")
                        .hasLowCardinalityKeyValue("outcome", "failed"))
                .hasObservationWithNameEqualTo("cdn.purge").that().hasLowCardinalityKeyValue("outcome", "partial");
        System.out.println("meters after a throttled answer and a failed call: " + Meters.describe(meters));
    }

    @Test
    void aConventionOfYourOwnNamesAndTagsTheObservations() {
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        MicrometerPurgeListener listener = MicrometerPurgeListener.builder(meters).observationRegistry(observations)
                .purgeConvention(new DefaultPurgeObservationConvention() {
                    @Override
                    public String getName() {
                        return "shop.invalidation";
                    }

                    @Override
                    public io.micrometer.common.KeyValues getLowCardinalityKeyValues(PurgeObservationContext c) {
                        return io.micrometer.common.KeyValues.of("cdn", c.client(), "result", c.outcome());
                    }
                })
                .build();
        RecordingPurgeClient cdn = client(listener, Map.of());

        cdn.purge(PurgeRequest.ofUrls(urls(2)));

        assertThat(observations).hasObservationWithNameEqualTo("shop.invalidation").that()
                .hasLowCardinalityKeyValue("cdn", "memory").hasLowCardinalityKeyValue("result", "succeeded")
                .doesNotHaveLowCardinalityKeyValueWithKey("client");
        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("cdn.purge", 0)
                .hasNumberOfObservationsWithNameEqualTo("cdn.purge.call", 1);
        assertThat(meters.get("shop.invalidation").tags("cdn", "memory", "result", "succeeded").timer().count())
                .isEqualTo(1);
    }

    @Test
    void withoutAnObservationRegistryOnlyTheCountersAreKeptAndCallEventsAreNotEvenBuilt() {
        MicrometerPurgeListener listener = MicrometerPurgeListener.builder(meters).build();
        RecordingPurgeClient cdn = client(listener, Map.of());
        cdn.failNextAttempts(1, Failures.serverError());

        cdn.purge(PurgeRequest.ofUrls(urls(2)));

        assertThat(listener.wants(PurgeEvent.Type.REQUEST)).isFalse();
        assertThat(listener.wants(PurgeEvent.Type.PLANNED)).isFalse();
        assertThat(listener.wants(PurgeEvent.Type.COMPLETED)).isTrue();
        assertThat(listener.openObservations()).isZero();
        assertThat(Meters.describe(meters)).isEqualTo(
                "cdn.purge.retries{client=memory,provider=memory,tenant=none}=1; "
                        + "cdn.purge.targets{client=memory,kind=url,outcome=succeeded,provider=memory,tenant=none}=2");
    }

    @Test
    void theProviderTagIsTheNamedClientsProviderAndCommonTagsApply() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().commonTags("application", "shop");
        MicrometerPurgeListener listener = MicrometerPurgeListener.builder(registry).build();
        ClientOptions options = ClientOptions.builder().logging(false).listener(listener).build();
        try (io.cdnpurge.PurgeClient blog = io.cdnpurge.CdnPurge.client("blog",
                PurgeConfig.fromMap(Map.of("blog.provider", "memory")), options)) {
            listener.client(blog);

            blog.purge(PurgeRequest.ofUrls(urls(1)));
        }

        assertThat(registry.get("cdn.purge.targets").tags("application", "shop", "client", "blog",
                "provider", "memory", "kind", "url", "outcome", "succeeded").counter().count()).isEqualTo(1);
    }

    @Test
    void callsSentInParallelEachEndTheirOwnObservation() {
        MicrometerPurgeListener listener = observing();
        RecordingPurgeClient cdn = client(listener, Map.of("memory.maxItems", 1, "memory.concurrency", 8));
        cdn.failNextAttempts(3, Failures.serverError());

        cdn.purge(PurgeRequest.ofUrls(urls(40)));

        assertThat(listener.openObservations()).isZero();
        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("cdn.purge.call", 43);
        assertThat(meters.get("cdn.purge.call").tags("outcome", "succeeded").timer().count()).isEqualTo(40);
        assertThat(meters.get("cdn.purge.call").tags("outcome", "retried").timer().count()).isEqualTo(3);
        assertThat(meters.get("cdn.purge.targets").counter().count()).isEqualTo(40);
    }

    @Test
    void aCallEndedOnAnotherThreadIsMatchedByPurgeCallAndAttempt() throws InterruptedException {
        MicrometerPurgeListener listener = MicrometerPurgeListener.builder(meters).observationRegistry(observations)
                .build();
        listener.onEvent(PurgeEvent.builder(PurgeEvent.Type.PLANNED, "memory", clock.instant()).purgeId("p1")
                .calls(1).items(1).build());
        listener.onEvent(PurgeEvent.builder(PurgeEvent.Type.REQUEST, "memory", clock.instant()).purgeId("p1")
                .call(1, 1, 1).kind(io.cdnpurge.PurgeTarget.Kind.TAG).items(1).build());
        Thread other = new Thread(() -> listener.onEvent(PurgeEvent.builder(PurgeEvent.Type.RESPONSE, "memory",
                clock.instant()).purgeId("p1").call(1, 1, 1).httpStatus(200).vendorReference("ref-7").build()));
        other.start();
        other.join();

        assertThat(listener.openObservations()).isEqualTo(1);
        assertThat(observations).hasObservationWithNameEqualTo("cdn.purge.call").that()
                .hasLowCardinalityKeyValue("outcome", "succeeded").hasLowCardinalityKeyValue("kind", "tag")
                .hasHighCardinalityKeyValue("vendor.reference", "ref-7").hasBeenStopped();
    }

    @Test
    void aPurgeThatNeverCompletesIsDroppedPastTheBoundAsUnknown() {
        MicrometerPurgeListener listener = MicrometerPurgeListener.builder(meters).observationRegistry(observations)
                .maxOpen(2).build();
        for (int purge = 1; purge <= 3; purge++) {
            listener.onEvent(PurgeEvent.builder(PurgeEvent.Type.PLANNED, "memory", clock.instant())
                    .purgeId("p" + purge).calls(1).items(1).build());
        }

        assertThat(listener.openObservations()).isEqualTo(2);
        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("cdn.purge", 3)
                .hasAnObservation(observation -> observation.hasHighCardinalityKeyValue("purge.id", "p1")
                        .hasLowCardinalityKeyValue("outcome", "unknown"));
    }

    @Test
    void aProviderSetByNameTagsItsClientsMeters() {
        MicrometerPurgeListener listener = MicrometerPurgeListener.builder(meters).provider("memory", "in-memory")
                .build();
        RecordingPurgeClient cdn = RecordingPurgeClient.create(PurgeConfig.empty(), ClientOptions.builder()
                .clock(clock).sleeper(clock.sleeper()).logging(false).listener(listener).build());
        clients.add(cdn);
        cdn.failNextAttempts(1, Failures.throttled(Duration.ofSeconds(1)));

        cdn.purge(PurgeRequest.ofUrls(urls(1)));

        assertThat(meters.get("cdn.purge.throttled").tags("client", "memory", "provider", "in-memory").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void theNoopRegistryIsTheDefault() {
        assertThat(MicrometerPurgeListener.builder(meters).build().toString()).contains("counters only");
        assertThat(ObservationRegistry.NOOP.isNoop()).isTrue();
    }
}
