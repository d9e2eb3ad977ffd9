package io.cdnpurge;

import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.TokenProvider;
import io.cdnpurge.spi.VendorRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A credential minted at run time: minted through the engine, renewed before it expires and once when the vendor
 * says it expired, and redacted like a configured one from the moment it is minted.
 */
class TokenProviderTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingListener listener = new RecordingListener();

    /** A vendor whose tokens live 60 s, and which can be told the current one has expired. */
    private final class MintingVendor implements PurgeBackend {
        final Secrets secrets = Secrets.of("the-password-0000");
        final TokenProvider tokens = new TokenProvider(requests -> requests.send(PurgeEvent.Purpose.TOKEN,
                "POST /auth/token", this::mint), secrets, clock, Duration.ofSeconds(10));
        final AtomicInteger minted = new AtomicInteger();
        final List<String> used = new ArrayList<>();
        /** Tokens the vendor no longer takes. */
        final List<String> expired = new ArrayList<>();

        TokenProvider.Token mint() {
            return new TokenProvider.Token("minted-token-" + minted.incrementAndGet(), clock.instant().plusSeconds(60));
        }

        @Override
        public String providerId() {
            return "test";
        }

        @Override
        public PurgeCapabilities capabilities() {
            return PurgeCapabilities.builder().kind(PurgeTarget.Kind.URL, BatchLimit.items(100)).build();
        }

        @Override
        public Scope scope(PurgeTarget target) {
            return Scope.of("account");
        }

        @Override
        public PurgeCall call(PurgeBatch batch) {
            return new PurgeCall() {
                @Override
                public PurgeBatch batch() {
                    return batch;
                }

                @Override
                public String describe() {
                    return "POST /purge";
                }

                @Override
                public BatchResult send(VendorRequests requests) {
                    // the token is asked for inside the request, so that a retry after "expired" gets a new one
                    return requests.send(PurgeEvent.Purpose.PURGE, null, () -> purge(tokens.token(requests)));
                }
            };
        }

        synchronized BatchResult purge(String token) {
            used.add(token);
            if (expired.contains(token)) {
                tokens.expired(token);
                throw new PurgeAuthenticationException("test answered 401: token " + token + " has expired", 401,
                        "expired", null, true);
            }
            return BatchResult.builder(200).reference("job-" + used.size()).build();
        }

        @Override
        public Secrets secrets() {
            return secrets;
        }

        @Override
        public void close() {
        }
    }

    private PurgeClient client(MintingVendor vendor) {
        return PurgeEngine.client(vendor, PurgeConfig.fromMap(Map.of()), ClientOptions.builder().clock(clock)
                .sleeper(new RecordingSleeper(clock)).logging(false).listener(listener).build());
    }

    private static PurgeRequest one() {
        return PurgeRequest.builder().url("https://www.example.com/a").build();
    }

    @Test
    void aTokenIsMintedOnceThroughTheEngineAndReusedWhileValid() {
        MintingVendor vendor = new MintingVendor();
        try (PurgeClient client = client(vendor)) {
            PurgeResult first = client.purge(one());
            clock.advance(Duration.ofSeconds(30));
            client.purge(one());

            assertThat(vendor.minted).hasValue(1);
            assertThat(vendor.used).containsExactly("minted-token-1", "minted-token-1");
            assertThat(first.stats().requests()).isEqualTo(2);
            assertThat(listener.events()).filteredOn(e -> e.purpose() == PurgeEvent.Purpose.TOKEN)
                    .extracting(PurgeEvent::type).containsExactly(PurgeEvent.Type.REQUEST, PurgeEvent.Type.RESPONSE);
        }
    }

    @Test
    void aTokenIsRenewedShortlyBeforeItExpires() {
        MintingVendor vendor = new MintingVendor();
        try (PurgeClient client = client(vendor)) {
            client.purge(one());
            clock.advance(Duration.ofSeconds(51));
            client.purge(one());

            assertThat(vendor.used).containsExactly("minted-token-1", "minted-token-2");
        }
    }

    @Test
    void aTokenTheVendorSaysExpiredIsRenewedOnceAndTheRequestSentAgain() {
        MintingVendor vendor = new MintingVendor();
        try (PurgeClient client = client(vendor)) {
            client.purge(one());
            vendor.expired.add("minted-token-1");

            PurgeResult result = client.purge(one());

            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(vendor.used).containsExactly("minted-token-1", "minted-token-1", "minted-token-2");
            assertThat(result.stats().retries()).isEqualTo(1);
        }
    }

    @Test
    void aSecondExpiredAnswerIsNotRetriedAgain() {
        MintingVendor vendor = new MintingVendor();
        try (PurgeClient client = client(vendor)) {
            vendor.expired.add("minted-token-1");
            vendor.expired.add("minted-token-2");

            PurgeResult result = client.purge(one());

            assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
            assertThat(vendor.used).containsExactly("minted-token-1", "minted-token-2");
        }
    }

    @Test
    void aMintedTokenIsRedactedFromEveryTextLikeAConfiguredCredential() {
        MintingVendor vendor = new MintingVendor();
        try (PurgeClient client = client(vendor)) {
            vendor.expired.add("minted-token-1");
            vendor.expired.add("minted-token-2");

            PurgeResult result = client.purge(one());

            List<String> texts = new ArrayList<>();
            texts.add(result.toString());
            result.outcomes().forEach(outcome -> texts.add(outcome.toString()));
            listener.events().forEach(event -> texts.add(event.toString()));
            assertThat(texts).anySatisfy(text -> assertThat(text).contains("[REDACTED] has expired"));
            assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain("minted-token")
                    .doesNotContain("the-password-0000"));
            assertThat(vendor.tokens.toString()).doesNotContain("minted-token");
        }
    }
}
