package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cdnpurge.EngineHarness.urls;
import static io.cdnpurge.PurgeEvent.Type.CALL_FAILED;
import static io.cdnpurge.PurgeEvent.Type.COMPLETED;
import static io.cdnpurge.PurgeEvent.Type.PLANNED;
import static io.cdnpurge.PurgeEvent.Type.REQUEST;
import static io.cdnpurge.PurgeEvent.Type.RESPONSE;
import static io.cdnpurge.PurgeEvent.Type.RETRY;
import static io.cdnpurge.PurgeEvent.Type.THROTTLED;
import static org.assertj.core.api.Assertions.assertThat;

class EventsTest {
    private static final String SECRET = "cf-token-9f8e7d6c5b4a";

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void closeClients() {
        harness.close();
    }

    /** A URL call that is throttled once, then a tag call that fails for good, sent one after the other. */
    private PurgeResult throttledThenFailed() {
        harness.backend.failNext(new PurgeThrottledException("429 slow down", 429, null, null, Duration.ofSeconds(1)));
        harness.backend.failWhen(batch -> batch.kind() == PurgeTarget.Kind.TAG,
                () -> new PurgeServiceException("400 bad tag", 400, null, null, false, null));
        PurgeClient client = harness.client(Map.of("concurrency", 1));
        return client.purge(PurgeRequest.builder().url("https://www.example.com/").tag("t1").build());
    }

    @Test
    void aSuccessfulPurgeEmitsPlannedRequestResponseAndCompleted() {
        PurgeClient client = harness.client();

        client.purge(PurgeRequest.builder().tag("t1").build());

        assertThat(harness.listener.types()).containsExactly(PLANNED, REQUEST, RESPONSE, COMPLETED);
    }

    @Test
    void aThrottledCallAndAFailedCallEmitEveryEventInOrder() {
        throttledThenFailed();

        assertThat(harness.listener.types()).containsExactly(PLANNED, REQUEST, THROTTLED, RETRY, REQUEST, RESPONSE,
                REQUEST, CALL_FAILED, COMPLETED);
    }

    @Test
    void callEventsCarryTheCallIndexCountAndAttempt() {
        throttledThenFailed();

        List<String> calls = new ArrayList<>();
        harness.listener.events().forEach(event -> calls.add(event.type() + " " + event.call() + "/"
                + event.calls() + "#" + event.attempt()));
        assertThat(calls).containsExactly("PLANNED 0/2#0", "REQUEST 1/2#1", "THROTTLED 1/2#1", "RETRY 1/2#1",
                "REQUEST 1/2#2", "RESPONSE 1/2#2", "REQUEST 2/2#1", "CALL_FAILED 2/2#1", "COMPLETED 0/2#0");
    }

    @Test
    void theRetryEventSaysHowLongTheEngineWaits() {
        throttledThenFailed();

        PurgeEvent retry = harness.listener.ofType(RETRY).get(0);
        assertThat(retry.waitTime()).hasValue(Duration.ofSeconds(1));
        assertThat(retry.httpStatus()).isEqualTo(429);
        assertThat(retry.detail()).hasValue("429 slow down");
    }

    @Test
    void theResponseEventCarriesTheVendorReferenceAndStatus() {
        harness.client().purge(PurgeRequest.builder().tag("t1").build());

        PurgeEvent response = harness.listener.ofType(RESPONSE).get(0);
        assertThat(response.vendorReference()).hasValue("ref-1");
        assertThat(response.httpStatus()).isEqualTo(200);
        assertThat(response.kind()).hasValue(PurgeTarget.Kind.TAG);
        assertThat(response.items()).isEqualTo(1);
    }

    @Test
    void thePlannedEventCountsCallsAndTargets() {
        harness.client().purge(PurgeRequest.ofUrls(urls(31)));

        PurgeEvent planned = harness.listener.ofType(PLANNED).get(0);
        assertThat(planned.calls()).isEqualTo(2);
        assertThat(planned.items()).isEqualTo(31);
    }

    @Test
    void theCompletedEventGivesTheOverallStatus() {
        throttledThenFailed();

        assertThat(harness.listener.ofType(COMPLETED).get(0).detail()).get().asString().startsWith("PARTIAL");
    }

