package io.cdnpurge.fakes.edgecast;

import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake speaks Edgecast's documented protocol, checked with a plain HTTP client. */
class FakeEdgecastApiTest {
    private static final String TOKEN = "edgecast-test-token-0123";
    private final FakeClock clock = new FakeClock();
    private final FakeEdgecastApi fake = FakeEdgecastApi.start().apiToken(TOKEN).clock(clock)
            .completionDelay(Duration.ofSeconds(10)).maxOutstanding(3);
    private final OkHttpClient http = new OkHttpClient();

    /** An answer: status and body. */
    private record Answer(int statusCode, String body) {
    }

    private Answer send(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.body().string());
        }
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Answer put(String operation, String authorization, String body) throws IOException {
        return put("C16C", operation, authorization, body);
    }

    private Answer put(String account, String operation, String authorization, String body) throws IOException {
        Request.Builder request = new Request.Builder().url(fake.endpoint() + "/" + account + "/edge/" + operation)
                .header("Accept", "application/json")
                .put(RequestBody.create(body, MediaType.get("application/json")));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private Answer get(String path) throws IOException {
        return send(new Request.Builder().url(fake.endpoint() + "/C16C/edge/" + path)
                .header("Authorization", "TOK:" + TOKEN).get().build());
    }

    private static String id(Answer response) {
        return response.body().replaceAll(".*\"Id\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void aPurgeIsAcceptedWithAnIdAndCompletesAfterTheDelayOnTheClock() throws Exception {
        Answer accepted = put("purge", "tok:" + TOKEN,
                "{\"MediaPath\":\"https://cdn.example.com/a.css\",\"MediaType\":3}");
        assertThat(accepted.statusCode()).isEqualTo(200);
        String id = id(accepted);

        assertThat(get("purge/" + id).body()).contains("\"CompleteDate\":null", "\"MediaTypeId\":3");
        clock.advance(Duration.ofSeconds(10));
        assertThat(get("purge/" + id).body()).contains("\"CompleteDate\":\"2026-01-01 00:00\"");
        assertThat(get("purge/ffffffff").body()).isEqualTo("{}");
        assertThat(get("load/" + id).body()).isEqualTo("{}");
    }

    @Test
    void aBulkPurgeCountsEachElementAgainstTheOutstandingLimit() throws Exception {
        Answer bulk = put("bulkpurge", "TOK:" + TOKEN,
                "{\"MediaPath\":[\"https://cdn.example.com/a\",\"https://cdn.example.com/b\"],\"MediaType\":8}");
        assertThat(bulk.statusCode()).isEqualTo(200);
        assertThat(get("bulkpurge/" + id(bulk)).body()).contains("\"Count\":2", "\"Status\":\"in-progress\"");

        Answer two = put("bulkpurge", "TOK:" + TOKEN,
                "{\"MediaPath\":[\"https://cdn.example.com/c\",\"https://cdn.example.com/d\"],\"MediaType\":8}");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.body()).contains("Message", "concurrent");
        assertThat(put("load", "TOK:" + TOKEN, "{\"MediaPath\":\"https://cdn.example.com/e\",\"MediaType\":8}")
                .statusCode()).isEqualTo(200);
        assertThat(fake.outstandingLimitAnswers()).isEqualTo(1);
        assertThat(fake.mostOutstanding()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(10));
        assertThat(get("bulkpurge/" + id(bulk)).body()).contains("\"Status\":\"completed\"", "Completed_at");
        assertThat(put("bulkpurge", "TOK:" + TOKEN,
                "{\"MediaPath\":[\"https://cdn.example.com/c\",\"https://cdn.example.com/d\"],\"MediaType\":8}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongTokenAccountOrBodyIsRefusedAsEdgecastDoes() throws Exception {
        String body = "{\"MediaPath\":\"https://cdn.example.com/a\",\"MediaType\":3}";
        assertThat(put("purge", null, body).statusCode()).isEqualTo(401);
        assertThat(put("purge", "Bearer " + TOKEN, body).body()).isEqualTo("{\"Message\":\"Access Denied\"}");
        assertThat(put("purge", "TOK:" + TOKEN, "{\"MediaPath\":\"cdn.example.com/a\",\"MediaType\":3}").body())
                .contains("Invalid MediaPath");
        assertThat(put("purge", "TOK:" + TOKEN, "{\"MediaPath\":\"https://cdn.example.com/a\",\"MediaType\":5}")
                .body()).contains("Invalid MediaType");
        assertThat(put("bulkpurge", "TOK:" + TOKEN, body).statusCode()).isEqualTo(400);
        Answer otherAccount = put("ABCD", "purge", "TOK:" + TOKEN, body);
        assertThat(otherAccount.statusCode()).isEqualTo(400);
        assertThat(otherAccount.body()).contains("Invalid account number");
        assertThat(fake.purgedUrls()).isEmpty();
        assertThat(fake.calls()).hasSize(6).noneMatch(EdgecastRequest::accepted);
    }
}
