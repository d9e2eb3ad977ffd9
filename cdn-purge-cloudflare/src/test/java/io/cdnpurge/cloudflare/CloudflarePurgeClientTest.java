package io.cdnpurge.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.fakes.cloudflare.CloudflarePurgeCall;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudflarePurgeClientTest {
    private static final String TOKEN = "cf-test-token-5b2e8a1c9d";
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String OTHER_ZONE = "9a7806061c88ada191ed06f989cc3dac";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeClock clock = new FakeClock();
    private final List<PurgeClient> clients = new ArrayList<>();
    private FakeCloudflareApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeCloudflareApi.start().apiToken(TOKEN).zone(ZONE, "example.com").zone(OTHER_ZONE, "example.org");
    }

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private PurgeClient client(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("cloudflare.apiToken", TOKEN);
        values.put("cloudflare.zoneId", ZONE);
        values.put("cloudflare.endpoint", fake.endpoint());
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
        ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false)
                .random(new java.util.Random(7)).build();
        PurgeClient client = CdnPurge.client("cloudflare", config, options);
        clients.add(client);
        return client;
    }

    private static List<String> urls(int count) {
        return IntStream.range(0, count).mapToObj(i -> "https://www.example.com/articles/" + i)
                .collect(Collectors.toList());
    }

    @Test
    void discoveryListsCloudflareAndMemory() {
        assertThat(CdnPurge.providers()).contains("cloudflare", "memory");
    }

    @Test
    void aThousandUrlsGoOutInThirtyFourCallsOnTheDefaultPlan() {
        PurgeClient client = client();
        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(1_000)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.stats().calls()).isEqualTo(34);
        assertThat(fake.purgeCalls()).hasSize(34)
                .allSatisfy(call -> assertThat(call.items()).hasSizeLessThanOrEqualTo(30));
        assertThat(fake.purgedUrls()).containsExactlyInAnyOrderElementsOf(urls(1_000));
        assertThat(result.vendorReferences()).hasSize(34);
        // each outcome keeps the cf-ray of the answer that carried it, for Cloudflare support
        assertThat(result.outcomes()).extracting(outcome -> outcome.requestId().orElseThrow())
                .containsOnlyElementsOf(fake.purgeCalls().stream().map(call -> call.rayId()).toList());
    }

    @Test
    void aThousandUrlsGoOutInTwoCallsOnTheEnterprisePlan() {
        fake.enterprise();
        PurgeClient client = client("cloudflare.plan", "enterprise");
        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(1_000)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.purgeCalls()).hasSize(2)
                .allSatisfy(call -> assertThat(call.items()).hasSize(500));
    }

    @Test
    void mixedKindsBecomeOneCallPerKind() {
        PurgeClient client = client();
        PurgeRequest request = PurgeRequest.builder()
                .url("https://www.example.com/a").url("https://www.example.com/b")
                .tag("article-42").tag("front-page")
                .host("www.example.com")
                .prefix("https://www.example.com/assets/")
                .build();
        PurgeResult result = client.purge(request);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.purgeCalls()).extracting(CloudflarePurgeCall::kind)
                .containsExactlyInAnyOrder("files", "tags", "hosts", "prefixes");
        assertThat(fake.purgeCalls()).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
    }

    @Test
    void theRequestIsExactlyCloudflaresPurgeCall() throws Exception {
        client().purge(PurgeRequest.builder().url("https://www.example.com/search?q=a&b=c%3E").build());

        CloudflarePurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.zoneId()).isEqualTo(ZONE);
        assertThat(call.authScheme()).isEqualTo("bearer");
        assertThat(header(call, "Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(header(call, "Content-Type")).startsWith("application/json");
        assertThat(header(call, "User-Agent")).startsWith("cdn-purge/");
        assertThat(call.body()).isEqualTo("{\"files\":[\"https://www.example.com/search?q=a&b=c%3E\"]}");
        assertThat(JSON.readTree(call.body()).path("files").get(0).asText())
                .isEqualTo("https://www.example.com/search?q=a&b=c%3E");
    }

    private static String header(CloudflarePurgeCall call, String name) {
        return call.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst().orElse(null);
    }

    @Test
    void urlsWithCacheKeyHeadersAreSentAsObjects() throws Exception {
        client().purge(PurgeRequest.builder()
                .url("https://www.example.com/", Map.of("CF-IPCountry", "US", "CF-Device-Type", "mobile"))
                .url("https://www.example.com/plain")
                .build());

        JsonNode files = JSON.readTree(fake.purgeCalls().get(0).body()).path("files");
        assertThat(files.get(0).path("url").asText()).isEqualTo("https://www.example.com/");
        assertThat(files.get(0).path("headers").path("CF-IPCountry").asText()).isEqualTo("US");
        assertThat(files.get(1).path("url").asText()).isEqualTo("https://www.example.com/plain");
        assertThat(files.get(1).has("headers")).isFalse();
    }

    @Test
    void prefixesAreSentWithoutTheirScheme() throws Exception {
        client().purge(PurgeRequest.builder().prefix("https://www.example.com/assets/").build());

        assertThat(JSON.readTree(fake.purgeCalls().get(0).body()).path("prefixes").get(0).asText())
                .isEqualTo("www.example.com/assets/");
    }

    @Test
    void purgeEverythingSendsTheFlagAlone() {
        client().purge(PurgeRequest.builder().everything().build());

        assertThat(fake.purgeCalls().get(0).body()).isEqualTo("{\"purge_everything\":true}");
    }

    @Test
    void aThrottledCallIsRetriedAfterRetryAfterOnTheInjectedClock() {
        PurgeClient client = client();
        fake.throttleNext(1, Duration.ofSeconds(2));
        PurgeResult result = client.purge(PurgeRequest.builder().tag("article-42").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(fake.purgeCalls()).extracting(CloudflarePurgeCall::status).containsExactly(429, 200);
        assertThat(result.stats().throttled()).isEqualTo(1);
    }

    @Test
    void successFalseWithHttp200FailsExactlyThatCallsTargets() {
        PurgeClient client = client("cloudflare.concurrency", "1");
        fake.successFalseNext(1, 1016, "One or more cache purge errors");
        List<String> urls = urls(31);
        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.outcomes().subList(0, 30))
                .allSatisfy(outcome -> assertThat(outcome.status()).isEqualTo(TargetOutcome.Status.FAILED));
        assertThat(result.outcomes().get(30).status()).isEqualTo(TargetOutcome.Status.SUCCEEDED);
        PurgeServiceException error = (PurgeServiceException) result.failures().get(0).error().orElseThrow();
        assertThat(error.httpStatus()).isEqualTo(200);
        assertThat(error.vendorCode()).contains("1016");
        assertThat(error.requestId()).isPresent();
        assertThat(fake.purgeCalls()).hasSize(2);
    }

    @Test
    void aPermanent400IsNotRetried() {
        PurgeClient client = client();
        fake.failNext(1, 400, 1012, "Request must contain one of \"purge_everything\" or \"files\"");
        PurgeResult result = client.purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures().get(0).error().orElseThrow().retryable()).isFalse();
        assertThat(fake.purgeCalls()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void anAuthenticationErrorSaysTheTokenNeedsCachePurge() {
        PurgeClient client = client();
        fake.failNext(1, 403, 10000, "Authentication error");
        PurgeResult result = client.purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.failures().get(0).error().orElseThrow())
                .isInstanceOf(PurgeAuthenticationException.class)
                .hasMessageContaining("Cache Purge")
                .hasMessageContaining("10000");
    }

    @Test
    void anUnknownZoneIdIsNamedInTheError() {
        PurgeClient client = client("cloudflare.zoneId", "ffffffffffffffffffffffffffffffff");
        PurgeResult result = client.purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.failures().get(0).error().orElseThrow())
                .hasMessageContaining("7003")
                .hasMessageContaining("ffffffffffffffffffffffffffffffff")
                .hasMessageContaining("cloudflare.zoneId");
    }

    @Test
    void theLegacyEmailAndGlobalKeyAreSentAsXAuthHeaders() {
        fake.legacyKey("ops@example.com", "legacy-global-key-123");
        PurgeClient client = client("cloudflare.apiToken", null, "cloudflare.email", "ops@example.com",
                "cloudflare.globalKey", "legacy-global-key-123");
        PurgeResult result = client.purge(PurgeRequest.builder().tag("t").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        CloudflarePurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.authScheme()).isEqualTo("legacy");
        assertThat(header(call, "X-Auth-Email")).isEqualTo("ops@example.com");
        assertThat(header(call, "X-Auth-Key")).isEqualTo("legacy-global-key-123");
    }

    @Test
    void theTokenComesFromCloudflareApiTokenInTheEnvironment() {
        Map<String, String> values = Map.of("cloudflare.zoneId", ZONE, "cloudflare.endpoint", fake.endpoint());
        PurgeClient client = client(PurgeConfig.fromMap(values).withEnvironment(Map.of("CLOUDFLARE_API_TOKEN", TOKEN)));

        assertThat(client.purge(PurgeRequest.builder().tag("t").build()).status())
                .isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void zonesAreLookedUpByHostNameOnceAndCached() {
        PurgeClient client = client("cloudflare.zoneId", null);
        client.purge(PurgeRequest.builder().url("https://www.example.org/a").build());
        client.purge(PurgeRequest.builder().url("https://www.example.org/b").build());

        assertThat(fake.purgeCalls()).extracting(CloudflarePurgeCall::zoneId).containsExactly(OTHER_ZONE, OTHER_ZONE);
        // www.example.org is not a zone, example.org is: two look-ups the first time, none the second
        assertThat(fake.zoneLookups()).isEqualTo(2);
    }

    @Test
    void urlsOfHostsInDifferentZonesGoToTheirOwnZones() {
        PurgeClient client = client("cloudflare.zoneId", null,
                "cloudflare.zones", "example.com=" + ZONE + ",www.example.org=" + OTHER_ZONE);
        PurgeResult result = client.purge(PurgeRequest.builder()
                .url("https://www.example.com/a").url("https://www.example.org/b").url("https://cdn.example.com/c")
                .build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.purgeCalls()).extracting(CloudflarePurgeCall::zoneId)
                .containsExactlyInAnyOrder(ZONE, OTHER_ZONE);
        assertThat(fake.zoneLookups()).isZero();
    }

    @Test
    void aTagWithoutADefaultZoneIsRefusedBeforeAnyRequest() {
        PurgeClient client = client("cloudflare.zoneId", null);

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().tag("article-42").build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("article-42")
                .hasMessageContaining("cloudflare.zoneId");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aCpCodeIsUnsupportedAndRefusedBeforeAnyRequest() {
        PurgeClient client = client();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().url("https://www.example.com/").cpCode(12345)
                .build()))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining("12345")
                .hasMessageContaining("cp code")
                .hasMessageContaining("url, prefix, tag, host, everything");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void badTargetsAreRefusedNamingTheInputBeforeAnyRequest() {
        client();
        assertThatThrownBy(() -> PurgeRequest.builder().url("/news/42"))
                .isInstanceOf(InvalidPurgeRequestException.class).hasMessageContaining("'/news/42'")
                .hasMessageContaining("not absolute");
        assertThatThrownBy(() -> PurgeRequest.builder().url("https://www.example.com/a\r\nX-Injected: 1"))
                .isInstanceOf(InvalidPurgeRequestException.class).hasMessageContaining("CR");
        assertThatThrownBy(() -> PurgeRequest.builder().tag("two words"))
                .isInstanceOf(InvalidPurgeRequestException.class).hasMessageContaining("'two words'")
                .hasMessageContaining("space");
        assertThatThrownBy(() -> PurgeRequest.builder().tag("bell\u0007"))
                .isInstanceOf(InvalidPurgeRequestException.class).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> PurgeRequest.builder().build())
                .isInstanceOf(InvalidPurgeRequestException.class).hasMessageContaining("no targets");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aPlanSendsNothingAndShowsTheCalls() {
        PurgeClient client = client();
        PurgePlan plan = client.plan(PurgeRequest.builder().urls(urls(61)).url("https://www.example.com/articles/0")
                .build());

        assertThat(plan.calls()).hasSize(3);
        assertThat(plan.minimumCalls()).isEqualTo(3);
        assertThat(plan.duplicatesRemoved()).isEqualTo(1);
        assertThat(plan.calls().get(0).description()).isEqualTo("POST /zones/" + ZONE + "/purge_cache files×30");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> client("cloudflare.apiToken", null, "cloudflare.plan", "gold",
                "cloudflare.urlsPerCall", "0", "cloudflare.zoneID", "x", "cloudflare.maxAttempts", "none"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cloudflare.apiToken")
                .hasMessageContaining("cloudflare.plan")
                .hasMessageContaining("cloudflare.urlsPerCall")
                .hasMessageContaining("cloudflare.zoneID")
                .hasMessageContaining("cloudflare.maxAttempts")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems()).hasSize(5));
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefused() {
        assertThatThrownBy(() -> client("cloudflare.endpoint", "http://api.example.net/client/v4"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cloudflare.endpoint")
                .hasMessageContaining("allowInsecureEndpoint");
    }

    @Test
    void theTypedBuilderMakesTheSameCalls() {
        try (CloudflarePurgeClient client = CloudflarePurgeClient.builder()
                .apiToken(TOKEN).zoneId(ZONE).endpoint(fake.endpoint()).plan(CloudflarePlan.PRO)
                .options(ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build())
                .build()) {
            PurgeResult result = client.purge(PurgeRequest.builder().tag("a").build());
            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(client.capabilities().limit(PurgeTarget.Kind.URL).orElseThrow().maxItems()).isEqualTo(30);
            assertThat(client.toString()).doesNotContain(TOKEN);
        }
        assertThat(fake.purgeCalls()).hasSize(1);
    }

    @Test
    void theFreePlanPacesTagPurgesToFivePerMinuteAfterTheBurst() {
        PurgeClient client = client("cloudflare.itemsPerCall", "1", "cloudflare.concurrency", "1");
        List<String> tags = IntStream.range(0, 30).mapToObj(i -> "t" + i).collect(Collectors.toList());
        PurgeResult result = client.purge(PurgeRequest.builder().tags(tags).build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        // a burst of 25, then one every 12 s: five more calls need a minute of waiting, and no 429 came back
        assertThat(clock.slept()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
        assertThat(fake.purgeCalls()).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
    }

    @Test
    void aUrlWithAWildcardIsRefusedPointingToPrefix() {
        PurgeClient client = client();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().url("https://www.example.com/img/*").build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("https://www.example.com/img/*")
                .hasMessageContaining("prefix()");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aCredentialWithStrayCharactersIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> client("cloudflare.apiToken", "Bearer " + TOKEN))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cloudflare.apiToken")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void itemLimitsStayWithinCloudflaresPerPlanMaximum() {
        assertThatThrownBy(() -> client("cloudflare.itemsPerCall", "101", "cloudflare.urlsPerCall", "101"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("cloudflare.itemsPerCall").contains("1 to 100"))
                        .anySatisfy(p -> assertThat(p).contains("cloudflare.urlsPerCall").contains("1 to 100")));
        assertThat(client("cloudflare.plan", "enterprise", "cloudflare.urlsPerCall", "500").capabilities()
                .limit(PurgeTarget.Kind.URL).orElseThrow().maxItems()).isEqualTo(500);
    }

    @Test
    void siblingHostsOfOneZoneShareItsLookUp() {
        PurgeClient client = client("cloudflare.zoneId", null);
        client.purge(PurgeRequest.builder().url("https://www.example.org/a").build());
        client.purge(PurgeRequest.builder().url("https://cdn.example.org/b").build());

        // www.example.org (none), example.org (found); then cdn.example.org (none) and example.org from the cache
        assertThat(fake.zoneLookups()).isEqualTo(3);
        assertThat(fake.purgeCalls()).extracting(CloudflarePurgeCall::zoneId).containsExactly(OTHER_ZONE, OTHER_ZONE);
    }

    @Test
    void aZoneIdThatIsNotOneIsAConfigurationError() {
        assertThatThrownBy(() -> client("cloudflare.zoneId", ".."))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cloudflare.zoneId is not a zone id");
        assertThatThrownBy(() -> client("cloudflare.zones", "www.example.net=../../accounts"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cloudflare.zones entry");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aLookedUpZoneIdThatIsNotOneNeverBecomesAPathSegment() {
        fake.zone("..", "example.net");

        PurgeResult result = client("cloudflare.zoneId", null)
                .purge(PurgeRequest.builder().url("https://www.example.net/a.css").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures().get(0).error().orElseThrow()).hasMessageContaining("not a zone id");
        assertThat(fake.purgeCalls()).isEmpty();
    }

    @Test
    void aNonAsciiUrlIsSentPercentEncodedAsUtf8() {
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://www.example.com/café").build());

        assertThat(result.failures()).isEmpty();
        assertThat(fake.purgedUrls()).containsExactly("https://www.example.com/caf%C3%A9");
    }
}
