package io.cdnpurge.akamai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Akamai's canonical EdgeGrid vectors (edgegrid-python's {@code testcases.json}, with its {@code testdata.json}
 * credential) and CCU-shaped vectors, run through the signing path the provider uses: an OkHttp request in, the
 * same request with an {@code Authorization} header out.
 */
class EdgeGridVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyCanonicalVectorGetsTheExpectedAuthorizationHeader() throws IOException {
        JsonNode data = read("python-testdata.json");
        List<String> headers = new ArrayList<>();
        data.path("headers_to_sign").forEach(h -> headers.add(h.asText()));
        EdgeGridSigning signing = signing(data, data.path("max_body").asInt(), headers);
        JsonNode cases = read("python-testcases.json");
        assertThat(cases).hasSize(15);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode testCase : cases) {
            tests.add(DynamicTest.dynamicTest(testCase.path("testName").asText(), () -> {
                Request signed = signing.sign(request(data.path("base_url").asText(), testCase.path("request")));
                assertThat(signed.header("Authorization")).isEqualTo(testCase.path("expectedAuthorization").asText());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> fastPurgeShapedVectorsGetTheExpectedAuthorizationHeader() throws IOException {
        JsonNode data = read("DERIVED-ccu-v3-vectors.json");
        EdgeGridSigning signing = signing(data, data.path("max_body").asInt(), List.of());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode testCase : data.path("tests")) {
            tests.add(DynamicTest.dynamicTest(testCase.path("testName").asText(), () -> {
                Request signed = signing.sign(request("https://" + data.path("host").asText(),
                        testCase.path("request")));
                assertThat(signed.header("Authorization")).isEqualTo(testCase.path("expectedAuthorization").asText());
            }));
        }
        assertThat(tests).hasSize(4);
        return tests.stream();
    }

    private static EdgeGridSigning signing(JsonNode data, int maxBody, List<String> headersToSign) {
        String host = data.has("host") ? data.path("host").asText() : data.path("base_url").asText();
        AkamaiCredential credential = new AkamaiCredential(host, data.path("client_token").asText(),
                data.path("client_secret").asText(), data.path("access_token").asText(), maxBody, headersToSign,
                "test vectors");
        Instant timestamp = Instant.parse("2014-03-21T19:34:21Z");
        assertThat(data.path("timestamp").asText()).isEqualTo("20140321T19:34:21+0000");
        String nonce = data.path("nonce").asText();
        return new EdgeGridSigning(credential, Clock.fixed(timestamp, ZoneOffset.UTC), () -> nonce, () -> false);
    }

    /** The vector's request as OkHttp would send it to the credential's host. */
    private static Request request(String baseUrl, JsonNode spec) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Request.Builder request = new Request.Builder().url(base + spec.path("path").asText());
        for (JsonNode header : spec.path("headers")) {
            for (Map.Entry<String, JsonNode> entry : header.properties()) {
                if (!entry.getKey().equalsIgnoreCase("Host")) {
                    // OkHttp sends Host itself; EdgeGrid signs the credential's host in any case
                    request.addHeader(entry.getKey(), entry.getValue().asText());
                }
            }
        }
        String method = spec.path("method").asText();
        JsonNode body = spec.has("body") ? spec.path("body") : spec.path("data");
        if (method.equals("GET")) {
            return request.get().build();
        }
        byte[] bytes = body.isMissingNode() ? new byte[0] : body.asText().getBytes(StandardCharsets.UTF_8);
        return request.method(method, RequestBody.create(bytes, (MediaType) null)).build();
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = EdgeGridVectorsTest.class.getResourceAsStream("/edgegrid/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
