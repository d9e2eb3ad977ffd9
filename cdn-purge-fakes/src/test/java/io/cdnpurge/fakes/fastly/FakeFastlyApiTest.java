package io.cdnpurge.fakes.fastly;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeFastlyApiTest {

    private static final String TOKEN = "fastly-test-token-0123456789abcdef";
    private static final String SELECT_TOKEN = "fastly-select-token-abcdef";
    private static final String ALL_TOKEN = "fastly-all-token-123456";
    private static final String SERVICE = "SU1Z0isxPaozGVKXdv0eY";
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeClock clock = new FakeClock();
    private final FakeFastlyApi fastly = FakeFastlyApi.start()
            .apiToken(TOKEN)
            .apiToken(SELECT_TOKEN, "purge_select")
            .apiToken(ALL_TOKEN, "purge_all")
            .service(SERVICE, "www.example.com", "*.static.example.com")
            .clock(clock);
    // One attempt per call, so request counts and scripted answers line up exactly.
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    @AfterEach
    void stop() {
        fastly.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- URL purges ----

    @Test
    void endpointIsTheApiRootOnTheLoopbackAddress() {
        assertThat(fastly.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void aUrlPurgeAnswersStatusOkWithAPurgeId() throws IOException {
        Reply reply = send(TOKEN, post("/purge/www.example.com/a.css"));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.path("status").asText()).isEqualTo("ok");
        assertThat(reply.json.path("id").asText()).matches("108-\\d+-\\d+");
        assertThat(fastly.purgeCalls().get(0).purgeIds()).containsValue(reply.json.path("id").asText());
    }

    @Test
    void aUrlPurgeIsRecordedExactlyAsSent() throws IOException {
        send(TOKEN, post("/purge/www.example.com/a%20b/c.css?v=1").header("Fastly-Soft-Purge", "1"));

        FastlyPurgeCall call = fastly.purgeCalls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.kind()).isEqualTo(FastlyPurgeCall.Kind.URL);
        assertThat(call.path()).isEqualTo("/purge/www.example.com/a%20b/c.css?v=1");
        assertThat(call.url()).hasValue("www.example.com/a%20b/c.css?v=1");
        assertThat(call.soft()).isTrue();
        assertThat(call.header("fastly-key")).hasValue(TOKEN);
        assertThat(call.serviceId()).isEmpty();
        assertThat(fastly.purgedUrls()).containsExactly("www.example.com/a%20b/c.css?v=1");
    }

    @Test
    void aUrlOfAHostOnNoServiceGetsFastlysCannotFindService() throws IOException {
        Reply reply = send(TOKEN, post("/purge/www.example.org/a.css"));

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.json.path("msg").asText()).isEqualTo("Record not found");
        assertThat(reply.json.path("details").asText()).isEqualTo("Cannot find service");
    }

    @Test
    void aWildcardDomainCoversItsSubdomainsOnly() throws IOException {
        assertThat(send(TOKEN, post("/purge/img.static.example.com/a.png")).status).isEqualTo(200);
        assertThat(send(TOKEN, post("/purge/static.example.com/a.png")).status).isEqualTo(404);
    }

    // ---- auth and scopes ----

    @Test
    void aMissingOrUnknownKeyGetsFastlys401() throws IOException {
        Reply missing = send(post("/purge/www.example.com/a.css").build());
        Reply unknown = send("not-a-token", post("/service/" + SERVICE + "/purge_all"));

        assertThat(missing.status).isEqualTo(401);
        assertThat(missing.json.path("msg").asText()).isEqualTo("Provided credentials are missing or invalid");
        assertThat(unknown.status).isEqualTo(401);
        assertThat(fastly.purgeCalls()).extracting(FastlyPurgeCall::status).containsExactly(401, 401);
    }

    @Test
    void purgeSelectCoversUrlAndKeyPurgesButNotPurgeAll() throws IOException {
        assertThat(send(SELECT_TOKEN, post("/purge/www.example.com/a.css")).status).isEqualTo(200);
        assertThat(send(SELECT_TOKEN, keys("{\"surrogate_keys\":[\"a\"]}")).status).isEqualTo(200);
        assertThat(send(SELECT_TOKEN, post("/service/" + SERVICE + "/purge_all")).status).isEqualTo(403);
    }

    @Test
    void purgeAllCoversPurgeAllOnlyAndGlobalCoversEverything() throws IOException {
        assertThat(send(ALL_TOKEN, post("/service/" + SERVICE + "/purge_all")).status).isEqualTo(200);
        assertThat(send(ALL_TOKEN, post("/purge/www.example.com/a.css")).status).isEqualTo(403);
        assertThat(send(ALL_TOKEN, keys("{\"surrogate_keys\":[\"a\"]}")).status).isEqualTo(403);
        assertThat(send(TOKEN, post("/service/" + SERVICE + "/purge_all")).status).isEqualTo(200);
    }

    // ---- key purges ----

    @Test
    void aBulkKeyPurgeAnswersAMapOfKeyToPurgeId() throws IOException {
        Reply reply = send(TOKEN, keys("{\"surrogate_keys\":[\"a/b\",\"product-42\"]}"));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.size()).isEqualTo(2);
        assertThat(reply.json.path("a/b").asText()).matches("108-\\d+-\\d+");
        assertThat(reply.json.path("product-42").asText()).isNotEqualTo(reply.json.path("a/b").asText());
        FastlyPurgeCall call = fastly.purgeCalls().get(0);
        assertThat(call.kind()).isEqualTo(FastlyPurgeCall.Kind.KEYS);
        assertThat(call.serviceId()).hasValue(SERVICE);
        assertThat(call.keys()).containsExactly("a/b", "product-42");
        assertThat(call.soft()).isFalse();
    }

    @Test
    void theSurrogateKeyHeaderWorksLikeTheBody() throws IOException {
        Reply reply = send(TOKEN, post("/service/" + SERVICE + "/purge").header("Surrogate-Key", "k1 k2"));

        assertThat(reply.status).isEqualTo(200);
        assertThat(fastly.purgedKeys()).containsExactly("k1", "k2");
    }

    @Test
    void oneKeyByPathAnswersStatusAndId() throws IOException {
        Reply reply = send(TOKEN, post("/service/" + SERVICE + "/purge/product-42"));

        assertThat(reply.json.path("status").asText()).isEqualTo("ok");
        assertThat(reply.json.path("id").asText()).matches("108-\\d+-\\d+");
        assertThat(fastly.purgedKeys()).containsExactly("product-42");
    }

    @Test
    void moreThan256KeysGetFastlys400() throws IOException {
        String body = IntStream.range(0, 257).mapToObj(i -> "\"k" + i + "\"")
                .collect(Collectors.joining(",", "{\"surrogate_keys\":[", "]}"));
        Reply reply = send(TOKEN, keys(body));

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.json.path("status").asText()).isEqualTo("fail");
        assertThat(reply.json.path("reason").asText())
                .isEqualTo("Batch surrogate key request only supports up to 256 surrogate keys");
        assertThat(send(TOKEN, keys(body.replace("\"k256\",", "").replace(",\"k256\"", ""))).status).isEqualTo(200);
    }

    @Test
    void aKeyOutsidePrintableAsciiOrOver1024BytesIsRefused() throws IOException {
        assertThat(send(TOKEN, keys("{\"surrogate_keys\":[\"two words\"]}")).status).isEqualTo(400);
        assertThat(send(TOKEN, keys("{\"surrogate_keys\":[\"caf\u00e9\"]}")).status).isEqualTo(400);
        assertThat(send(TOKEN, keys("{\"surrogate_keys\":[\"" + "k".repeat(1025) + "\"]}")).status).isEqualTo(400);
        assertThat(send(TOKEN, keys("{\"surrogate_keys\":[\"" + "k".repeat(1024) + "\"]}")).status).isEqualTo(200);
    }

    @Test
    void aBodyWithoutAListOfKeysIsRefused() throws IOException {
        assertThat(send(TOKEN, keys("{\"keys\":[\"a\"]}")).status).isEqualTo(400);
        assertThat(send(TOKEN, keys("{\"surrogate_keys\":\"a\"}")).status).isEqualTo(400);
        assertThat(send(TOKEN, keys("{\"surrogate_keys\":[]}")).status).isEqualTo(400);
        assertThat(send(TOKEN, keys("not json")).status).isEqualTo(400);
        assertThat(fastly.purgedKeys()).isEmpty();
    }

    @Test
    void anUnknownServiceGets404() throws IOException {
        Reply reply = send(TOKEN, post("/service/nope/purge_all"));

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.json.path("detail").asText()).contains("nope");
    }

    // ---- purge all ----

    @Test
    void purgeAllCannotBeSoft() throws IOException {
        Reply reply = send(TOKEN, post("/service/" + SERVICE + "/purge_all").header("Fastly-Soft-Purge", "1"));

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.json.path("reason").asText()).contains("soft mode");
        assertThat(fastly.purgeAllCount()).isZero();
    }

    @Test
    void purgeAllAnswersCarryTheHourlyRateLimitState() throws IOException {
        clock.advance(Duration.ofMinutes(10));
        Reply reply = send(TOKEN, post("/service/" + SERVICE + "/purge_all"));

        assertThat(reply.json.path("status").asText()).isEqualTo("ok");
        assertThat(reply.json.has("id")).isFalse();
        assertThat(reply.rateLimitRemaining).isEqualTo("999");
        assertThat(reply.rateLimitReset)
                .isEqualTo(String.valueOf(Instant.parse("2026-01-01T01:00:00Z").getEpochSecond()));
        assertThat(send(TOKEN, post("/purge/www.example.com/a.css")).rateLimitRemaining).isNull();
    }

    @Test
    void overThePurgeAllLimitIs429UntilTheHourEnds() throws IOException {
        fastly.purgeAllLimit(1);
        assertThat(send(TOKEN, post("/service/" + SERVICE + "/purge_all")).status).isEqualTo(200);
        Reply limited = send(TOKEN, post("/service/" + SERVICE + "/purge_all"));

        assertThat(limited.status).isEqualTo(429);
        assertThat(limited.rateLimitRemaining).isEqualTo("0");
        assertThat(limited.rateLimitReset)
                .isEqualTo(String.valueOf(Instant.parse("2026-01-01T01:00:00Z").getEpochSecond()));
        assertThat(send(TOKEN, post("/purge/www.example.com/a.css")).status).isEqualTo(200);

        clock.advance(Duration.ofHours(1));
        assertThat(send(TOKEN, post("/service/" + SERVICE + "/purge_all")).status).isEqualTo(200);
    }

    // ---- routes ----

    @Test
    void aMethodOtherThanPostGets405() throws IOException {
        Reply reply = send(new Request.Builder().url(fastly.endpoint() + "/purge/www.example.com/a.css")
                .header("Fastly-Key", TOKEN).get().build());

        assertThat(reply.status).isEqualTo(405);
        assertThat(fastly.purgeCalls()).singleElement().satisfies(call -> assertThat(call.method()).isEqualTo("GET"));
    }

    @Test
    void anUnknownRouteGets404AndIsNotAPurgeCall() throws IOException {
        assertThat(send(TOKEN, post("/service/" + SERVICE + "/domains")).status).isEqualTo(404);
        assertThat(fastly.purgeCalls()).isEmpty();
        assertThat(fastly.requestCount()).isEqualTo(1);
    }

    // ---- scripting ----

    @Test
    void failNextAnswersTheScriptedStatusAndBodyThenFastlyAgain() throws IOException {
        fastly.failNext(1, 503, "{\"errors\":[{\"title\":\"Service unavailable\"}]}");

        Reply failed = send(TOKEN, post("/purge/www.example.com/a.css"));
        assertThat(failed.status).isEqualTo(503);
        assertThat(failed.json.at("/errors/0/title").asText()).isEqualTo("Service unavailable");
        assertThat(send(TOKEN, post("/purge/www.example.com/a.css")).status).isEqualTo(200);
        assertThat(fastly.purgeCalls()).extracting(FastlyPurgeCall::status).containsExactly(503, 200);
    }

    @Test
    void failNextCanSendHeadersToo() throws IOException {
        fastly.failNext(1, 429, "{\"msg\":\"Too many requests\"}", Map.of("Retry-After", "4"));

        Reply reply = send(TOKEN, post("/purge/www.example.com/a.css"));
        assertThat(reply.status).isEqualTo(429);
        assertThat(reply.retryAfter).isEqualTo("4");
    }

    @Test
    void throttleNextAnswers429WithTheResetAtNowPlusTheWait() throws IOException {
        fastly.throttleNext(1, Duration.ofMillis(2500));

        Reply reply = send(TOKEN, keys("{\"surrogate_keys\":[\"a\"]}"));
        assertThat(reply.status).isEqualTo(429);
        assertThat(reply.rateLimitRemaining).isEqualTo("0");
        assertThat(reply.rateLimitReset).isEqualTo(String.valueOf(clock.instant().getEpochSecond() + 3));
        assertThat(reply.retryAfter).isNull();
    }

    @Test
    void disconnectNextClosesTheConnectionWithoutAnAnswer() throws IOException {
        fastly.disconnectNext(1);

        assertThatThrownBy(() -> send(TOKEN, post("/purge/www.example.com/a.css"))).isInstanceOf(IOException.class);
        assertThat(send(TOKEN, post("/purge/www.example.com/a.css")).status).isEqualTo(200);
        assertThat(fastly.purgeCalls()).extracting(FastlyPurgeCall::status).containsExactly(0, 200);
    }

    @Test
    void stallNextNeverAnswersSoTheClientTimesOut() {
        fastly.stallNext(1);
        OkHttpClient impatient = http.newBuilder().readTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> send(impatient, post("/purge/www.example.com/a.css").header("Fastly-Key", TOKEN)
                .build())).isInstanceOf(SocketTimeoutException.class);
        assertThat(fastly.purgeCalls()).singleElement().satisfies(call -> assertThat(call.status()).isZero());
    }

    // ---- inspection and configuration ----

    @Test
    void purgedListsHoldOnlySuccessfulCallsByKind() throws IOException {
        send(TOKEN, post("/purge/www.example.com/a.css"));
        send(TOKEN, post("/purge/www.example.org/b.css"));
        send(TOKEN, keys("{\"surrogate_keys\":[\"t1\"]}"));
        send(TOKEN, keys("{\"surrogate_keys\":[\"bad key\"]}"));
        send(TOKEN, post("/service/" + SERVICE + "/purge_all"));

        assertThat(fastly.purgedUrls()).containsExactly("www.example.com/a.css");
        assertThat(fastly.purgedKeys()).containsExactly("t1");
        assertThat(fastly.purgeAllCount()).isEqualTo(1);
        assertThat(fastly.purgeCalls()).hasSize(5);
    }

    @Test
    void purgeCallsIsASnapshotThatCannotBeModified() throws IOException {
        send(TOKEN, post("/purge/www.example.com/a.css"));
        List<FastlyPurgeCall> calls = fastly.purgeCalls();

        send(TOKEN, post("/purge/www.example.com/a.css"));

        assertThat(calls).hasSize(1);
        assertThatThrownBy(calls::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRecordedCallNeverPrintsTheToken() throws IOException {
        send(TOKEN, post("/purge/www.example.com/a.css"));

        assertThat(fastly.purgeCalls().get(0).toString()).doesNotContain(TOKEN);
    }

    @Test
    void configurationRejectsNonsenseNamingTheParameter() {
        assertThatIllegalArgumentException().isThrownBy(() -> fastly.apiToken("t", "purge_everything"))
                .withMessageContaining("purge_everything");
        assertThatIllegalArgumentException().isThrownBy(() -> fastly.service("", "www.example.com"))
                .withMessageContaining("serviceId");
        assertThatIllegalArgumentException().isThrownBy(() -> fastly.throttleNext(0, Duration.ZERO))
                .withMessageContaining("count");
        assertThatIllegalArgumentException().isThrownBy(() -> fastly.failNext(1, 99, "{}"))
                .withMessageContaining("httpStatus");
        assertThatIllegalArgumentException().isThrownBy(() -> fastly.purgeAllLimit(0))
                .withMessageContaining("perHour");
    }

    // ---- helpers ----

    private record Reply(int status, JsonNode json, String rateLimitRemaining, String rateLimitReset,
                         String retryAfter) {
    }

    private Request.Builder post(String path) {
        return new Request.Builder().url(fastly.endpoint() + path).post(RequestBody.create(new byte[0], null));
    }

    private Request.Builder keys(String json) {
        return new Request.Builder().url(fastly.endpoint() + "/service/" + SERVICE + "/purge")
                .post(RequestBody.create(json, JSON_TYPE));
    }

    private Reply send(String token, Request.Builder request) throws IOException {
        return send(request.header("Fastly-Key", token).build());
    }

    private Reply send(Request request) throws IOException {
        return send(http, request);
    }

    private static Reply send(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            return new Reply(response.code(), JSON.readTree(body), response.header("Fastly-RateLimit-Remaining"),
                    response.header("Fastly-RateLimit-Reset"), response.header("Retry-After"));
        }
    }
}
