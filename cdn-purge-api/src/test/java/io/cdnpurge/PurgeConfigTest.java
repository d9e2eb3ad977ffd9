package io.cdnpurge;

import io.cdnpurge.spi.PurgeEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgeConfigTest {

    @Test
    void fromMapReadsValuesAsStrings() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("cloudflare.zoneId", "023e", "cloudflare.maxAttempts", 3));

        assertThat(config.get("cloudflare.zoneId")).isEqualTo("023e");
        assertThat(config.get("cloudflare.maxAttempts")).isEqualTo("3");
        assertThat(config.get("cloudflare.apiToken")).isNull();
        assertThat(config.keys()).containsExactly("cloudflare.maxAttempts", "cloudflare.zoneId");
    }

    @Test
    void fromMapCopiesTheMapIn() {
        Map<String, Object> values = new HashMap<>(Map.of("cloudflare.zoneId", "023e"));
        PurgeConfig config = PurgeConfig.fromMap(values);

        values.put("cloudflare.zoneId", "other");

        assertThat(config.get("cloudflare.zoneId")).isEqualTo("023e");
    }

    @Test
    void fromMapRejectsANullValueNamingTheKey() {
        Map<String, Object> values = new HashMap<>();
        values.put("cloudflare.zoneId", null);

        assertThatNullPointerException().isThrownBy(() -> PurgeConfig.fromMap(values))
                .withMessageContaining("cloudflare.zoneId");
    }

    @Test
    void fromPropertiesReadsEveryProperty() {
        Properties properties = new Properties();
        properties.setProperty("fastly.serviceId", "SU1Z0isxPaozGVKXdv0eY");
        properties.setProperty("fastly.timeout", "30s");

        PurgeConfig config = PurgeConfig.fromProperties(properties);

        assertThat(config.get("fastly.serviceId")).isEqualTo("SU1Z0isxPaozGVKXdv0eY");
        assertThat(config.duration("fastly.timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fromEnvironmentMapsUpperSnakeCaseToCamelCase() {
        PurgeConfig config = PurgeConfig.fromEnvironment(Map.of("CDN_PURGE_CLOUDFLARE_ZONE_ID", "023e"));

        assertThat(config.get("cloudflare.zoneId")).isEqualTo("023e");
    }

    @Test
    void fromEnvironmentMapsADoubleUnderscoreToADot() {
        PurgeConfig config = PurgeConfig.fromEnvironment(Map.of("CDN_PURGE_CLOUDFLARE_RATE_LIMIT__BURST", "10"));

        assertThat(config.get("cloudflare.rateLimit.burst")).isEqualTo("10");
    }

    @Test
    void fromEnvironmentIgnoresOtherVariables() {
        PurgeConfig config = PurgeConfig.fromEnvironment(Map.of("PATH", "/usr/bin", "CDN_PURGE_", "x",
                "CDN_PURGE_CLOUDFLARE", "y", "CLOUDFLARE_API_TOKEN", "secret-token"));

        assertThat(config.keys()).isEmpty();
    }

    @Test
    void fromEnvironmentAlsoExposesTheVariablesAsItsEnvironment() {
        PurgeConfig config = PurgeConfig.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "secret-token"));

        assertThat(config.environment("CLOUDFLARE_API_TOKEN")).hasValue("secret-token");
        assertThat(config.environment("FASTLY_API_TOKEN")).isEmpty();
    }

    @Test
    void withEnvironmentReplacesTheEnvironmentAndKeepsTheKeys() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("cloudflare.zoneId", "023e"))
                .withEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "secret-token", "BLANK", " "));

        assertThat(config.environment("CLOUDFLARE_API_TOKEN")).hasValue("secret-token");
        assertThat(config.environment("BLANK")).isEmpty();
        assertThat(config.get("cloudflare.zoneId")).isEqualTo("023e");
    }

    @Test
    void withOverridesKeysAndKeepsTheEnvironment() {
        PurgeConfig config = PurgeConfig.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "secret-token"))
                .with(Map.of("cloudflare.zoneId", "023e"));

        assertThat(config.get("cloudflare.zoneId")).isEqualTo("023e");
        assertThat(config.environment("CLOUDFLARE_API_TOKEN")).hasValue("secret-token");
    }

    @Test
    void readsDurationsInMilliseconds() {
        assertThat(config("500ms").duration("x.d", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsDurationsInSeconds() {
        assertThat(config("30s").duration("x.d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsDurationsInMinutes() {
        assertThat(config("5m").duration("x.d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void readsDurationsInHours() {
        assertThat(config("1h").duration("x.d", Duration.ZERO)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsIsoDurations() {
        assertThat(config("PT30S").duration("x.d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsFractionalDurations() {
        assertThat(config("1.5s").duration("x.d", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void usesTheDefaultForAnUnsetOrBlankKey() {
        assertThat(config("  ").duration("x.d", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(config("  ").integer("x.unset", 3)).isEqualTo(3);
    }

    @Test
    void trimsValues() {
        assertThat(config(" 42 ").integer("x.d", 0)).isEqualTo(42);
    }

    @Test
    void aBadDurationNamesTheKey() {
        assertThatThrownBy(() -> config("soon").duration("x.d", Duration.ZERO))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("x.d is 'soon'");
    }

    @Test
    void aBadIntegerNamesTheKey() {
        assertThatThrownBy(() -> config("five").integer("x.d", 0))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("x.d is 'five'");
    }

    @Test
    void aBadNumberNamesTheKey() {
        assertThatThrownBy(() -> config("fast").number("x.d", 0))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("x.d is 'fast'");
    }

    @Test
    void aMisspeltBooleanIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> config("flase").bool("x.d", true))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("x.d is 'flase'");
    }

    @Test
    void readsBooleansIgnoringCase() {
        assertThat(config("FALSE").bool("x.d", true)).isFalse();
    }

    @Test
    void severalBadEngineKeysAreReportedInOneException() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("test.maxAttempts", "0", "test.concurrency", "abc"));

        assertThatThrownBy(() -> PurgeEngine.client(new ScriptedBackend(), config, ClientOptions.defaults()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.getMessage()).contains("test.maxAttempts").contains("test.concurrency");
                });
    }

    @Test
    void everyBadEngineKeyIsReportedAtOnce() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("test.retry.maxBackoff", "-1s",
                "test.rateLimit.enabled", "yes", "test.completion.initialPoll", "often"));

        assertThatThrownBy(() -> PurgeEngine.client(new ScriptedBackend(), config, ClientOptions.defaults()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(problem -> assertThat(problem).contains("test.retry.maxBackoff"))
                        .anySatisfy(problem -> assertThat(problem).contains("test.rateLimit.enabled"))
                        .anySatisfy(problem -> assertThat(problem).contains("test.completion.initialPoll")));
    }

    @Test
    void aBadRateLimitOverrideNamesTheKey() {
        ScriptedBackend backend = new ScriptedBackend().capabilities(ScriptedBackend.allKinds(BatchLimit.items(30))
                .rateLimit(RateLimit.requests("purge", 1, Duration.ofSeconds(1), 2)).build());
        PurgeConfig config = PurgeConfig.fromMap(Map.of("test.rateLimit.requestsPerSecond", "0"));

        assertThatThrownBy(() -> PurgeEngine.client(backend, config, ClientOptions.defaults()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("test.rateLimit.requestsPerSecond");
    }

    @Test
    void toStringShowsKeysButNeverValues() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("cloudflare.apiToken", "very-secret-token",
                "cloudflare.zoneId", "023e105f4ecef8ad9ca31a8372d0c353"));

        assertThat(config.toString()).contains("cloudflare.apiToken").contains("cloudflare.zoneId")
                .doesNotContain("very-secret-token").doesNotContain("023e105f");
    }

    @Test
    void toStringOfAnEnvironmentConfigNeverShowsTheVariables() {
        PurgeConfig config = PurgeConfig.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "very-secret-token",
                "CDN_PURGE_CLOUDFLARE_API_TOKEN", "other-secret-token"));

        assertThat(config.toString()).contains("cloudflare.apiToken").doesNotContain("secret");
    }

    @Test
    void exposesItsKeysUnmodifiable() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("a.b", "c"));

        assertThatThrownBy(() -> config.keys().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static PurgeConfig config(String value) {
        return PurgeConfig.fromMap(Map.of("x.d", value));
    }
}
