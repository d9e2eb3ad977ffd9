package io.cdnpurge.http;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSettingsTest {

    private static HttpSettings settings(Map<String, String> values) {
        return HttpSettings.from(PurgeConfig.fromMap(values), "acme", "https://api.acme.example/v1");
    }

    @Test
    void defaultsToTheVendorEndpointAndThirtySecondTimeouts() {
        HttpSettings settings = settings(Map.of());

        assertThat(settings.endpoint().toString()).isEqualTo("https://api.acme.example/v1");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void appendsPathSegmentsEncodingEachOne() {
        assertThat(settings(Map.of()).url("zones", "a/b", "purge_cache").build().encodedPath())
                .isEqualTo("/v1/zones/a%2Fb/purge_cache");
    }

    @Test
    void plainHttpIsAllowedToLoopbackAddresses() {
        assertThat(settings(Map.of("acme.endpoint", "http://127.0.0.1:8080/v1")).endpoint().port()).isEqualTo(8080);
        assertThat(settings(Map.of("acme.endpoint", "http://localhost:8080/v1")).endpoint().host())
                .isEqualTo("localhost");
        assertThat(settings(Map.of("acme.endpoint", "http://[::1]:8080/v1")).endpoint().host()).isEqualTo("::1");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> settings(Map.of("acme.endpoint", "http://proxy.internal/v1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("acme.endpoint")
                .hasMessageContaining("acme.allowInsecureEndpoint");
        assertThat(settings(Map.of("acme.endpoint", "http://proxy.internal/v1", "acme.allowInsecureEndpoint", "true"))
                .endpoint().host()).isEqualTo("proxy.internal");
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        assertThatThrownBy(() -> settings(Map.of("acme.endpoint", "ftp://x", "acme.timeout", "soon",
                "acme.connectTimeout", "0s", "acme.allowInsecureEndpoint", "yes")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).contains("acme.endpoint"))
                        .anySatisfy(p -> assertThat(p).contains("acme.timeout"))
                        .anySatisfy(p -> assertThat(p).contains("acme.connectTimeout"))
                        .anySatisfy(p -> assertThat(p).contains("acme.allowInsecureEndpoint")));
    }

    @Test
    void anEndpointWithUserInfoIsRefusedWithoutPrintingIt() {
        assertThatThrownBy(() -> settings(Map.of("acme.endpoint", "https://bob:hunter2@api.acme.example/v1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("acme.endpoint")
                .hasMessageNotContaining("hunter2");
    }
}
