package io.cdnpurge.http;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderKeysTest {
    private static final PurgeCapabilities CAPABILITIES = PurgeCapabilities.builder()
            .kind(PurgeTarget.Kind.URL, BatchLimit.items(1))
            .rateLimit(RateLimit.requests("purge", 5, Duration.ofSeconds(1), 5))
            .build();

    @Test
    void ownHttpAndEngineKeysAreKnownAndOtherProvidersKeysAreNotLookedAt() {
        assertThat(ProviderKeys.unknown("acme", List.of("apiToken"), CAPABILITIES, Set.of("acme.apiToken",
                "acme.endpoint", "acme.timeout", "acme.maxAttempts", "acme.rateLimit.purge.burst", "other.x")))
                .isEmpty();
    }

    @Test
    void aMisspeltKeyIsReportedListingTheProvidersOwnKeys() {
        assertThat(ProviderKeys.unknown("acme", List.of("apiToken", "zone"), CAPABILITIES,
                Set.of("acme.apitoken")))
                .containsExactly("unknown key acme.apitoken: acme reads acme.apiToken, acme.zone and the shared keys in "
                        + "the README (keys are case-sensitive)");
    }
}
