package io.cdnpurge.cloudflare;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeUnavailableException;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cloudflare through the engine: zone look-ups are vendor requests like any other; a failing API is given a rest. */
class CloudflareEngineTest {
    private static final String TOKEN = "cf-engine-token-0123456789abcdef";
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    private final FakeClock clock = new FakeClock();
    private final List<PurgeEvent> events = new CopyOnWriteArrayList<>();
    private final List<PurgeClient> clients = new ArrayList<>();
    private FakeCloudflareApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeCloudflareApi.start().apiToken(TOKEN).zone(ZONE, "example.com");
    }

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private PurgeClient client(Map<String, String> keys) {
        Map<String, String> values = new HashMap<>(Map.of("cloudflare.apiToken", TOKEN,
                "cloudflare.endpoint", fake.endpoint()));
        values.putAll(keys);
        PurgeClient client = CdnPurge.client("cloudflare", PurgeConfig.fromMap(values).withEnvironment(Map.of()),
                ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).listener(events::add)
                        .random(new Random(7)).build());
        clients.add(client);
        return client;
    }

    private static List<String> urls(int count) {
        return IntStream.range(0, count).mapToObj(i -> "https://www.example.com/articles/" + i)
                .collect(Collectors.toList());
    }

    @Test
    void aPlanOfAHundredUrlsOnAHostWhoseZoneIsUnknownSendsNothing() {
        PurgePlan plan = client(Map.of()).plan(PurgeRequest.ofUrls(urls(100)));

        assertThat(fake.requestCount()).isZero();
        assertThat(plan.calls()).hasSize(4).allSatisfy(call -> {
            assertThat(call.scopeKnown()).isFalse();
            assertThat(call.description()).startsWith("POST /zones/{zone of www.example.com}/purge_cache files×");
        });
        assertThat(plan.notes()).singleElement().asString().contains("looked up from cloudflare when purging");
        System.out.printf("plan() of 100 URLs on an unknown host: %d requests, %d calls shown as %s%n",
                fake.requestCount(), plan.calls().size(), plan.calls().get(0).description());
    }

    @Test
    void aZoneLookUpAnswered503OnceIsRetriedCountedAndSeen() {
        fake.failNextLookUps(1, 503, 7010, "Service unavailable");

        PurgeResult result = client(Map.of()).purge(PurgeRequest.builder().url("https://www.example.com/a").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        // GET /zones?name=www.example.com (503, then none), GET /zones?name=example.com (found), the purge
        assertThat(fake.zoneLookups()).isEqualTo(3);
        assertThat(result.stats().requests()).isEqualTo(4);
        assertThat(result.stats().retries()).isEqualTo(1);
        assertThat(events).filteredOn(e -> e.purpose() == PurgeEvent.Purpose.LOOKUP)
                .extracting(e -> e.type() + " " + e.description().orElse(""))
                .containsExactly("REQUEST GET /zones?name=www.example.com", "RETRY GET /zones?name=www.example.com",
                        "REQUEST GET /zones?name=www.example.com", "RESPONSE GET /zones?name=www.example.com",
                        "REQUEST GET /zones?name=example.com", "RESPONSE GET /zones?name=example.com");
        System.out.printf("zone look-up answered 503 once: %s, %d requests (%d look-ups, %d purge), %d retry%n",
                result.status(), result.stats().requests(), fake.zoneLookups(), fake.purgeCalls().size(),
                result.stats().retries());
    }

    @Test
    void aVendorFailingEveryCallIsGivenARestByTheCircuitBreaker() {
        for (boolean breaker : new boolean[] {false, true}) {
            fake.close();
            fake = FakeCloudflareApi.start().apiToken(TOKEN).zone(ZONE, "example.com")
                    .failNext(100_000, 500, 1200, "Internal server error");
            FakeClock run = new FakeClock();
            long started = System.nanoTime();
            PurgeClient client = CdnPurge.client("cloudflare", PurgeConfig.fromMap(Map.of(
                    "cloudflare.apiToken", TOKEN, "cloudflare.zoneId", ZONE, "cloudflare.endpoint", fake.endpoint(),
                    "cloudflare.concurrency", "1", "cloudflare.circuitBreaker.enabled", String.valueOf(breaker)))
                    .withEnvironment(Map.of()), ClientOptions.builder().clock(run).sleeper(run.sleeper())
                    .logging(false).random(new Random(7)).build());
            clients.add(client);

            PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(3000)));

            assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
            if (breaker) {
                assertThat(fake.purgeCalls()).hasSize(5);
                assertThat(result.failures()).last().satisfies(outcome -> assertThat(outcome.error()).get()
                        .isInstanceOf(PurgeUnavailableException.class).extracting(Throwable::getMessage).asString()
                        .contains("cloudflare failed 5 requests in a row").contains("calls fail fast until"));
            } else {
                assertThat(fake.purgeCalls()).hasSize(500);
            }
            System.out.printf("3,000 URLs, Cloudflare answering 500 to everything, circuit breaker %s: %d requests, "
                            + "%d s on the client's clock (one call at a time), %d ms real%n", breaker ? "on" : "off",
                    fake.purgeCalls().size(), run.slept().toSeconds(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    @Test
    void aForbiddenPurgeSaysWhyInItsText() {
        fake.failNext(1, 403, 10000, "Authentication error");

        PurgeResult result = client(Map.of("cloudflare.zoneId", ZONE))
                .purge(PurgeRequest.builder().url("https://www.example.com/a").build());

        assertThat(result.toString()).contains("1 FAILED: authentication — cloudflare answered HTTP 403 (code 10000)")
                .contains("Check cloudflare.apiToken").doesNotContain(TOKEN);
        System.out.println("403 result: " + result);
    }
}
