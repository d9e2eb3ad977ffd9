package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineValidationTest {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private PurgeClient urlAndTagClient() {
        harness.backend.capabilities(PurgeCapabilities.builder()
                .kind(PurgeTarget.Kind.URL, BatchLimit.items(30))
                .kind(PurgeTarget.Kind.TAG, BatchLimit.items(30))
                .build());
        return harness.client();
    }

    @Test
    void aKindTheProviderLacksIsRejectedNamingTheTargetAndTheSupportedKinds() {
        PurgeClient client = urlAndTagClient();
        PurgeRequest request = PurgeRequest.builder().host("www.example.com").build();

        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining("host www.example.com")
                .hasMessageContaining("supports url, tag");
    }

    @Test
    void anUnsupportedKindNamesTheAlternativeTheProviderOffers() {
        PurgeClient client = urlAndTagClient();
        harness.backend.alternatives(kind -> kind == PurgeTarget.Kind.HOST
                ? Optional.of("tag the host's objects and purge the tag") : Optional.empty());
        PurgeRequest request = PurgeRequest.builder().host("www.example.com").build();

        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining("supports url, tag: tag the host's objects and purge the tag");
    }

    @Test
    void aKindTheProviderLacksSendsNothingEvenWhenOtherTargetsAreFine() {
        PurgeClient client = urlAndTagClient();
        PurgeRequest request = PurgeRequest.builder().url("https://www.example.com/").tag("a").cpCode(42).build();

        assertThatThrownBy(() -> client.purge(request)).isInstanceOf(UnsupportedPurgeException.class);

        assertThat(harness.backend.batches()).isEmpty();
        assertThat(harness.listener.events()).isEmpty();
    }

    @Test
    void everyUnsupportedKindIsListed() {
        PurgeClient client = urlAndTagClient();
        PurgeRequest request = PurgeRequest.builder().host("www.example.com").cpCode(42).everything().build();

        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOfSatisfying(UnsupportedPurgeException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(problem -> assertThat(problem).contains("host www.example.com"))
                        .anySatisfy(problem -> assertThat(problem).contains("cp_code 42"))
                        .anySatisfy(problem -> assertThat(problem).contains("everything")));
    }

    @Test
    void anUnsupportedModeIsRejectedBeforeAnySend() {
        PurgeClient client = urlAndTagClient();
        PurgeRequest request = PurgeRequest.builder().tag("a").mode(PurgeMode.DELETE).build();

        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining("mode DELETE")
                .hasMessageContaining("INVALIDATE");
        assertThat(harness.backend.batches()).isEmpty();
    }

    @Test
    void anUnsupportedActionIsRejectedBeforeAnySend() {
        PurgeClient client = urlAndTagClient();
        PurgeRequest request = PurgeRequest.builder().tag("a").action(PurgeAction.PREFETCH).build();

        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining("action PREFETCH")
                .hasMessageContaining("PURGE");
        assertThat(harness.backend.batches()).isEmpty();
    }

    @Test
    void aSupportedModeAndActionAreAccepted() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(30))
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE)
                .actions(PurgeAction.PURGE, PurgeAction.PREFETCH)
                .build());
        PurgeClient client = harness.client();

        PurgeResult result = client.purge(PurgeRequest.builder().tag("a").mode(PurgeMode.DELETE)
                .action(PurgeAction.PREFETCH).build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }

    @Test
    void planRejectsAnUnsupportedKindToo() {
        PurgeClient client = urlAndTagClient();

        assertThatThrownBy(() -> client.plan(PurgeRequest.builder().everything().build()))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining("everything");
    }

    @Test
    void purgeAsyncCompletesExceptionallyForAnUnsupportedKind() {
        PurgeClient client = urlAndTagClient();

        CompletableFuture<PurgeResult> future = client.purgeAsync(PurgeRequest.builder().cpCode(1).build());

        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::join).hasCauseInstanceOf(UnsupportedPurgeException.class);
    }

    @Test
    void everyProviderProblemIsReportedInOneException() {
        harness.backend.problems(target -> target.value().length() > 5
                ? Optional.of("tag '" + target.value() + "' is longer than 5 characters")
                : Optional.empty());
        PurgeClient client = harness.client();
        PurgeRequest request = PurgeRequest.builder().tag("short").tag("toolong").tag("muchtoolong").build();

        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOfSatisfying(InvalidPurgeRequestException.class, e -> {
                    assertThat(e.problems()).containsExactly("tag 'toolong' is longer than 5 characters",
                            "tag 'muchtoolong' is longer than 5 characters");
                    assertThat(e.getMessage()).contains("'toolong'").contains("'muchtoolong'");
                });
        assertThat(harness.backend.batches()).isEmpty();
    }

    @Test
    void aTargetLargerThanTheByteLimitIsRejectedBeforeAnySend() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.itemsAndBytes(100, 50, 14, 1)).build());
        PurgeClient client = harness.client();
        String longUrl = "https://www.example.com/" + "a".repeat(40);

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().url(longUrl).build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining(longUrl)
                .hasMessageContaining("50");
        assertThat(harness.backend.batches()).isEmpty();
    }
}
