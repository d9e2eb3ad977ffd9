package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Every purge ends: by its deadline, and with an exception or FAILED outcomes whatever is thrown inside it. */
class DeadlineAndErrorsTest {
    /** Not a wait: only a bound that fails the test should a purge ever hang. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    private static PurgeRequest tags(int count) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < count; i++) {
            request.tag("t-" + i);
        }
        return request.build();
    }

    @Test
    void timeSpentWaitingForTheRateLimitCountsAgainstTheDeadline() {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(1))
                .rateLimit(RateLimit.requests("requests", 1, Duration.ofMinutes(1), 1)).build());
        PurgeClient client = harness.client(Map.of("deadline", "150s", "concurrency", 1));

        PurgeResult result = client.purge(tags(5));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(harness.backend.batches()).hasSize(3);
        assertThat(result.failures()).hasSize(2).allSatisfy(outcome -> assertThat(outcome.error()).get()
                .extracting(Throwable::getMessage).asString().contains("is left before test.deadline (PT2M30S)")
                .contains("it was not sent"));
    }

    @Test
    void anErrorInOneCallFailsThatCallsTargetsAndTheOthersGoOn() {
        harness.backend.failWhen(batch -> batch.targets().contains(PurgeTarget.tag("t-0")),
                () -> new NoClassDefFoundError("com/example/Missing"));

        PurgeResult result = assertTimeoutPreemptively(HANG,
                () -> harness.client(Map.of("concurrency", 1)).purge(PurgeRequest.builder().tag("t-0")
                        .url("https://www.example.com/a").build()));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(outcome -> assertThat(outcome.error()).get()
                .extracting(Throwable::getMessage).asString().contains("NoClassDefFoundError")
                .contains("com/example/Missing"));
    }

    @Test
    void runningOutOfMemoryEndsThePurgeAtOnceWithAnExceptionAndSendsNoMoreCalls() {
        harness.backend.failWhen(batch -> batch.targets().contains(PurgeTarget.tag("t-0")),
                () -> new OutOfMemoryError("Java heap space"));
        PurgeClient client = harness.client(Map.of("concurrency", 1));

        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> client.purge(tags(90)))
                .isInstanceOf(PurgeException.class)
                .hasMessageContaining("OutOfMemoryError").hasMessageContaining("Java heap space"));
        // the first call ran out of memory: the two calls after it were never sent
        assertThat(harness.backend.batches()).hasSize(1);
    }

    @Test
    void anErrorWhilePlanningEndsThePurgeWithAnException() {
        harness.backend.scopes(target -> {
            throw new OutOfMemoryError("Java heap space");
        });
        PurgeClient client = harness.client();

        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> client.purge(tags(3)))
                .isInstanceOf(PurgeException.class)
                .hasMessageContaining("OutOfMemoryError")
                .hasMessageContaining("purge the same request again"));
    }

    @Test
    void anErrorInALookUpEndsThePurgeWithAnException() {
        harness.backend.lookups(target -> "k", key -> {
            throw new StackOverflowError();
        });
        PurgeClient client = harness.client();

        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> client.purge(tags(1)))
                .isInstanceOf(PurgeException.class).hasMessageContaining("StackOverflowError"));
    }

    @Test
    void anErrorInTheSleeperEndsThePurge() {
        harness.backend.failNext(new PurgeServiceException("503", 503, null, null, true, null));
        PurgeClient client = harness.client(Map.of(), harness.options().sleeper(duration -> {
            throw new OutOfMemoryError("unable to create native thread");
        }).build());

        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> client.purge(tags(1)))
                .isInstanceOf(PurgeException.class).hasMessageContaining("unable to create native thread"));
    }

    @Test
    void anErrorInAListenerEndsThePurge() {
        PurgeClient client = harness.client(Map.of(), harness.options().listener(event -> {
            if (event.type() == PurgeEvent.Type.REQUEST) {
                throw new StackOverflowError();
            }
        }).build());

        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> client.purge(tags(1)))
                .isInstanceOf(PurgeException.class).hasMessageContaining("StackOverflowError"));
    }

    @Test
    void anAssertionErrorInAListenerFailsTheCallOnly() {
        PurgeClient client = harness.client(Map.of(), harness.options().listener(event -> {
            if (event.type() == PurgeEvent.Type.REQUEST) {
                throw new AssertionError("a test's listener");
            }
        }).build());

        PurgeResult result = assertTimeoutPreemptively(HANG, () -> client.purge(tags(1)));

        // a listener's failure never fails a purge: the call went through
        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
    }
}