    @Test
    void aListenerThatThrowsDoesNotFailThePurge() {
        AtomicInteger laterListenerCalls = new AtomicInteger();
        ClientOptions options = harness.options()
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(event -> laterListenerCalls.incrementAndGet())
                .build();
        PurgeClient client = harness.client(Map.of(), options);

        PurgeResult result = client.purge(PurgeRequest.builder().tag("t1").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(laterListenerCalls).hasValue(4);
    }

    @Test
    void theSlf4jListenerLogsOneInfoLinePerAcceptedRequest() {
        CapturingLogger logger = new CapturingLogger();
        ClientOptions options = harness.options().listener(new Slf4jPurgeListener(logger)).build();
        PurgeClient client = harness.client(Map.of(), options);

        client.purge(PurgeRequest.ofUrls(urls(90)));

        assertThat(logger.texts(Level.INFO)).filteredOn(line -> line.contains(" RESPONSE ")).hasSize(3);
        assertThat(logger.texts(Level.INFO)).filteredOn(line -> !line.contains(" RESPONSE "))
                .singleElement().asString().contains("COMPLETED");
    }

    @Test
    void theSlf4jListenerLogsARetryAsAWarningAndTheAcceptedAttemptOnce() {
        CapturingLogger logger = new CapturingLogger();
        harness.backend.failNext(new PurgeServiceException("503 unavailable", 503, null, null, true, null));
        ClientOptions options = harness.options().listener(new Slf4jPurgeListener(logger)).build();
        PurgeClient client = harness.client(Map.of(), options);

        client.purge(PurgeRequest.builder().tag("t1").build());

        assertThat(logger.texts(Level.WARN)).singleElement().asString().contains("RETRY").contains("503 unavailable");
        assertThat(logger.texts(Level.INFO)).filteredOn(line -> line.contains(" RESPONSE ")).singleElement()
                .asString().contains("call 1/1 attempt 2");
    }

    @Test
    void theSlf4jListenerLogsAFailedCallAsAWarning() {
        CapturingLogger logger = new CapturingLogger();
        harness.backend.failNext(new PurgeServiceException("400 bad tag", 400, null, null, false, null));
        ClientOptions options = harness.options().listener(new Slf4jPurgeListener(logger)).build();
        PurgeClient client = harness.client(Map.of(), options);

        client.purge(PurgeRequest.builder().tag("t1").build());

        assertThat(logger.texts(Level.WARN)).singleElement().asString().contains("CALL_FAILED").contains("400 bad tag");
        assertThat(logger.texts(Level.INFO)).filteredOn(line -> line.contains(" RESPONSE ")).isEmpty();
    }

    @Test
    void secretsNeverAppearInEventsEvenWhenTheBackendPutsThemInItsTexts() {
        leakySecretPurge(harness.options().build());

        assertThat(harness.listener.events()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.toString()).doesNotContain(SECRET);
            assertThat(event.description().orElse("")).doesNotContain(SECRET);
            assertThat(event.detail().orElse("")).doesNotContain(SECRET);
        });
        assertThat(harness.listener.events()).anySatisfy(event ->
                assertThat(event.toString()).contains("[REDACTED]"));
    }

    @Test
    void secretsNeverAppearInLogLinesEvenWhenTheBackendPutsThemInItsTexts() {
        CapturingLogger logger = new CapturingLogger();

        leakySecretPurge(harness.options().listener(new Slf4jPurgeListener(logger)).build());

        assertThat(logger.lines()).isNotEmpty()
                .allSatisfy(line -> assertThat(line.text()).doesNotContain(SECRET))
                .anySatisfy(line -> assertThat(line.text()).contains("[REDACTED]"));
    }

    @Test
    void secretsNeverAppearInAPlan() {
        harness.backend.secrets(SECRET);
        harness.backend.describer(batch -> "POST /purge?token=" + SECRET);
        harness.backend.scopes(target -> {
            if (target.value().equals("lost")) {
                throw new PurgeException("zone lookup with " + SECRET + " failed");
            }
            return "zone-1";
        });
        PurgeClient client = harness.client();

        PurgePlan plan = client.plan(PurgeRequest.builder().tag("t1").tag("lost").build());

        assertThat(plan.notes()).isNotEmpty().allSatisfy(note -> assertThat(note).doesNotContain(SECRET));
        assertThat(plan.calls()).allSatisfy(call -> {
            assertThat(call.description()).doesNotContain(SECRET);
            assertThat(call.toString()).doesNotContain(SECRET);
        });
    }

    /** A purge whose describe() and error messages contain the backend's secret: retried once, then refused. */
    private void leakySecretPurge(ClientOptions options) {
        harness.backend.secrets(SECRET);
        harness.backend.describer(batch -> "POST /purge Authorization: Bearer " + SECRET);
        harness.backend.failNext(
                new PurgeThrottledException("429 for token " + SECRET, 429, null, null, Duration.ofSeconds(1)),
                new PurgeServiceException("400 token " + SECRET + " cannot purge", 400, null, null, false, null));
        PurgeClient client = harness.client(Map.of("concurrency", 1), options);
        client.purge(PurgeRequest.builder().tag("t1").tag("t2").url("https://www.example.com/").build());
    }
}
