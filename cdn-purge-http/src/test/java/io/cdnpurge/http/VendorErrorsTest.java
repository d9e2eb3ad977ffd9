package io.cdnpurge.http;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.PurgeTransportException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterReadsDelaySeconds() {
        assertThat(VendorErrors.retryAfter("2", CLOCK)).contains(Duration.ofSeconds(2));
        assertThat(VendorErrors.retryAfter(" 120 ", CLOCK)).contains(Duration.ofMinutes(2));
    }

    @Test
    void retryAfterReadsAnHttpDateAgainstTheClock() {
        assertThat(VendorErrors.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(VendorErrors.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterIgnoresAbsentAndUnreadableValues() {
        assertThat(VendorErrors.retryAfter(null, CLOCK)).isEmpty();
        assertThat(VendorErrors.retryAfter("soon", CLOCK)).isEmpty();
        assertThat(VendorErrors.retryAfter("-5", CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void statusesMapToTheExceptionHierarchy() {
        assertThat(VendorErrors.builder("acme", 401).build()).isInstanceOf(PurgeAuthenticationException.class);
        assertThat(VendorErrors.builder("acme", 403).permission("purge_all").build())
                .isInstanceOfSatisfying(PurgePermissionException.class,
                        e -> assertThat(e.permission()).isEqualTo("purge_all"));
        assertThat(VendorErrors.builder("acme", 429).retryAfter(Duration.ofSeconds(3)).build())
                .isInstanceOfSatisfying(PurgeThrottledException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                });
        assertThat(VendorErrors.builder("acme", 503).build().retryable()).isTrue();
        assertThat(VendorErrors.builder("acme", 408).build().retryable()).isTrue();
        assertThat(VendorErrors.builder("acme", 400).build().retryable()).isFalse();
        assertThat(VendorErrors.builder("acme", 404).build().retryable()).isFalse();
    }

    @Test
    void theMessageNamesVendorStatusCodeAdviceAndRequestId() {
        PurgeServiceException error = VendorErrors.builder("acme", 400).vendorCode("1012").message("bad body")
                .advice("Fix the body").requestId("ray-1").build();

        assertThat(error.getMessage()).isEqualTo("acme answered HTTP 400 (code 1012): bad body. Fix the body "
                + "[request id ray-1]");
        assertThat(error.vendorCode()).contains("1012");
        assertThat(error.requestId()).contains("ray-1");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void aDroppedConnectionBecomesARetryableTransportError() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket())
                    .build());
            server.start();
            OkHttpClient client = HttpJson.client(HttpSettings.from(PurgeConfig.fromMap(Map.of()), "acme",
                    server.url("/").toString()));

            assertThatThrownBy(() -> ThroughEngine.send(() -> VendorResponse.execute(client,
                    HttpJson.request().url(server.url("/purge")).header("Authorization", "Bearer s3cr3t-token")
                            .build(), "acme")))
                    .isInstanceOfSatisfying(PurgeTransportException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.timeout()).isFalse();
                        assertThat(e.getMessage()).contains("acme could not be reached").contains("/purge")
                                .doesNotContain("s3cr3t-token");
                    });
        }
    }
}
