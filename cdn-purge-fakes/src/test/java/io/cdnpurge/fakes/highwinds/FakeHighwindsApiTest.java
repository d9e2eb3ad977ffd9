package io.cdnpurge.fakes.highwinds;

import io.cdnpurge.testing.FakeClock;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake speaks StrikeTracker's documented protocol, checked with a plain HTTP client. */
class FakeHighwindsApiTest {
    private static final String TOKEN = "hw-test-token-0123";
    private final FakeClock clock = new FakeClock();
    private final FakeHighwindsApi fake = FakeHighwindsApi.start().apiToken(TOKEN).user("u", "p").clock(clock)
            .window(3, Duration.ofSeconds(60)).completionDelay(Duration.ofSeconds(10))
            .tokenLifetime(Duration.ofSeconds(30));
    private final OkHttpClient http = new OkHttpClient();

    @AfterEach
    void stop() {
        fake.close();
    }

    private record Answer(int code, String body, String retryAfter) {
    }

    private Answer send(Request.Builder request, String token) throws IOException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return new Answer(response.code(), response.body().string(), response.header("Retry-After"));
        }
    }

    private Answer purge(String body, String token) throws IOException {
        return send(new Request.Builder().url(fake.endpoint() + "/api/v1/accounts/a1b2c3d4/purge")
                .post(RequestBody.create(body, MediaType.get("application/json"))), token);
    }

    private static String item(String url) {
        return "{\"url\":\"" + url + "\",\"recursive\":false,\"invalidateOnly\":false,\"purgeAllDynamic\":true}";
    }

    @Test
    void aPurgeGetsAJobWhoseProgressRisesOnTheClock() throws IOException {
        Answer accepted = purge("{\"list\":[" + item("//cdn.example.com/a") + "]}", TOKEN);
        assertThat(accepted.code()).isEqualTo(200);
        String id = accepted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        Request.Builder progress = new Request.Builder().url(fake.endpoint() + "/api/v1/accounts/a1b2c3d4/purge/"
                + id);

        assertThat(send(progress, TOKEN).body()).isEqualTo("{\"progress\":0.0}");
        clock.advance(Duration.ofSeconds(5));
        assertThat(send(progress, TOKEN).body()).isEqualTo("{\"progress\":0.5}");
        clock.advance(Duration.ofSeconds(5));
        assertThat(send(progress, TOKEN).body()).isEqualTo("{\"progress\":1.0}");
    }

    @Test
    void theWindowRefusesAWholeRequestWithRetryAfter() throws IOException {
        assertThat(purge("{\"list\":[" + item("//cdn.example.com/a") + "," + item("//cdn.example.com/b") + "]}",
                TOKEN).code()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        Answer over = purge("{\"list\":[" + item("//cdn.example.com/c") + "," + item("//cdn.example.com/d") + "]}",
                TOKEN);
        assertThat(over.code()).isEqualTo(429);
        assertThat(over.retryAfter()).isEqualTo("40");
        assertThat(over.body()).contains("\"code\":429", "You may retry this request in 40 seconds");
        assertThat(fake.purgedUrls()).containsExactly("//cdn.example.com/a", "//cdn.example.com/b");
        clock.advance(Duration.ofSeconds(40));
        assertThat(purge("{\"list\":[" + item("//cdn.example.com/c") + "," + item("//cdn.example.com/d") + "]}",
                TOKEN).code()).isEqualTo(200);
    }

    @Test
    void flagsMustBeBooleansAndUrlsRecognisable() throws IOException {
        assertThat(purge("{\"list\":[{\"url\":\"//cdn.example.com/a\",\"recursive\":\"false\"}]}", TOKEN).code())
                .isEqualTo(400);
        assertThat(purge("{\"list\":[{\"url\":\"cdn.example.com/a\"}]}", TOKEN).code()).isEqualTo(400);
        assertThat(purge("{\"list\":[]}", TOKEN).code()).isEqualTo(400);
    }

    @Test
    void aPasswordIsExchangedForATokenThatExpires() throws IOException {
        Answer wrong = send(new Request.Builder().url(fake.endpoint() + "/auth/token").post(new FormBody.Builder()
                .add("grant_type", "password").add("username", "u").add("password", "x").build()), null);
        assertThat(wrong.code()).isEqualTo(401);
        Answer minted = send(new Request.Builder().url(fake.endpoint() + "/auth/token").post(new FormBody.Builder()
                .add("grant_type", "password").add("username", "u").add("password", "p").build()), null);
        assertThat(minted.body()).contains("\"token_type\":\"bearer\"", "\"expires_in\":30");
        String token = minted.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

        Request.Builder me = new Request.Builder().url(fake.endpoint() + "/api/v1/users/me");
        assertThat(send(me, token).body()).contains("\"accountHash\":\"a1b2c3d4\"");
        clock.advance(Duration.ofSeconds(30));
        assertThat(send(me, token).code()).isEqualTo(401);
        assertThat(send(me, null).body()).contains("\"code\":203");
        assertThat(fake.tokensMinted()).isEqualTo(1);
    }
}
