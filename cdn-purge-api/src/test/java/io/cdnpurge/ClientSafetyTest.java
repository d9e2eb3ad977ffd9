package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ways a client could hang, lose outcomes or leak a credential, and why it does not. */
class ClientSafetyTest {
    private static final String SECRET = "top-secret-token-4242";
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void purgeFromAListenerFailsLoudlyInsteadOfDeadlocking() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<PurgeClient> self = new AtomicReference<>();
        PurgeClient client = harness.client(Map.of("concurrency", "1"), harness.options()
                .listener(event -> {
                    if (event.type() == PurgeEvent.Type.PLANNED) {
                        try {
                            self.get().purge(PurgeRequest.builder().tag("inner").build());
                        } catch (IllegalStateException e) {
                            thrown.set(e);
                        }
                    }
                }).build());
        self.set(client);

        PurgeResult result = client.purge(PurgeRequest.builder().tag("outer").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(thrown.get()).hasMessageContaining("purgeAsync");
    }

    @Test
    void closingWhilePurgesRunEndsThemWithAnErrorInsteadOfNever() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        harness.backend.failWhen(batch -> {
            sending.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }, () -> new PurgeException("never"));
        PurgeClient client = harness.client(Map.of("concurrency", "1"));
        CompletableFuture<PurgeResult> first = client.purgeAsync(PurgeRequest.builder().tag("a").build());
        CompletableFuture<PurgeResult> queued = client.purgeAsync(PurgeRequest.builder().tag("b").build());
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

        client.close();
        release.countDown();

        // the queued purge ends with an error saying why; the one whose call was on the wire ends too, whichever
        // of its answer and the close came first
        assertThat(queued).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOf(PurgeException.class).withMessageContaining("closed while the purge");
        assertThat(first.handle((result, error) -> "ended")).succeedsWithin(10, TimeUnit.SECONDS);
    }

    @Test
    void aPurgeAfterCloseFailsAtOnce() {
        PurgeClient client = harness.client();
        client.close();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().tag("a").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aSecretInAVendorErrorIsMaskedInTheOutcomeAndItsCauseDropped() {
        harness.backend.secrets(SECRET);
        harness.backend.failNext(new PurgeServiceException("rejected key " + SECRET, 400, "E1", "req-9", false,
                null));
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().tag("a").build());

        PurgeException error = result.failures().get(0).error().orElseThrow();
        assertThat(error).isInstanceOf(PurgeServiceException.class);
        assertThat(error.getMessage()).doesNotContain(SECRET).contains("[REDACTED]");
        assertThat(((PurgeServiceException) error).vendorCode()).contains("E1");
        assertThat(result.toString() + result.outcomes()).doesNotContain(SECRET);
    }

    @Test
    void aSecretInTheCauseOfATransportErrorDropsTheCause() {
        harness.backend.secrets(SECRET);
        harness.backend.failNext(1, () -> new PurgeTransportException("connection reset", false,
                new IllegalArgumentException("Unexpected char in header value: " + SECRET)));
        PurgeClient client = harness.client(Map.of("maxAttempts", "1"));

        PurgeException error = client.purge(PurgeRequest.builder().tag("a").build()).failures().get(0).error()
                .orElseThrow();

        assertThat(error).isInstanceOf(PurgeTransportException.class).hasNoCause();
        assertThat(error.getMessage()).contains("cause omitted");
    }

    @Test
    void aListenerThatFailsAnAssertionDoesNotLoseTheOutcomes() {
        PurgeClient client = harness.client(Map.of(), harness.options().listener(event -> {
            throw new AssertionError("a test's listener failed");
        }).build());

        PurgeResult result = client.purge(PurgeRequest.builder().tag("a").tag("b").build());

        assertThat(result.outcomes()).hasSize(2);
        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void aProviderCrashWhileDescribingStillSendsTheCall() {
        harness.backend.describer(batch -> {
            throw new IllegalStateException("provider bug");
        });
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().tag("a").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }
}
