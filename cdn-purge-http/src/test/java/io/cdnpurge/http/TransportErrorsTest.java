package io.cdnpurge.http;

import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTransportException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportErrorsTest {

    @Test
    void aRequestMadeOutsideTheEngineIsRefused() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            OkHttpClient client = HttpJson.client(HttpSettings.from(PurgeConfig.fromMap(Map.of()), "acme",
                    server.url("/").toString()));

            assertThatThrownBy(() -> VendorResponse.execute(client, HttpJson.request().url(server.url("/purge"))
                    .build(), "acme"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside VendorRequests.send");
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Test
    void aRefusedConnectionWasNotSent() throws Exception {
        HttpUrl closed;
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            closed = server.url("/purge");
        }
        OkHttpClient client = HttpJson.client(HttpSettings.from(PurgeConfig.fromMap(Map.of()), "acme",
                closed.toString()));

        assertThatThrownBy(() -> ThroughEngine.send(() -> VendorResponse.execute(client,
                HttpJson.request().url(closed).build(), "acme")))
                .isInstanceOfSatisfying(PurgeTransportException.class, e -> {
                    assertThat(e.sent()).isFalse();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("was not sent").doesNotContain("may or may not");
                });
    }

    @Test
    void aVendorThatAnswersAByteAtATimeIsCutOffAtTwiceTheTimeout() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            // every byte comes within the read timeout, so only the whole-call limit can end it
            server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"ok\",\"id\":\"" + "x".repeat(200)
                    + "\"}").throttleBody(1, 50, java.util.concurrent.TimeUnit.MILLISECONDS).build());
            server.start();
            OkHttpClient client = HttpJson.client(HttpSettings.from(PurgeConfig.fromMap(Map.of("acme.timeout",
                    "150ms")), "acme", server.url("/").toString()));
            long start = System.nanoTime();

            assertThatThrownBy(() -> ThroughEngine.send(() -> VendorResponse.execute(client,
                    HttpJson.request().url(server.url("/purge")).build(), "acme")))
                    .isInstanceOfSatisfying(PurgeTransportException.class, e -> {
                        assertThat(e.timeout()).isTrue();
                        assertThat(e.sent()).isTrue();
                        assertThat(e.getMessage()).contains("acme did not answer within 300 ms, twice acme.timeout")
                                .contains("GET /purge").contains("may or may not have been processed");
                    });
            // cut off within the watchdog's quarter second, long before the 10 s the body would take
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aNameThatDoesNotResolveWasNotSent() {
        PurgeTransportException error = VendorResponse.transportError(
                new UnknownHostException("api.example.invalid"), "POST /purge", "acme");

        assertThat(error.sent()).isFalse();
        assertThat(error.getMessage()).contains("could not be reached").contains("api.example.invalid")
                .contains("was not sent");
    }

    @Test
    void aConnectTimeoutWasNotSentButAReadTimeoutMayHaveBeen() {
        PurgeTransportException connect = VendorResponse.transportError(
                new SocketTimeoutException("Connect timed out"), "POST /purge", "acme");
        PurgeTransportException refused = VendorResponse.transportError(new ConnectException("Connection refused"),
                "POST /purge", "acme");
        PurgeTransportException read = VendorResponse.transportError(new SocketTimeoutException("timeout"),
                "POST /purge", "acme");

        assertThat(connect.sent()).isFalse();
        assertThat(refused.sent()).isFalse();
        assertThat(read.sent()).isTrue();
        assertThat(read.timeout()).isTrue();
        assertThat(read.getMessage()).contains("did not answer in time").contains("may or may not");
    }

    @Test
    void aResetAfterSendingMayHaveBeenProcessed() {
        PurgeTransportException error = VendorResponse.transportError(new IOException("unexpected end of stream"),
                "POST /purge", "acme");

        assertThat(error.sent()).isTrue();
        assertThat(error.timeout()).isFalse();
    }

    @Test
    void aRetryAfterOnAServerErrorIsKept() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "25").body("down").build());
            server.start();
            OkHttpClient client = HttpJson.client(HttpSettings.from(PurgeConfig.fromMap(Map.of()), "acme",
                    server.url("/").toString()));
            VendorResponse response = ThroughEngine.send(() -> VendorResponse.execute(client,
                    HttpJson.request().url(server.url("/purge")).build(), "acme"));

            PurgeServiceException error = VendorErrors.builder("acme", response,
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).message("down").build();

            assertThat(error.retryable()).isTrue();
            assertThat(error.retryAfter()).contains(Duration.ofSeconds(25));
        }
    }

    @Test
    void anUnrecognisedSuccessIsRetryableAndSaysWhatCameBack() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                    .body("<html>oops</html>").build());
            server.start();
            OkHttpClient client = HttpJson.client(HttpSettings.from(PurgeConfig.fromMap(Map.of()), "acme",
                    server.url("/").toString()));
            VendorResponse response = ThroughEngine.send(() -> VendorResponse.execute(client,
                    HttpJson.request().url(server.url("/purge")).build(), "acme"));

            PurgeServiceException error = VendorErrors.unrecognised("acme", response, "{\"status\":\"ok\"}", null);

            assertThat(error.retryable()).isTrue();
            assertThat(error.httpStatus()).isEqualTo(200);
            assertThat(error.getMessage()).contains("HTTP 200").contains("<html>oops</html>").contains("text/html")
                    .contains("not its acknowledgement");
        }
    }
}
