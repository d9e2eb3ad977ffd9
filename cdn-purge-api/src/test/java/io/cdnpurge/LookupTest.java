package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Scopes only the vendor can tell are looked up by the engine, as vendor requests like any other. */
class LookupTest {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private void lookUpByHost() {
        harness.backend.lookups(target -> target.hostName().orElse(null), host -> "zone-of-" + host);
    }

    @Test
    void aPlanMakesNoLookUpAndShowsTheScopeAsUnknown() {
        lookUpByHost();
        PurgePlan plan = harness.client().plan(PurgeRequest.ofUrls(EngineHarness.urls(100)));

        assertThat(harness.backend.lookedUp()).isEmpty();
        assertThat(harness.listener.events()).isEmpty();
        assertThat(plan.calls()).hasSize(4).allSatisfy(call -> {
            assertThat(call.scopeKnown()).isFalse();
            assertThat(call.scope()).isEqualTo("{scope of www.example.com}");
        });
        assertThat(plan.notes()).singleElement().asString().contains("scope of www.example.com")
                .contains("looked up from test when purging").contains("sends no request");
    }

    @Test
    void aPurgeLooksEachKeyUpOnceAsACountedObservedRequest() {
        lookUpByHost();
        PurgeResult result = harness.client().purge(PurgeRequest.ofUrls(EngineHarness.urls(100)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.backend.lookedUp()).containsExactly("www.example.com");
        assertThat(result.stats().calls()).isEqualTo(4);
        assertThat(result.stats().requests()).isEqualTo(5);
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.scope()).hasValue("zone-of-www.example.com"));
        assertThat(harness.listener.events()).filteredOn(e -> e.purpose() == PurgeEvent.Purpose.LOOKUP)
                .extracting(PurgeEvent::type).containsExactly(PurgeEvent.Type.REQUEST, PurgeEvent.Type.RESPONSE);
    }

    @Test
    void aLookUpThatFailsOnceIsRetriedUnderTheSamePolicy() {
        AtomicInteger attempts = new AtomicInteger();
        harness.backend.lookups(target -> target.hostName().orElse(null), host -> {
            if (attempts.incrementAndGet() == 1) {
                throw new PurgeServiceException("test answered HTTP 503", 503, null, null, true, null);
            }
            return "zone-1";
        });

        PurgeResult result = harness.client().purge(PurgeRequest.builder().url("https://www.example.com/a").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(attempts).hasValue(2);
        assertThat(result.stats().requests()).isEqualTo(3);
        assertThat(result.stats().retries()).isEqualTo(1);
        assertThat(harness.listener.events()).filteredOn(e -> e.purpose() == PurgeEvent.Purpose.LOOKUP)
                .extracting(PurgeEvent::type).containsExactly(PurgeEvent.Type.REQUEST, PurgeEvent.Type.RETRY,
                        PurgeEvent.Type.REQUEST, PurgeEvent.Type.RESPONSE);
    }

    @Test
    void aLookUpThatFailsForGoodFailsOnlyItsOwnTargets() {
        harness.backend.lookups(target -> target.hostName().filter(h -> h.startsWith("bad")).orElse(null), host -> {
            throw new PurgeServiceException("no zone for " + host, 404, null, null, false, null);
        });

        PurgeResult result = harness.client().purge(PurgeRequest.builder().url("https://bad.example.com/a")
                .url("https://www.example.com/b").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(outcome -> {
            assertThat(outcome.target().value()).isEqualTo("https://bad.example.com/a");
            assertThat(outcome.error()).get().extracting(Throwable::getMessage).asString()
                    .contains("no zone for bad.example.com");
        });
    }

    @Test
    void targetsWhoseLookUpsFindOneScopeShareTheirCalls() {
        harness.backend.lookups(target -> target.hostName().orElse(null), host -> "zone-1");

        PurgeResult result = harness.client().purge(PurgeRequest.builder().url("https://a.example.com/1")
                .url("https://b.example.com/2").build());

        assertThat(harness.backend.lookedUp()).containsExactly("a.example.com", "b.example.com");
        assertThat(result.stats().calls()).isEqualTo(1);
        assertThat(harness.backend.batches()).singleElement()
                .satisfies(batch -> assertThat(batch.targets()).hasSize(2));
    }

    @Test
    void aLookUpIsPacedByTheLimitsOfQueriesNotByThoseOfPurges() {
        lookUpByHost();
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(30))
                .rateLimit(RateLimit.requests("purges", 1, java.time.Duration.ofMinutes(1), 1).forKinds(
                        PurgeTarget.Kind.URL))
                .rateLimit(RateLimit.requests("api", 1, java.time.Duration.ofSeconds(10), 1).queriesOnly())
                .build());

        PurgeClient client = harness.client();
        client.purge(PurgeRequest.builder().url("https://a.example.com/1").build());
        client.purge(PurgeRequest.builder().url("https://b.example.com/1").build());

        // the second look-up waits 10 s for the api limit; the second purge the rest of its minute, 50 s more
        assertThat(harness.sleeper.sleeps()).containsExactly(java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(50));
        assertThat(harness.backend.lookedUp()).isEqualTo(List.of("a.example.com", "b.example.com"));
        assertThat(harness.listener.ofType(PurgeEvent.Type.WAITING)).extracting(e -> e.detail().orElseThrow())
                .anySatisfy(detail -> assertThat(detail).contains("api")).anySatisfy(detail -> assertThat(detail)
                        .contains("purges"));
    }
}
