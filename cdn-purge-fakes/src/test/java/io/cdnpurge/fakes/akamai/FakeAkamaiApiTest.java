package io.cdnpurge.fakes.akamai;

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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FakeAkamaiApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

    private final FakeClock clock = new FakeClock();
    private final FakeAkamaiApi fake = FakeAkamaiApi.start().clock(clock);
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private int nonces;

    @AfterEach
    void stop() {
        fake.close();
    }

    private static JsonNode vectors(String name) throws IOException {
        try (InputStream in = FakeAkamaiApiTest.class.getResourceAsStream("/edgegrid/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void theFakesSignatureCheckMatchesAkamaisCanonicalVectors() throws IOException {
        JsonNode data = vectors("python-testdata.json");
        String host = data.path("base_url").asText().replace("https://", "").replace("/", "");
        int checked = 0;
        for (JsonNode testCase : vectors("python-testcases.json")) {
            JsonNode request = testCase.path("request");
            List<String> canonical = new ArrayList<>();
            for (JsonNode name : data.path("headers_to_sign")) {
                for (JsonNode header : request.path("headers")) {
                    if (header.has(name.asText())) {
                        canonical.add(FakeAkamaiSignature.canonicalHeader(name.asText(),
                                header.path(name.asText()).asText()));
                    }
                }
            }
            String expected = testCase.path("expectedAuthorization").asText();
            String signature = FakeAkamaiSignature.signature(request.path("method").asText(), host,
                    request.path("path").asText(), canonical,
                    request.path("data").asText("").getBytes(StandardCharsets.UTF_8), data.path("max_body").asInt(),
                    FakeAkamaiSignature.authData(expected), data.path("timestamp").asText(),
                    data.path("client_secret").asText());
            assertThat(expected).as(testCase.path("testName").asText()).endsWith("signature=" + signature);
            checked++;
        }
        assertThat(checked).isEqualTo(15);
    }

    @Test
    void theFakesSignatureCheckMatchesTheFastPurgeShapedVectors() throws IOException {
        JsonNode data = vectors("DERIVED-ccu-v3-vectors.json");
        for (JsonNode testCase : data.path("tests")) {
            JsonNode request = testCase.path("request");
            String expected = testCase.path("expectedAuthorization").asText();
            String signature = FakeAkamaiSignature.signature("POST", data.path("host").asText(),
                    request.path("path").asText(), List.of(),
                    request.path("body").asText().getBytes(StandardCharsets.UTF_8), 131_072,
                    FakeAkamaiSignature.authData(expected), data.path("timestamp").asText(),
                    data.path("client_secret").asText());
            assertThat(expected).endsWith("signature=" + signature);
        }
    }

    /** A Fast Purge call signed for the fake's credential, as a correct client would send it. */
    private Response send(String path, byte[] body, MediaType type, String nonce) throws IOException {
        String timestamp = FakeAkamaiSignature.TIMESTAMP.format(clock.instant());
        String authData = "EG1-HMAC-SHA256 client_token=" + fake.clientToken() + ";access_token="
                + fake.accessToken() + ";timestamp=" + timestamp + ";nonce=" + nonce + ";";
        String signature = FakeAkamaiSignature.signature("POST", fake.host(), path, List.of(), body, 131_072,
                authData, timestamp, fake.clientSecret());
        return http.newCall(new Request.Builder().url(fake.endpoint() + path)
                .header("Authorization", authData + "signature=" + signature)
                .post(RequestBody.create(body, type)).build()).execute();
    }

    private Response send(String path, String body) throws IOException {
        return send(path, body.getBytes(StandardCharsets.UTF_8), APPLICATION_JSON, "nonce-" + (++nonces));
    }

    private static String objects(int count, int width) {
        StringBuilder body = new StringBuilder("{\"objects\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append('"').append("https://www.example.com/")
                    .append(String.format("%0" + width + "d", i)).append('"');
        }
        return body.append("]}").toString();
    }

    @Test
    void aSignedPurgeIsAcceptedWithAkamaisAnswerAndRateLimitHeaders() throws IOException {
        try (Response response = send("/ccu/v3/invalidate/url/production", objects(2, 3))) {
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(response.code()).isEqualTo(201);
            assertThat(body.path("estimatedSeconds").asInt()).isEqualTo(5);
            assertThat(body.path("purgeId").asText()).startsWith("edcp-purge-");
            assertThat(body.path("supportId").asText()).startsWith("edcp-fake-");
            assertThat(response.header("X-Ratelimit-Remaining")).isEqualTo("99");
            assertThat(response.header("X-Ratelimit-Remaining-Objects")).isEqualTo("9998");
            assertThat(response.header("X-Ratelimit-Limit-Per-Second-Objects")).isEqualTo("200.00");
            assertThat(response.header("Retry-After")).isNull();
        }
        assertThat(fake.purgedObjects()).containsExactly("https://www.example.com/000", "https://www.example.com/001");
    }

    @Test
    void aWrongSignatureAReusedNonceAndAStaleTimestampAreRefused() throws IOException {
        byte[] body = objects(1, 3).getBytes(StandardCharsets.UTF_8);
        try (Response ok = send("/ccu/v3/invalidate/url/production", body, APPLICATION_JSON, "n-1")) {
            assertThat(ok.code()).isEqualTo(201);
        }
        try (Response replay = send("/ccu/v3/invalidate/url/production", body, APPLICATION_JSON, "n-1")) {
            assertThat(replay.code()).isEqualTo(401);
            assertThat(replay.body().string()).contains("The nonce was used before");
        }
        try (Response otherPath = http.newCall(new Request.Builder()
                .url(fake.endpoint() + "/ccu/v3/delete/url/production")
                .header("Authorization", fake.purgeCalls().get(0).headers().get("authorization").get(0)
                        .replace("nonce=n-1", "nonce=n-2"))
                .post(RequestBody.create(body, APPLICATION_JSON)).build()).execute()) {
            assertThat(otherPath.code()).isEqualTo(401);
        }
        String signedAtStart = fake.purgeCalls().get(0).headers().get("authorization").get(0);
        clock.advance(Duration.ofMinutes(6));
        try (Response stale = http.newCall(new Request.Builder()
                .url(fake.endpoint() + "/ccu/v3/invalidate/url/production")
                .header("Authorization", signedAtStart.replace("nonce=n-1", "nonce=n-3"))
                .post(RequestBody.create(body, APPLICATION_JSON)).build()).execute()) {
            assertThat(stale.code()).isEqualTo(401);
            assertThat(stale.body().string()).contains("timestamp");
        }
    }

    @Test
    void aBodyOverFiftyThousandBytesGets413AndOneAtTheLimitIsAccepted() throws IOException {
        // 1,600 objects of 30 bytes, commas and the 14-byte envelope: 49,613 bytes, padded to exactly 50,000
        String atLimit = objects(1_600, 4);
        int padding = 50_000 - atLimit.getBytes(StandardCharsets.UTF_8).length;
        String exact = atLimit.replace("\"https://www.example.com/0000\"",
                "\"https://www.example.com/0000" + "x".repeat(padding) + "\"");
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(50_000);
        try (Response response = send("/ccu/v3/invalidate/url/production", exact)) {
            assertThat(response.code()).isEqualTo(201);
        }
        String over = exact.replace("x\"", "xx\"");
        try (Response response = send("/ccu/v3/invalidate/url/production", over)) {
            assertThat(response.code()).isEqualTo(413);
        }
        assertThat(fake.purgeCalls()).extracting(AkamaiPurgeCall::bodyBytes).containsExactly(50_000, 50_001);
    }

    @Test
    void malformedBodiesAreRefusedAsAkamaiRefusesThem() throws IOException {
        Map<String, Integer> cases = Map.of(
                "{\"objects\":[\"12345\"]}", 400,
                "{\"objects\":[]}", 400,
                "{\"hostname\":\"www.example.com\",\"objects\":[\"/a\"]}", 400);
        for (Map.Entry<String, Integer> entry : cases.entrySet()) {
            try (Response response = send("/ccu/v3/invalidate/cpcode/production", entry.getKey())) {
                assertThat(response.code()).as(entry.getKey()).isEqualTo(entry.getValue());
            }
        }
        try (Response response = send("/ccu/v3/invalidate/url/production", "{\"objects\":[\"https://www.example.com/é\"]}")) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(JSON.readTree(response.body().string()).path("title").asText()).isEqualTo("bad URL");
        }
        try (Response response = send("/ccu/v3/invalidate/url/production",
                "{\"objects\":[\"https://www.example.com/\"]}".getBytes(StandardCharsets.UTF_8),
                MediaType.get("text/plain"), "ct")) {
            assertThat(response.code()).isEqualTo(415);
        }
    }

    @Test
    void anEmptyBucketRefusesWithoutTakingTokensAndRefillsOnTheClock() throws IOException {
        for (int i = 0; i < 30; i++) {
            try (Response response = send("/ccu/v3/invalidate/cpcode/production",
                    "{\"objects\":[" + "1,".repeat(9) + "1]}")) {
                assertThat(response.code()).isEqualTo(201);
            }
        }
        try (Response refused = send("/ccu/v3/invalidate/cpcode/production", "{\"objects\":[1,2]}")) {
            JsonNode body = JSON.readTree(refused.body().string());
            assertThat(refused.code()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNull();
            assertThat(body.path("title").asText()).isEqualTo("CPCODE Rate Limit exceeded");
            assertThat(body.path("rateLimitRemaining").asInt()).isZero();
            assertThat(body.path("rateLimitCurrentRequestSize").asInt()).isEqualTo(2);
        }
        clock.advance(Duration.ofSeconds(2));
        try (Response refusedAgain = send("/ccu/v3/invalidate/cpcode/production", "{\"objects\":[1,2]}")) {
            // one token back after 2 s at 30 a minute; the refused call took none of it
            assertThat(JSON.readTree(refusedAgain.body().string()).path("rateLimitRemaining").asInt()).isEqualTo(1);
        }
        clock.advance(Duration.ofSeconds(2));
        try (Response admitted = send("/ccu/v3/invalidate/cpcode/production", "{\"objects\":[1,2]}")) {
            assertThat(admitted.code()).isEqualTo(201);
        }
    }

    @Test
    void aScriptedThrottleTellsTheWaitThroughTheObjectRate() throws IOException {
        fake.throttleNext(1, Duration.ofSeconds(3));
        try (Response response = send("/ccu/v3/invalidate/url/production", objects(2, 3))) {
            assertThat(response.code()).isEqualTo(429);
            assertThat(Double.parseDouble(response.header("X-Ratelimit-Limit-Per-Second-Objects")))
                    .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(fake.purgeCalls()).singleElement().satisfies(call -> {
            assertThat(call.status()).isEqualTo(429);
            assertThat(call.title()).hasValue("URL Rate Limit exceeded");
        });
    }
}
