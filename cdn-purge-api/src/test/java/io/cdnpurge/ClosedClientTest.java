package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClosedClientTest {
    private static final PurgeRequest REQUEST = PurgeRequest.builder().tag("a").build();

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private PurgeClient closedClient() {
        PurgeClient client = harness.client();
        client.close();
        return client;
    }

    @Test
    void purgeOnAClosedClientThrowsIllegalState() {
        PurgeClient client = closedClient();

        assertThatIllegalStateException().isThrownBy(() -> client.purge(REQUEST)).withMessageContaining("closed");
    }

    @Test
    void purgeAsyncOnAClosedClientFailsTheFuture() {
        PurgeClient client = closedClient();

        assertThatThrownBy(() -> client.purgeAsync(REQUEST).join()).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void planOnAClosedClientThrowsIllegalState() {
        PurgeClient client = closedClient();

        assertThatIllegalStateException().isThrownBy(() -> client.plan(REQUEST));
    }

    @Test
    void statusOnAClosedClientThrowsIllegalState() {
        harness.backend.estimatedCompletion(Duration.ofSeconds(5));
        PurgeClient client = harness.client();
        PurgeResult result = client.purge(REQUEST);
        client.close();

        assertThatIllegalStateException().isThrownBy(() -> client.status(result));
    }

    @Test
    void awaitCompletionOnAClosedClientThrowsIllegalState() {
        harness.backend.estimatedCompletion(Duration.ofSeconds(5));
        PurgeClient client = harness.client();
        PurgeResult result = client.purge(REQUEST);
        client.close();

        assertThatIllegalStateException().isThrownBy(() -> client.awaitCompletion(result, Duration.ofMinutes(1)));
    }

    @Test
    void closingTheClientClosesTheBackend() {
        closedClient();

        assertThat(harness.backend.closed()).isTrue();
    }

    @Test
    void closingTwiceIsHarmless() {
        PurgeClient client = closedClient();

        client.close();

        assertThat(harness.backend.closed()).isTrue();
    }

    @Test
    void aClosedClientSendsNothing() {
        PurgeClient client = closedClient();

        assertThatIllegalStateException().isThrownBy(() -> client.purge(REQUEST));

        assertThat(harness.backend.batches()).isEmpty();
    }
}
