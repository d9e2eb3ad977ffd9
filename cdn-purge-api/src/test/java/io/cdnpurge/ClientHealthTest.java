package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cdnpurge.EngineHarness.urls;
import static org.assertj.core.api.Assertions.assertThat;

/** What a client tells of itself without asking the vendor: breaker, requests in flight, last request, headroom. */
class ClientHealthTest {
    private static final String SECRET = "tok-9c1e5d2b7a";

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private PurgeClient client(Map<String, ?> keys) {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(1))
                .rateLimit(RateLimit.requests("purge", 1, Duration.ofSeconds(1), 5)).build());
        harness.backend.secrets(SECRET);
        return harness.client(keys);
    }

    @Test
    void aNewClientIsClosedWithItsWholeBurstAndAPurgeSpendsIt() {
        PurgeClient client = client(Map.of("concurrency", 1));
        assertThat(client.health()).singleElement().satisfies(health -> {
            assertThat(health.client()).isEqualTo("test");
            assertThat(health.breaker()).isEqualTo(ClientHealth.Breaker.CLOSED);
            assertThat(health.up()).isTrue();
            assertThat(health.requestsInFlight()).isZero();
            assertThat(health.lastRequestAt()).isEmpty();
            assertThat(health.rateHeadroom()).containsExactly(Map.entry("purge", 5L));
        });

        client.purge(PurgeRequest.ofUrls(urls(3)));

        ClientHealth after = client.health().get(0);
        assertThat(after.rateHeadroom()).containsEntry("purge", 2L);
        assertThat(after.lastRequestAt()).contains(java.time.Instant.ofEpochMilli(harness.clock.millis()));
        assertThat(after.lastFailure()).isEmpty();
    }

    @Test
    void aRequestUnderWayIsCountedInFlight() {
        AtomicInteger seen = new AtomicInteger(-1);
        PurgeClient client = client(Map.of());
        // the vendor looks at the client's health while it answers
        harness.backend.failWhen(batch -> {
            seen.set(client.health().get(0).requestsInFlight());
            return false;
        }, () -> new IllegalStateException("never"));

        client.purge(PurgeRequest.ofUrls(urls(1)));

        assertThat(seen).hasValue(1);
        assertThat(client.health().get(0).requestsInFlight()).isZero();
    }

    @Test
    void theBreakerOpensAfterFailuresThenHalfOpensAndTheLastFailureIsToldWithoutSecrets() {
        PurgeClient client = client(Map.of("circuitBreaker.failures", 2, "circuitBreaker.delay", "30s",
                "maxAttempts", 1, "concurrency", 1, "rateLimit.enabled", false));
        harness.backend.failWhen(batch -> true, () -> new PurgeServiceException("test answered HTTP 503 for token "
                + SECRET, 503, null, null, true, null));

        client.purge(PurgeRequest.ofUrls(urls(3)));

        ClientHealth open = client.health().get(0);
        assertThat(open.breaker()).isEqualTo(ClientHealth.Breaker.OPEN);
        assertThat(open.up()).isFalse();
        assertThat(open.lastFailure()).hasValueSatisfying(failure -> assertThat(failure).contains("HTTP 503")
                .doesNotContain(SECRET));
        assertThat(open.toString()).doesNotContain(SECRET);

        harness.clock.advance(Duration.ofSeconds(30));
        assertThat(client.health().get(0).breaker()).isEqualTo(ClientHealth.Breaker.HALF_OPEN);
    }

    @Test
    void aRouterTellsEachClientUnderItsNameAndABreakerCanBeOff() {
        PurgeClient off = client(Map.of("circuitBreaker.enabled", false));
        try (PurgeRouter router = PurgeRouter.builder().client("edge-a", off)
                .route(Route.host("www.example.com").to("edge-a")).build()) {
            assertThat(router.health()).singleElement().satisfies(health -> {
                assertThat(health.client()).isEqualTo("edge-a");
                assertThat(health.providerId()).isEqualTo("test");
                assertThat(health.breaker()).isEqualTo(ClientHealth.Breaker.DISABLED);
            });
        }
    }
}
