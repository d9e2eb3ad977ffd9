package io.cdnpurge.http;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpJsonTest {

    @Test
    void theMapperNeverEscapesAmpersandOrAngleBrackets() {
        String json = new String(HttpJson.toJson(Map.of("files", List.of("https://a.example/?x=1&y=<2>"))),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"files\":[\"https://a.example/?x=1&y=<2>\"]}");
        assertThat(json).doesNotContain("\\u0026").doesNotContain("\\u003c");
    }

    @Test
    void theMapperWritesNonAsciiAsUtf8NotEscapes() {
        String json = new String(HttpJson.toJson(List.of("https://a.example/café")),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("[\"https://a.example/café\"]");
    }

    @Test
    void jsonStringBytesCountsQuotesAndEscapesInUtf8() {
        assertThat(HttpJson.jsonStringBytes("abc")).isEqualTo(5);
        assertThat(HttpJson.jsonStringBytes("a\"b")).isEqualTo(6);
        assertThat(HttpJson.jsonStringBytes("é")).isEqualTo(4);
    }

    @Test
    void parseIsLenientWithEmptyAndNonJsonBodies() {
        assertThat(HttpJson.parse("").isMissing()).isTrue();
        assertThat(HttpJson.parse("<html>bad gateway</html>").isMissing()).isTrue();
        assertThat(HttpJson.parse("{\"success\":true}").path("success").asBoolean(false)).isTrue();
    }

    @Test
    void everyRequestCarriesTheUserAgentWithTheLibraryVersion() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
            server.start();
            OkHttpClient client = HttpJson.client(HttpSettings.from(io.cdnpurge.PurgeConfig.empty(), "acme",
                    server.url("/").toString()));
            VendorResponse response = ThroughEngine.send(() -> VendorResponse.execute(client,
                    HttpJson.request().url(server.url("/ping")).build(), "acme"));

            RecordedRequest recorded = server.takeRequest();
            assertThat(response.status()).isEqualTo(200);
            assertThat(recorded.getHeaders().get("User-Agent")).isEqualTo("cdn-purge/" + HttpJson.version());
            assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
            assertThat(HttpJson.version()).isNotEqualTo("unknown").doesNotContain("${");
        }
    }

    @Test
    void requestBuilderIsUsableForPosts() {
        Request request = HttpJson.request().url("https://api.example.com/x").post(HttpJson.jsonBody(Map.of("a", 1)))
                .build();

        assertThat(request.body().contentType().toString()).startsWith("application/json");
    }
}
