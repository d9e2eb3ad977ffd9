package io.cdnpurge.fakes.cloudflare;

import io.cdnpurge.testing.FakeClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeCloudflareApiTest {

    private static final String TOKEN = "test-token-0123456789abcdefghijklmnopqrstu";
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String EMAIL = "ops@example.com";
    private static final String GLOBAL_KEY = "c2547eb745079dac9320b638f5e225cf483cc5cfdda41";
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeCloudflareApi cloudflare = FakeCloudflareApi.start()
            .apiToken(TOKEN)
            .legacyKey(EMAIL, GLOBAL_KEY)
            .zone(ZONE, "example.com");
    // One attempt per call, so request counts and scripted answers line up exactly.
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    @AfterEach
    void stop() {
        cloudflare.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- success ----

    @Test
    void endpointIsTheV4BaseUrlOnTheLoopbackAddress() {
        assertThat(cloudflare.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+/client/v4");
    }

    @Test
    void aValidUrlPurgeGetsTheSuccessEnvelopeWithA32HexId() throws IOException {
        Reply reply = purge("{\"files\":[\"https://example.com/a.css\"]}");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("success").booleanValue()).isTrue();
        assertThat(reply.json.get("errors")).isEmpty();
        assertThat(reply.json.get("messages")).isEmpty();
        assertThat(reply.json.at("/result/id").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void eachSuccessfulPurgeGetsAFreshId() throws IOException {
        String first = purge("{\"purge_everything\":true}").json.at("/result/id").asText();
        String second = purge("{\"purge_everything\":true}").json.at("/result/id").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void everyResponseCarriesACfRayHeader() throws IOException {
        assertThat(purge("{\"purge_everything\":true}").cfRay).matches("[0-9a-f]{16}");
        assertThat(send(post("/zones/" + ZONE + "/purge_cache", "{}").build()).cfRay).matches("[0-9a-f]{16}");
        assertThat(send(get("/nowhere").build()).cfRay).matches("[0-9a-f]{16}");
    }

    @Test
    void theRecordedCallMatchesTheResponse() throws IOException {
        Reply reply = purge("{\"tags\":[\"product-42\"]}");

        CloudflarePurgeCall call = cloudflare.purgeCalls().get(0);
        assertThat(call.resultId()).hasValue(reply.json.at("/result/id").asText());
        assertThat(call.rayId()).isEqualTo(reply.cfRay);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.succeeded()).isTrue();
        assertThat(call.errorCodes()).isEmpty();
    }

    @Test
    void aPurgeCallRecordsWhatTheClientSent() throws IOException {
        String body = "{\"files\":[\"https://example.com/a.css\"]}";
        purge(body);

        CloudflarePurgeCall call = cloudflare.purgeCalls().get(0);
        assertThat(call.zoneId()).isEqualTo(ZONE);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.authScheme()).isEqualTo("bearer");
        assertThat(call.kind()).isEqualTo("files");
        assertThat(call.items()).containsExactly("https://example.com/a.css");
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.header("authorization")).hasValue("Bearer " + TOKEN);
        assertThat(call.headers()).containsKey("content-type");
    }

    @Test
    void urlFilesWithHeadersAreRecordedWithTheirHeaders() throws IOException {
        purge("{\"files\":[\"https://example.com/plain\","
                + "{\"url\":\"https://example.com/cat.jpg\","
                + "\"headers\":{\"CF-IPCountry\":\"US\",\"CF-Device-Type\":\"mobile\"}},"
                + "{\"url\":\"https://example.com/dog.jpg\"}]}");

        CloudflarePurgeCall call = cloudflare.purgeCalls().get(0);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.items()).containsExactly(
                "https://example.com/plain", "https://example.com/cat.jpg", "https://example.com/dog.jpg");
        assertThat(call.fileHeaders()).containsExactly(
                Map.of(), Map.of("CF-IPCountry", "US", "CF-Device-Type", "mobile"), Map.of());
    }

    @Test
    void purgedItemsListOnlySuccessfulCallsByKind() throws IOException {
        purge("{\"files\":[\"https://example.com/a\",\"https://example.com/b\"]}");
        purge("{\"tags\":[\"t1\"]}");
        purge("{\"hosts\":[\"images.example.com\"]}");
        purge("{\"prefixes\":[\"www.example.com/blog\"]}");
        purge("{\"purge_everything\":true}");
        purge("{\"files\":[\"relative/path\"]}");

        assertThat(cloudflare.purgedUrls()).containsExactly("https://example.com/a", "https://example.com/b");
        assertThat(cloudflare.purgedTags()).containsExactly("t1");
        assertThat(cloudflare.purgedHosts()).containsExactly("images.example.com");
        assertThat(cloudflare.purgedPrefixes()).containsExactly("www.example.com/blog");
        assertThat(cloudflare.purgeEverythingCount()).isEqualTo(1);
        assertThat(cloudflare.purgeCalls()).hasSize(6);
    }

    // ---- auth ----

    @Test
    void aRequestWithoutCredentialsGets400WithCode9106() throws IOException {
        Reply reply = send(post("/zones/" + ZONE + "/purge_cache", "{\"purge_everything\":true}").build());

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 9106);
        assertThat(reply.json.at("/errors/0/message").asText())
                .isEqualTo("Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        assertThat(cloudflare.purgeCalls().get(0).authScheme()).isEqualTo("none");
    }

    @Test
    void aWrongBearerTokenGets403WithCode10000() throws IOException {
        Reply reply = send(post("/zones/" + ZONE + "/purge_cache", "{\"purge_everything\":true}")
                .header("Authorization", "Bearer wrong").build());

        assertThat(reply.status).isEqualTo(403);
        assertFailureEnvelope(reply, 10000);
        assertThat(reply.json.at("/errors/0/message").asText()).isEqualTo("Authentication error");
    }

    @Test
    void theRegisteredLegacyKeyPairIsAccepted() throws IOException {
        Reply reply = send(post("/zones/" + ZONE + "/purge_cache", "{\"purge_everything\":true}")
                .header("X-Auth-Email", EMAIL).header("X-Auth-Key", GLOBAL_KEY).build());

        assertThat(reply.status).isEqualTo(200);
        assertThat(cloudflare.purgeCalls().get(0).authScheme()).isEqualTo("legacy");
    }

    @Test
    void aWrongLegacyKeyGets403WithCode10000() throws IOException {
        Reply reply = send(post("/zones/" + ZONE + "/purge_cache", "{\"purge_everything\":true}")
                .header("X-Auth-Email", EMAIL).header("X-Auth-Key", "0000").build());

        assertThat(reply.status).isEqualTo(403);
        assertFailureEnvelope(reply, 10000);
    }

    @Test
    void aLegacyKeyWithoutItsEmailGets400WithCode9106() throws IOException {
        Reply reply = send(post("/zones/" + ZONE + "/purge_cache", "{\"purge_everything\":true}")
                .header("X-Auth-Key", GLOBAL_KEY).build());

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 9106);
    }

    @Test
    void anApiTokenSentAsXAuthKeyGets400WithCode6003Chaining6103() throws IOException {
        Reply reply = send(post("/zones/" + ZONE + "/purge_cache", "{\"purge_everything\":true}")
                .header("X-Auth-Email", EMAIL).header("X-Auth-Key", TOKEN).build());

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 6003);
        assertThat(reply.json.at("/errors/0/error_chain/0/code").asInt()).isEqualTo(6103);
    }

    @Test
    void authIsCheckedBeforeTheZone() throws IOException {
        Reply reply = send(post("/zones/unknown/purge_cache", "{\"purge_everything\":true}").build());

        assertFailureEnvelope(reply, 9106);
    }

    // ---- routing ----

    @Test
    void anUnknownZoneGets400WithCode7003NamingThePath() throws IOException {
        Reply reply = send(authorized(post("/zones/ffffffffffffffffffffffffffffffff/purge_cache",
                "{\"purge_everything\":true}")));

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 7003);
        assertThat(reply.json.at("/errors/0/message").asText()).isEqualTo("Could not route to "
                + "/zones/ffffffffffffffffffffffffffffffff/purge_cache, perhaps your object identifier is invalid?");
    }

    @Test
    void deleteOnThePurgePathGets405AndIsRecorded() throws IOException {
        Reply reply = send(authorized(url("/zones/" + ZONE + "/purge_cache")
                .delete(RequestBody.create("{\"purge_everything\":true}", JSON_TYPE))));

        assertThat(reply.status).isEqualTo(405);
        assertThat(reply.json.get("success").booleanValue()).isFalse();
        assertThat(cloudflare.purgeCalls()).singleElement()
                .satisfies(call -> assertThat(call.method()).isEqualTo("DELETE"));
    }

    @Test
    void anUnknownRouteGets400WithCode7000() throws IOException {
        Reply reply = send(authorized(get("/zones/" + ZONE + "/settings")));

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 7000);
        assertThat(cloudflare.purgeCalls()).isEmpty();
    }

    // ---- body validation ----

    @Test
    void aBodyWithoutAPurgeKeyGets400WithCode1012() throws IOException {
        Reply reply = purge("{}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1012);
        assertThat(reply.json.at("/errors/0/message").asText()).isEqualTo("Request must contain one of "
                + "\"purge_everything\" or \"files\", or \"tags\", or \"hosts\" or \"prefixes\"");
        assertThat(cloudflare.purgeCalls().get(0).kind()).isEqualTo("invalid");
    }

    @Test
    void aBodyWithTwoPurgeKeysGets400WithCode1012() throws IOException {
        Reply reply = purge("{\"tags\":[\"a\"],\"purge_everything\":true}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1012);
        assertThat(cloudflare.purgeCalls().get(0).kind()).isEqualTo("invalid");
    }

    @Test
    void anUnexpectedKeyBesideThePurgeKeyGets400WithCode1012() throws IOException {
        Reply reply = purge("{\"tags\":[\"a\"],\"soft\":true}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1012);
    }

    @Test
    void aPurgeValueThatIsNotAnArrayGets400WithCode1014() throws IOException {
        Reply reply = purge("{\"files\":\"https://example.com/a.css\"}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1014);
    }

    @Test
    void purgeEverythingOtherThanTrueGets400WithCode1014() throws IOException {
        assertFailureEnvelope(purge("{\"purge_everything\":false}"), 1014);
        assertFailureEnvelope(purge("{\"purge_everything\":\"true\"}"), 1014);
    }

    @Test
    void aNonStringTagGets400WithCode1014() throws IOException {
        Reply reply = purge("{\"tags\":[42]}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1014);
    }

    @Test
    void anEmptyListGets400WithCode1012() throws IOException {
        Reply reply = purge("{\"hosts\":[]}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1012);
    }

    @Test
    void malformedJsonGets400WithCode6007() throws IOException {
        Reply reply = purge("{\"files\":[");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 6007);
        assertThat(cloudflare.purgeCalls().get(0).kind()).isEqualTo("invalid");
    }

    @Test
    void aDuplicatedKeyIsMalformedJson() throws IOException {
        assertFailureEnvelope(purge("{\"tags\":[\"a\"],\"tags\":[\"b\"]}"), 6007);
    }

    @Test
    void aBodyNotDeclaredAsJsonGets400WithCode6003Chaining6105() throws IOException {
        Reply reply = send(authorized(url("/zones/" + ZONE + "/purge_cache").post(
                RequestBody.create("{\"purge_everything\":true}", MediaType.get("text/plain")))));

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 6003);
        assertThat(reply.json.at("/errors/0/error_chain/0/code").asInt()).isEqualTo(6105);
    }

    @Test
    void thirtyUrlsPassByDefault() throws IOException {
        assertThat(purge(filesBody(30)).status).isEqualTo(200);
    }

    @Test
    void thirtyOneUrlsGet400WithCode1018StatingTheLimit() throws IOException {
        Reply reply = purge(filesBody(31));

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1018);
        assertThat(reply.json.at("/errors/0/message").asText()).contains("no more than 30 files");
        assertThat(cloudflare.purgeCalls().get(0).items()).hasSize(31);
    }

    @Test
    void enterpriseRaisesTheUrlLimitTo500() throws IOException {
        cloudflare.enterprise();

        assertThat(purge(filesBody(500)).status).isEqualTo(200);
        assertFailureEnvelope(purge(filesBody(501)), 1018);
    }

    @Test
    void theUrlLimitIsConfigurable() throws IOException {
        cloudflare.maxUrlsPerCall(2);

        assertFailureEnvelope(purge(filesBody(3)), 1018);
    }

    @Test
    void moreTagsThanMaxItemsPerCallGet400WithCode1018StatingTheLimit() throws IOException {
        String tags = IntStream.range(0, 101).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));

        Reply reply = purge("{\"tags\":[" + tags + "]}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1018);
        assertThat(reply.json.at("/errors/0/message").asText()).contains("no more than 100 tags");
    }

    @Test
    void theItemLimitIsConfigurable() throws IOException {
        cloudflare.maxItemsPerCall(1);

        assertFailureEnvelope(purge("{\"prefixes\":[\"example.com/a\",\"example.com/b\"]}"), 1018);
    }

    @Test
    void aRelativeUrlGets400WithCode1012NamingIt() throws IOException {
        Reply reply = purge("{\"files\":[\"/a.css\"]}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1012);
        assertThat(reply.json.at("/errors/0/message").asText()).contains("files[0]").contains("'/a.css'");
    }

    @Test
    void aNonHttpUrlGets400WithCode1012() throws IOException {
        assertFailureEnvelope(purge("{\"files\":[\"ftp://example.com/a.zip\"]}"), 1012);
    }

    @Test
    void aFileObjectWithNullHeadersGets400WithCode1012() throws IOException {
        Reply reply = purge("{\"files\":[{\"url\":\"https://example.com/a\",\"headers\":null}]}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1012);
        assertThat(reply.json.at("/errors/0/message").asText()).contains("files[0].headers");
    }

    @Test
    void aFileHeaderWithANullValueGets400WithCode1012() throws IOException {
        Reply reply = purge("{\"files\":[{\"url\":\"https://example.com/a\",\"headers\":{\"CF-IPCountry\":null}}]}");

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.json.at("/errors/0/message").asText()).contains("CF-IPCountry");
    }

    @Test
    void aFileObjectWithoutUrlGets400WithCode1012() throws IOException {
        assertFailureEnvelope(purge("{\"files\":[{\"headers\":{}}]}"), 1012);
    }

    @Test
    void aPrefixWithASchemeGets400WithCode1012NamingIt() throws IOException {
        Reply reply = purge("{\"prefixes\":[\"https://www.example.com/foo\"]}");

        assertThat(reply.status).isEqualTo(400);
        assertFailureEnvelope(reply, 1012);
        assertThat(reply.json.at("/errors/0/message").asText())
                .contains("scheme")
                .contains("https://www.example.com/foo");
    }

    @Test
    void aPrefixWithAQueryGets400WithCode1012() throws IOException {
        assertFailureEnvelope(purge("{\"prefixes\":[\"www.example.com/foo?x=1\"]}"), 1012);
    }

    @Test
    void aPrefixWithMoreThan31SeparatorsGets400() throws IOException {
        assertFailureEnvelope(purge("{\"prefixes\":[\"www.example.com" + "/a".repeat(32) + "\"]}"), 1012);
    }

    @Test
    void aHostWithASchemeGets400WithCode1012() throws IOException {
        assertFailureEnvelope(purge("{\"hosts\":[\"https://www.example.com\"]}"), 1012);
    }

    @Test
    void aTagWithASpaceGets200WithSuccessFalseAndCodes1315Then1016() throws IOException {
        Reply reply = purge("{\"tags\":[\"good\",\"has space\"]}");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("success").booleanValue()).isFalse();
        assertThat(reply.json.get("result").isNull()).isTrue();
        assertThat(codes(reply)).containsExactly(1315, 1016);
        assertThat(reply.json.at("/errors/1/message").asText()).isEqualTo("One or more cache purge errors");
        assertThat(cloudflare.purgedTags()).isEmpty();
    }

    @Test
    void aTagOutsidePrintableAsciiGets200WithSuccessFalse() throws IOException {
        Reply reply = purge("{\"tags\":[\"caf\u00e9\"]}");

        assertThat(reply.status).isEqualTo(200);
        assertThat(codes(reply)).containsExactly(1315, 1016);
    }

    @Test
    void aTagOf1024CharactersPasses() throws IOException {
        assertThat(purge("{\"tags\":[\"" + "t".repeat(1024) + "\"]}").status).isEqualTo(200);
    }

    @Test
    void aTagOf1025CharactersGets200WithSuccessFalseAndCodes1100Then1016() throws IOException {
        Reply reply = purge("{\"tags\":[\"" + "t".repeat(1025) + "\"]}");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("success").booleanValue()).isFalse();
        assertThat(codes(reply)).containsExactly(1100, 1016);
    }

    // ---- zone lookup ----

    @Test
    void zoneLookupReturnsTheExactNameMatchWithResultInfo() throws IOException {
        cloudflare.zone("99999999999999999999999999999999", "sub.example.com");

        Reply reply = send(authorized(get("/zones?name=example.com&status=active&per_page=50")));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("success").booleanValue()).isTrue();
        assertThat(reply.json.get("result")).hasSize(1);
        assertThat(reply.json.at("/result/0/id").asText()).isEqualTo(ZONE);
        assertThat(reply.json.at("/result/0/name").asText()).isEqualTo("example.com");
        assertThat(reply.json.at("/result/0/status").asText()).isEqualTo("active");
        assertThat(reply.json.at("/result_info/count").asInt()).isEqualTo(1);
        assertThat(reply.json.at("/result_info/total_count").asInt()).isEqualTo(1);
        assertThat(reply.json.at("/result_info/page").asInt()).isEqualTo(1);
    }

    @Test
    void zoneLookupForAnUnknownNameReturnsAnEmptyList() throws IOException {
        Reply reply = send(authorized(get("/zones?name=other.org")));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("result")).isEmpty();
        assertThat(reply.json.at("/result_info/total_count").asInt()).isZero();
    }

    @Test
    void zoneLookupChecksAuth() throws IOException {
        Reply reply = send(get("/zones?name=example.com").header("Authorization", "Bearer wrong").build());

        assertThat(reply.status).isEqualTo(403);
        assertFailureEnvelope(reply, 10000);
    }

    @Test
    void zoneLookupsAreCountedApartFromPurges() throws IOException {
        send(authorized(get("/zones?name=example.com")));
        purge("{\"purge_everything\":true}");

        assertThat(cloudflare.zoneLookups()).isEqualTo(1);
        assertThat(cloudflare.requestCount()).isEqualTo(2);
        assertThat(cloudflare.purgeCalls()).hasSize(1);
    }

    // ---- scripting ----

    @Test
    void throttleNextAnswers429WithRetryAfterInSeconds() throws IOException {
        cloudflare.throttleNext(1, Duration.ofSeconds(7));

        Reply reply = purge("{\"purge_everything\":true}");

        assertThat(reply.status).isEqualTo(429);
        assertThat(reply.retryAfter).isEqualTo("7");
        assertFailureEnvelope(reply, 971);
    }

    @Test
    void throttleNextRoundsAFractionalRetryAfterUp() throws IOException {
        cloudflare.throttleNext(1, Duration.ofMillis(1500));

        assertThat(purge("{\"purge_everything\":true}").retryAfter).isEqualTo("2");
    }

    @Test
    void scriptedAnswersAreConsumedInOrderThenTheFakeAnswersNormally() throws IOException {
        cloudflare.throttleNext(2, Duration.ofSeconds(1)).failNext(1, 503, 1000, "upstream down");

        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(429);
        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(429);
        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(503);
        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(200);
        assertThat(cloudflare.purgeCalls()).extracting(CloudflarePurgeCall::status).containsExactly(429, 429, 503, 200);
    }

    @Test
    void failNextAnswersTheGivenStatusAndError() throws IOException {
        cloudflare.failNext(1, 500, 1234, "internal");

        Reply reply = purge("{\"purge_everything\":true}");

        assertThat(reply.status).isEqualTo(500);
        assertFailureEnvelope(reply, 1234);
        assertThat(reply.json.at("/errors/0/message").asText()).isEqualTo("internal");
    }

    @Test
    void aScriptedAnswerReplacesValidationButTheCallIsStillRecorded() throws IOException {
        cloudflare.failNext(1, 502, 1000, "bad gateway");

        Reply reply = send(post("/zones/unknown/purge_cache", "not json").build());

        assertThat(reply.status).isEqualTo(502);
        assertThat(cloudflare.purgeCalls()).singleElement()
                .satisfies(call -> assertThat(call.errorCodes()).containsExactly(1000));
    }

    @Test
    void scriptedAnswersDoNotApplyToZoneLookups() throws IOException {
        cloudflare.failNext(1, 500, 1000, "down");

        assertThat(send(authorized(get("/zones?name=example.com"))).status).isEqualTo(200);
        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(500);
    }

    @Test
    void successFalseNextAnswers200WithSuccessFalse() throws IOException {
        cloudflare.successFalseNext(1, 1016, "One or more cache purge errors");

        Reply reply = purge("{\"purge_everything\":true}");

        assertThat(reply.status).isEqualTo(200);
        assertFailureEnvelope(reply, 1016);
        assertThat(cloudflare.purgeCalls().get(0).succeeded()).isFalse();
    }

    @Test
    void disconnectNextDropsTheConnectionSoTheClientGetsAnIoException() {
        cloudflare.disconnectNext(1);

        assertThatThrownBy(() -> purge("{\"purge_everything\":true}")).isInstanceOf(IOException.class);
        assertThat(cloudflare.purgeCalls()).singleElement()
                .satisfies(call -> assertThat(call.status()).isZero());
    }

    @Test
    void theCallAfterADisconnectIsAnsweredNormally() throws IOException {
        cloudflare.disconnectNext(1);
        assertThatThrownBy(() -> purge("{\"purge_everything\":true}")).isInstanceOf(IOException.class);

        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(200);
    }

    @Test
    void stallNextNeverAnswersSoTheClientTimesOut() {
        cloudflare.stallNext(1);
        OkHttpClient impatient = http.newBuilder().readTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> send(impatient, authorized(post("/zones/" + ZONE + "/purge_cache",
                "{\"purge_everything\":true}")))).isInstanceOf(SocketTimeoutException.class);
        assertThat(cloudflare.purgeCalls()).singleElement()
                .satisfies(call -> assertThat(call.status()).isZero());
    }

    // ---- rate limiting ----

    @Test
    void rateLimitAllowsTheBurstThenAnswers429WithRetryAfterFromTheBucket() throws IOException {
        FakeClock clock = new FakeClock();
        cloudflare.rateLimit(clock, 0.5, 2);

        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(200);
        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(200);
        Reply limited = purge("{\"purge_everything\":true}");

        assertThat(limited.status).isEqualTo(429);
        assertThat(limited.retryAfter).isEqualTo("2");
        assertFailureEnvelope(limited, 971);
    }

    @Test
    void rateLimitRefillsAsTheClockAdvances() throws IOException {
        FakeClock clock = new FakeClock();
        cloudflare.rateLimit(clock, 1, 1);
        purge("{\"purge_everything\":true}");
        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));

        assertThat(purge("{\"purge_everything\":true}").status).isEqualTo(200);
    }

    // ---- configuration ----

    @Test
    void configurationRejectsNonsenseNamingTheParameter() {
        assertThatIllegalArgumentException().isThrownBy(() -> cloudflare.maxUrlsPerCall(0))
                .withMessageContaining("maxUrlsPerCall");
        assertThatIllegalArgumentException().isThrownBy(() -> cloudflare.throttleNext(0, Duration.ZERO))
                .withMessageContaining("count");
        assertThatIllegalArgumentException().isThrownBy(() -> cloudflare.zone("", "example.com"))
                .withMessageContaining("zoneId");
        assertThatIllegalArgumentException().isThrownBy(() -> cloudflare.rateLimit(Clock.systemUTC(), 0, 1))
                .withMessageContaining("requestsPerSecond");
    }

    @Test
    void purgeCallsIsASnapshotThatCannotBeModified() throws IOException {
        purge("{\"purge_everything\":true}");
        List<CloudflarePurgeCall> calls = cloudflare.purgeCalls();

        purge("{\"purge_everything\":true}");

        assertThat(calls).hasSize(1);
        assertThatThrownBy(calls::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- helpers ----

    private record Reply(int status, JsonNode json, String cfRay, String retryAfter) {
    }

    private Reply purge(String json) throws IOException {
        return send(authorized(post("/zones/" + ZONE + "/purge_cache", json)));
    }

    private Reply send(Request request) throws IOException {
        return send(http, request);
    }

    private static Reply send(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            return new Reply(response.code(), JSON.readTree(body), response.header("cf-ray"),
                    response.header("Retry-After"));
        }
    }

    private Request.Builder url(String path) {
        return new Request.Builder().url(cloudflare.endpoint() + path);
    }

    private Request.Builder post(String path, String json) {
        return url(path).post(RequestBody.create(json, JSON_TYPE));
    }

    private Request.Builder get(String path) {
        return url(path).get();
    }

    private static Request authorized(Request.Builder request) {
        return request.header("Authorization", "Bearer " + TOKEN).build();
    }

    private static String filesBody(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"https://example.com/" + i + "\"")
                .collect(Collectors.joining(",", "{\"files\":[", "]}"));
    }

    private static List<Integer> codes(Reply reply) {
        return reply.json.get("errors").findValues("code").stream().map(JsonNode::asInt).toList();
    }

    private static void assertFailureEnvelope(Reply reply, int code) {
        assertThat(reply.json.get("success").booleanValue()).isFalse();
        assertThat(reply.json.at("/errors/0/code").asInt()).isEqualTo(code);
        assertThat(reply.json.get("messages")).isEmpty();
        assertThat(reply.json.get("result").isNull()).isTrue();
    }
}
