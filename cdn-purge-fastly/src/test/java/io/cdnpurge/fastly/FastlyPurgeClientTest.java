package io.cdnpurge.fastly;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import io.cdnpurge.fakes.fastly.FastlyPurgeCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FastlyPurgeClientTest {
    private static final String TOKEN = "fastly-test-token-5b2e8a1c9d";
    private static final String SERVICE = "SU1Z0isxPaozGVKXdv0eY";
    private static final String OTHER_SERVICE = "7i6HN3TK9wS159v2gPAZ8A";

    private final FakeClock clock = new FakeClock();
    private final List<PurgeClient> clients = new ArrayList<>();
    private FakeFastlyApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeFastlyApi.start().apiToken(TOKEN).clock(clock)
                .service(SERVICE, "www.example.com", "cdn.example.com")
                .service(OTHER_SERVICE, "www.example.org");
    }

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private PurgeClient client(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("fastly.apiToken", TOKEN);
        values.put("fastly.serviceId", SERVICE);
        values.put("fastly.endpoint", fake.endpoint());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                values.remove(keyValues[i]);
            } else {
                values.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return client(PurgeConfig.fromMap(values).withEnvironment(Map.of()));
    }

    private PurgeClient client(PurgeConfig config) {
        PurgeClient client = CdnPurge.client("fastly", config, options());
        clients.add(client);
        return client;
    }

    private ClientOptions options() {
        return ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false)
                .random(new java.util.Random(7)).build();
    }

    private static List<String> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> "product-" + i).collect(Collectors.toList());
    }

    private static PurgeException error(PurgeResult result) {
        return result.failures().get(0).error().orElseThrow();
    }

    // ---- discovery and shape of the calls ----

    @Test
    void discoveryListsFastly() {
        assertThat(CdnPurge.providers()).contains("fastly");
        assertThat(CdnPurge.provider("fastly").capabilities().kinds())
                .containsExactlyInAnyOrder(PurgeTarget.Kind.URL, PurgeTarget.Kind.TAG, PurgeTarget.Kind.EVERYTHING);
    }

    @Test
    void aThousandSurrogateKeysGoOutInExactlyFourCallsEachKeyWithItsOwnPurgeId() {
        PurgeResult result = client("fastly.concurrency", "1").purge(PurgeRequest.builder().tags(keys(1_000)).build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.purgeCalls()).extracting(call -> call.keys().size()).containsExactly(256, 256, 256, 232);
        assertThat(fake.purgedKeys()).containsExactlyElementsOf(keys(1_000));
        Map<String, String> ids = new HashMap<>();
        fake.purgeCalls().forEach(call -> ids.putAll(call.purgeIds()));
        assertThat(result.outcomes()).hasSize(1_000).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(TargetOutcome.Status.SUCCEEDED);
            assertThat(outcome.vendorReference()).hasValue(ids.get(outcome.target().value()));
        });
        assertThat(result.vendorReferences()).hasSize(1_000).doesNotHaveDuplicates();
    }

    @Test
    void aUrlPurgeIsExactlyFastlysCall() {
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://www.example.com/news/42").build());

        FastlyPurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/purge/www.example.com/news/42");
        assertThat(call.header("Fastly-Key")).hasValue(TOKEN);
        assertThat(call.header("Accept")).hasValue("application/json");
        assertThat(call.header("User-Agent")).hasValueSatisfying(agent -> assertThat(agent).startsWith("cdn-purge/"));
        assertThat(call.header("Content-Type")).isEmpty();
        assertThat(call.body()).isEmpty();
        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.outcomes().get(0).vendorReference()).hasValue(call.purgeIds().values().iterator().next());
    }

    @Test
    void aKeyPurgeSendsTheKeysInAJsonBodyToTheBulkEndpoint() {
        client().purge(PurgeRequest.builder().tag("article-42").tag("front-page").build());

        FastlyPurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.path()).isEqualTo("/service/" + SERVICE + "/purge");
        assertThat(call.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(call.body()).isEqualTo("{\"surrogate_keys\":[\"article-42\",\"front-page\"]}");
    }

    @Test
    void aKeyWithASlashGoesInTheJsonBodyNeverInThePath() {
        PurgeResult result = client().purge(PurgeRequest.builder().tag("a/b//c").build());

        FastlyPurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.path()).isEqualTo("/service/" + SERVICE + "/purge");
        assertThat(call.body()).isEqualTo("{\"surrogate_keys\":[\"a/b//c\"]}");
        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void aUrlWithAnEncodedSpaceAndAQueryIsSentWithoutDoubleEncoding() {
        client().purge(PurgeRequest.builder().url("https://www.example.com/a%20b/c.css?v=1").build());

        assertThat(fake.purgeCalls().get(0).path()).isEqualTo("/purge/www.example.com/a%20b/c.css?v=1");
    }

    @Test
    void theRootAndATrailingSlashAreKept() {
        client().purge(PurgeRequest.builder().url("https://www.example.com").url("https://www.example.com/news/")
                .build());

        assertThat(fake.purgeCalls()).extracting(FastlyPurgeCall::path)
                .containsExactlyInAnyOrder("/purge/www.example.com/", "/purge/www.example.com/news/");
    }

    // ---- soft and hard purges ----

    @Test
    void invalidateIsASoftPurgeOfUrlsAndKeys() {
        client().purge(PurgeRequest.builder().url("https://www.example.com/a.css").tag("t").build());

        assertThat(fake.purgeCalls()).hasSize(2)
                .allSatisfy(call -> assertThat(call.header("Fastly-Soft-Purge")).hasValue("1"));
    }

    @Test
    void deleteIsAHardPurgeOfUrlsAndKeys() {
        client().purge(PurgeRequest.builder().url("https://www.example.com/a.css").tag("t").mode(PurgeMode.DELETE)
                .build());

        assertThat(fake.purgeCalls()).hasSize(2).allSatisfy(call -> assertThat(call.soft()).isFalse());
    }

    @Test
    void purgeAllWithDeleteWorks() {
        PurgeResult result = client().purge(PurgeRequest.builder().everything().mode(PurgeMode.DELETE).build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        FastlyPurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.path()).isEqualTo("/service/" + SERVICE + "/purge_all");
        assertThat(call.soft()).isFalse();
        assertThat(fake.purgeAllCount()).isEqualTo(1);
    }

    @Test
    void everythingWithInvalidateIsRefusedBeforeAnyRequestSayingWhatToDo() {
        PurgeClient client = client();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().everything().build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("cannot soft-purge a whole service")
                .hasMessageContaining("PurgeMode.DELETE")
                .hasMessageContaining("surrogate key");
        assertThat(fake.requestCount()).isZero();
    }

    // ---- errors ----

    @Test
    void aRejectedTokenNamesTheTokenKeyAndIsNotRetried() {
        PurgeResult result = client("fastly.apiToken", "revoked-token").purge(PurgeRequest.builder().tag("t").build());

        assertThat(error(result)).isInstanceOf(PurgeAuthenticationException.class)
                .hasMessageContaining("Provided credentials are missing or invalid")
                .hasMessageContaining("fastly.apiToken")
                .hasMessageContaining("FASTLY_API_TOKEN");
        assertThat(fake.purgeCalls()).hasSize(1);
    }

    @Test
    void aForbiddenPurgeAllNamesThePurgeAllScope() {
        fake.apiToken("select-only", "purge_select");
        PurgeResult result = client("fastly.apiToken", "select-only")
                .purge(PurgeRequest.builder().everything().mode(PurgeMode.DELETE).build());

        assertThat(error(result)).isInstanceOfSatisfying(PurgePermissionException.class, e -> {
            assertThat(e.permission()).isEqualTo("purge_all");
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e).hasMessageContaining("purge_all scope");
        });
        assertThat(fake.purgeCalls()).hasSize(1);
    }

    @Test
    void aForbiddenKeyPurgeNamesThePurgeSelectScope() {
        fake.apiToken("all-only", "purge_all");
        PurgeResult result = client("fastly.apiToken", "all-only").purge(PurgeRequest.builder().tag("t").build());

        assertThat(error(result)).isInstanceOfSatisfying(PurgePermissionException.class,
                e -> assertThat(e.permission()).isEqualTo("purge_select"));
    }

    @Test
    void aUrlOfAHostOnNoServiceNamesTheHostAsAConfigurationError() {
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://shop.example.net/a.css").build());

        PurgeException error = error(result);
        assertThat(error).hasMessageContaining("Cannot find service")
                .hasMessageContaining("'shop.example.net' is on no Fastly service");
        assertThat(error.retryable()).isFalse();
        assertThat(fake.purgeCalls()).hasSize(1);
    }

    @Test
    void anUnknownServiceNamesTheServiceIdAndItsKeys() {
        PurgeResult result = client("fastly.serviceId", "NoSuchService").purge(PurgeRequest.builder().tag("t")
                .build());

        assertThat(error(result)).hasMessageContaining("NoSuchService").hasMessageContaining("fastly.serviceId");
        assertThat(fake.purgeCalls()).hasSize(1);
    }

    @Test
    void aThrottledCallWaitsUntilFastlyRateLimitResetThenSucceeds() {
        fake.throttleNext(1, Duration.ofSeconds(7));
        PurgeResult result = client().purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(fake.purgeCalls()).extracting(FastlyPurgeCall::status).containsExactly(429, 200);
        assertThat(result.stats().throttled()).isEqualTo(1);
    }

    @Test
    void retryAfterWinsOverFastlyRateLimitResetWhenBothCome() {
        fake.failNext(1, 429, "{\"msg\":\"Too many requests\"}", Map.of("Retry-After", "2",
                "Fastly-RateLimit-Remaining", "0",
                "Fastly-RateLimit-Reset", String.valueOf(clock.instant().getEpochSecond() + 60)));
        PurgeResult result = client().purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a429WithoutRateLimitHeadersIsRetriedWithBackoff() {
        fake.failNext(1, 429, "{\"msg\":\"Too many requests\"}");
        PurgeResult result = client().purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(clock.sleeps()).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
    }

    @Test
    void aPurgeAllThatUsesTheLastWriteHoldsTheNextOneUntilTheReset() {
        fake.purgeAllLimit(1);
        // waiting an hour needs both the limiter's bound and the purge's deadline to allow it
        PurgeClient client = client("fastly.rateLimit.maxWait", "2h", "fastly.deadline", "2h");
        PurgeRequest everything = PurgeRequest.builder().everything().mode(PurgeMode.DELETE).build();

        client.purge(everything);
        client.purge(PurgeRequest.builder().url("https://www.example.com/a.css").build());
        assertThat(clock.sleeps()).isEmpty();
        PurgeResult second = client.purge(everything);

        assertThat(second.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(clock.sleeps()).containsExactly(Duration.ofHours(1));
        assertThat(fake.purgeCalls()).extracting(FastlyPurgeCall::status).containsExactly(200, 200, 200);
    }

    @Test
    void aBadRequestIsNotRetriedAndSaysWhoseBugItIs() {
        fake.failNext(1, 400, "{\"status\":\"fail\",\"reason\":\"Batch surrogate key request only supports up to "
                + "256 surrogate keys\"}");
        PurgeResult result = client().purge(PurgeRequest.builder().tag("t").build());

        assertThat(error(result)).hasMessageContaining("only supports up to 256").hasMessageContaining("bug in cdn-purge");
        assertThat(error(result).retryable()).isFalse();
        assertThat(fake.purgeCalls()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void jsonApiErrorsGiveTheirTitleDetailCodeAndId() {
        fake.failNext(1, 400, "{\"errors\":[{\"code\":\"bad_request\",\"detail\":\"Key too long\",\"id\":\"01HX\","
                + "\"status\":\"400\",\"title\":\"Bad request\"}]}");
        PurgeServiceException error = (PurgeServiceException) error(client().purge(PurgeRequest.builder().tag("t")
                .build()));

        assertThat(error).hasMessageContaining("Bad request (Key too long)");
        assertThat(error.vendorCode()).hasValue("bad_request");
        assertThat(error.requestId()).hasValue("01HX");
    }

    @Test
    void problemJsonErrorsGiveTheirTitleAndDetail() {
        fake.failNext(1, 400, "{\"title\":\"Invalid request\",\"detail\":\"Unsupported header\",\"status\":400}");

        assertThat(error(client().purge(PurgeRequest.builder().tag("t").build())))
                .hasMessageContaining("Invalid request (Unsupported header)");
    }

    // ---- targets and services ----

    @Test
    void aTagWithoutAnyServiceIsRefusedBeforeAnyRequestNamingServiceId() {
        PurgeClient client = client("fastly.serviceId", null);

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().tag("article-42").build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("article-42")
                .hasMessageContaining("fastly.serviceId");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void urlsNeedNoServiceBecauseFastlyRoutesThemByHost() {
        PurgeResult result = client("fastly.serviceId", null)
                .purge(PurgeRequest.builder().url("https://www.example.org/b.css").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.purgedUrls()).containsExactly("www.example.org/b.css");
    }

    @Test
    void theServiceMapGivesEachUrlItsServiceTheLongestNameWinning() {
        PurgeClient client = client("fastly.serviceId", null,
                "fastly.services", "example.com=" + SERVICE + ",www.example.org=" + OTHER_SERVICE
                        + ",cdn.example.com=CdnService");
        PurgePlan plan = client.plan(PurgeRequest.builder()
                .url("https://www.example.com/a").url("https://img.cdn.example.com/b")
                .url("https://www.example.org/c").url("https://elsewhere.net/d").build());

        assertThat(plan.calls()).extracting(PurgePlan.PlannedCall::scope)
                .containsExactly(SERVICE, "CdnService", OTHER_SERVICE, "elsewhere.net");
        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().tag("t").build()))
                .isInstanceOf(InvalidPurgeRequestException.class).hasMessageContaining("fastly.serviceId");
    }

    @Test
    void aSingleMappedServiceTakesKeysAndEverything() {
        PurgeClient client = client("fastly.serviceId", null, "fastly.services",
                "www.example.com=" + SERVICE + ",cdn.example.com=" + SERVICE);
        client.purge(PurgeRequest.builder().tag("t").build());

        assertThat(fake.purgeCalls().get(0).serviceId()).hasValue(SERVICE);
    }

    @Test
    void aUrlWithCacheKeyHeadersIsRefusedBeforeAnyRequest() {
        PurgeClient client = client();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder()
                .url("https://www.example.com/", Map.of("Accept-Language", "de")).build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("https://www.example.com/")
                .hasMessageContaining("without cache-key headers");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void prefixesAndHostsAreUnsupportedBeforeAnyRequest() {
        PurgeClient client = client();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().prefix("https://www.example.com/img/")
                .host("www.example.com").build()))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining("url, tag, everything")
                .hasMessageContaining("Surrogate-Key for the directory and purge that key")
                .hasMessageContaining("Surrogate-Key for the host and purge that key");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aPlanSendsNothingAndShowsFastlysCalls() {
        PurgePlan plan = client().plan(PurgeRequest.builder().url("https://www.example.com/a.css?v=2")
                .tags(keys(300)).build());

        assertThat(plan.calls()).extracting(PurgePlan.PlannedCall::description).containsExactly(
                "POST /purge/www.example.com/a.css?v=2 (soft)",
                "POST /service/" + SERVICE + "/purge surrogate_keys×256 (soft)",
                "POST /service/" + SERVICE + "/purge surrogate_keys×44 (soft)");
        assertThat(fake.requestCount()).isZero();
    }

    // ---- configuration ----

    @Test
    void theTokenComesFromFastlyApiTokenInTheEnvironment() {
        Map<String, String> values = Map.of("fastly.serviceId", SERVICE, "fastly.endpoint", fake.endpoint());
        PurgeClient client = client(PurgeConfig.fromMap(values).withEnvironment(Map.of("FASTLY_API_TOKEN", TOKEN)));

        assertThat(client.purge(PurgeRequest.builder().tag("t").build()).status())
                .isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.purgeCalls().get(0).header("Fastly-Key")).hasValue(TOKEN);
    }

    @Test
    void aMissingTokenNamesTheKeyAndTheVariable() {
        assertThatThrownBy(() -> client("fastly.apiToken", null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("fastly.apiToken")
                .hasMessageContaining("FASTLY_API_TOKEN");
    }

    @Test
    void anUnknownFastlyKeyIsReported() {
        assertThatThrownBy(() -> client("fastly.serviceID", SERVICE))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> assertThat(p).contains("unknown key fastly.serviceID")));
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> client("fastly.apiToken", null, "fastly.keysPerCall", "257",
                "fastly.services", "www.example.com", "fastly.purgeAll", "x", "fastly.maxAttempts", "none"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(5)
                        .anySatisfy(p -> assertThat(p).contains("fastly.apiToken"))
                        .anySatisfy(p -> assertThat(p).contains("fastly.keysPerCall").contains("1 to 256"))
                        .anySatisfy(p -> assertThat(p).contains("fastly.services"))
                        .anySatisfy(p -> assertThat(p).contains("fastly.purgeAll"))
                        .anySatisfy(p -> assertThat(p).contains("fastly.maxAttempts")));
    }

    @Test
    void theKeysPerCallSettingSplitsKeyPurges() {
        client("fastly.keysPerCall", "100").purge(PurgeRequest.builder().tags(keys(250)).build());

        assertThat(fake.purgeCalls()).extracting(call -> call.keys().size()).containsExactlyInAnyOrder(100, 100, 50);
    }

    @Test
    void aTokenWithStrayCharactersIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> client("fastly.apiToken", "Fastly-Key: " + TOKEN))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("fastly.apiToken")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void theTypedBuilderMakesTheSameCalls() {
        try (FastlyPurgeClient client = FastlyPurgeClient.builder()
                .apiToken(TOKEN).serviceId(SERVICE).service("www.example.org", OTHER_SERVICE).keysPerCall(2)
                .endpoint(fake.endpoint()).options(options())
                .build()) {
            PurgeResult result = client.purge(PurgeRequest.builder().tags(keys(3))
                    .url("https://www.example.org/a").build());
            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(client.capabilities().limit(PurgeTarget.Kind.TAG).orElseThrow().maxItems()).isEqualTo(2);
            assertThat(client.plan(PurgeRequest.builder().url("https://www.example.org/a").build()).calls().get(0)
                    .scope()).isEqualTo(OTHER_SERVICE);
            assertThat(client.toString()).doesNotContain(TOKEN);
        }
        assertThat(fake.purgeCalls()).hasSize(3);
    }

    @Test
    void noToStringShowsTheToken() {
        PurgeClient client = client();
        PurgeConfig config = PurgeConfig.fromMap(Map.of("fastly.apiToken", TOKEN));

        assertThat(client.toString()).doesNotContain(TOKEN);
        assertThat(io.cdnpurge.spi.ClientSettings.read("fastly", new FastlyPurgeProvider(), config).toString())
                .doesNotContain(TOKEN).contains("apiToken=****");
        assertThat(FastlyPurgeClient.builder().apiToken(TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    void aUrlClimbingOutOfItsPathIsPurgedAsTheUrlItResolvesToNeverAsAServicePurge() {
        PurgeResult result = client().purge(PurgeRequest.builder()
                .url("https://www.example.com/../../service/" + SERVICE + "/purge_all")
                .url("https://www.example.com/%2e%2e/%2E%2E/service/" + SERVICE + "/purge_all")
                .url("https://www.example.com/../www.example.org/x.html")
                .mode(PurgeMode.DELETE).build());

        assertThat(result.failures()).isEmpty();
        // the two spellings of one URL are one target; calls run concurrently, so in any order
        assertThat(fake.requestLines()).containsExactlyInAnyOrder(
                "POST /purge/www.example.com/service/" + SERVICE + "/purge_all",
                "POST /purge/www.example.com/www.example.org/x.html");
        assertThat(fake.purgeAllCount()).isZero();
    }

    @Test
    void aUrlWithAnEncodedSlashIsRefusedBeforeAnyRequest() {
        PurgeClient client = client();

        for (String url : List.of("https://www.example.com/..%2F..%2Fservice%2F" + SERVICE + "%2Fpurge_all",
                "https://www.example.com/a%2fb", "https://www.example.com/a%5C..%5Cb")) {
            assertThatThrownBy(() -> client.purge(PurgeRequest.builder().url(url).build()))
                    .isInstanceOf(InvalidPurgeRequestException.class)
                    .hasMessageContaining("encoded slash")
                    .hasMessageContaining("PurgeTarget.tag");
        }
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void anEncodedSlashInTheQueryIsSentAsItIs() {
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://www.example.com/a?next=%2Fb").build());

        assertThat(result.failures()).isEmpty();
        assertThat(fake.requestLines()).containsExactly("POST /purge/www.example.com/a?next=%2Fb");
    }

    @Test
    void anHtmlPageInsteadOfTheAcknowledgementIsNeverTakenForAPurge() {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < 25; i++) {
            request.url("https://www.example.com/page-" + i);
        }
        PurgeClient client = client("fastly.concurrency", "1");
        fake.answerNext(1, 200, Map.of("Content-Type", "text/html"), "<html>oops</html>");

        PurgeResult once = client.purge(request.build());

        assertThat(once.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.requestCount()).isEqualTo(26);
        System.out.printf("Fastly answering 200 <html>oops</html> once among 25 URL calls: %s, %d requests%n",
                once.status(), fake.requestCount());

        fake.answerNext(5, 200, Map.of("Content-Type", "text/html"), "<html>oops</html>");
        PurgeResult oneCallAlways = client.purge(PurgeRequest.builder().url("https://www.example.com/x").build());

        assertThat(oneCallAlways.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(oneCallAlways.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("'<html>oops</html>' (text/html)").contains("{\"status\":\"ok\",\"id\":…}");
        assertThat(fake.requestCount()).isEqualTo(31);
        System.out.printf("Fastly answering 200 <html>oops</html> to every attempt: %s after %d requests: %s%n",
                oneCallAlways.status(), fake.requestCount() - 26,
                oneCallAlways.failures().get(0).error().orElseThrow().getMessage());
    }
}
