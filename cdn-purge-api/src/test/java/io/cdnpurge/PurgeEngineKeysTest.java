package io.cdnpurge;

import io.cdnpurge.spi.PurgeEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PurgeEngineKeysTest {
    private static final PurgeCapabilities CAPABILITIES = PurgeCapabilities.builder()
            .kind(PurgeTarget.Kind.URL, BatchLimit.items(30))
            .rateLimit(RateLimit.items("urls", 10, Duration.ofSeconds(1), 10))
            .build();

    @Test
    void theEngineKnowsItsOwnKeysAndTheBucketsOfTheProvider() {
        assertThat(PurgeEngine.isEngineKey("maxAttempts", CAPABILITIES)).isTrue();
        assertThat(PurgeEngine.isEngineKey("retry.maxRetryAfter", CAPABILITIES)).isTrue();
        assertThat(PurgeEngine.isEngineKey("rateLimit.urls.permitsPerSecond", CAPABILITIES)).isTrue();
        assertThat(PurgeEngine.isEngineKey("rateLimit.urls.burst", CAPABILITIES)).isTrue();
    }

    @Test
    void misspeltKeysAndOtherProvidersBucketsAreNotEngineKeys() {
        assertThat(PurgeEngine.isEngineKey("maxAttempt", CAPABILITIES)).isFalse();
        assertThat(PurgeEngine.isEngineKey("rateLimit.tags.burst", CAPABILITIES)).isFalse();
        assertThat(PurgeEngine.isEngineKey("rateLimit.urls.rate", CAPABILITIES)).isFalse();
        assertThat(PurgeEngine.isEngineKey("endpoint", CAPABILITIES)).isFalse();
    }
}
