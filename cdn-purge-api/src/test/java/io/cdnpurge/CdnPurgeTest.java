package io.cdnpurge;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery through {@link java.util.ServiceLoader}: the test providers {@code alpha} and {@code beta}. */
class CdnPurgeTest {

    private static ClientOptions quietOptions() {
        FakeClock clock = new FakeClock();
        return ClientOptions.builder().clock(clock).sleeper(new RecordingSleeper(clock)).logging(false).build();
    }

    @Test
    void findsTheProvidersRegisteredInMetaInfServices() {
        assertThat(CdnPurge.providers()).containsExactly("alpha", "beta");
    }

    @Test
    void returnsTheProviderWithAnId() {
        assertThat(CdnPurge.provider("beta")).isInstanceOf(BetaTestProvider.class);
    }

    @Test
    void anUnknownIdFailsListingTheKnownIds() {
        assertThatThrownBy(() -> CdnPurge.provider("gamma"))
                .isInstanceOfSatisfying(UnknownProviderException.class, e -> {
                    assertThat(e).hasMessageContaining("'gamma'").hasMessageContaining("alpha, beta");
                    assertThat(e.knownIds()).containsExactlyInAnyOrder("alpha", "beta");
                });
    }

    @Test
    void anUnknownIdFailsWhenCreatingAClient() {
        assertThatThrownBy(() -> CdnPurge.client("cloudflare", PurgeConfig.empty(), quietOptions()))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessageContaining("cdn-purge-cloudflare");
    }

    @Test
    void createsAClientByProviderId() {
        try (PurgeClient client = CdnPurge.client("alpha", PurgeConfig.empty(), quietOptions())) {
            PurgeResult result = client.purge(PurgeRequest.builder().tag("t1").build());

            assertThat(client.providerId()).isEqualTo("alpha");
            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(result.providerId()).isEqualTo("alpha");
        }
    }

    @Test
    void aClientReadsTheEngineKeysOfItsProvider() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("beta.maxAttempts", "0"));

        assertThatThrownBy(() -> CdnPurge.client("beta", config, quietOptions()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("beta.maxAttempts");
    }

    @Test
    void aClientHasTheCapabilitiesOfItsProvider() {
        try (PurgeClient client = CdnPurge.client("beta", PurgeConfig.empty(), quietOptions())) {
            assertThat(client.capabilities().kinds()).containsExactly(PurgeTarget.Kind.TAG);
        }
    }

    @Test
    void rejectsANullIdNamingIt() {
        assertThatNullPointerException().isThrownBy(() -> CdnPurge.provider(null)).withMessage("id cannot be null");
    }
}
