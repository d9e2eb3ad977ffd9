package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A purge of one call runs on the caller's thread, and still counts against the client's {@code concurrency}: calls
 * on callers' threads and on the pool share its slots, and a call that waits for one says so and is bounded by the
 * deadline.
 */
class InlineAndConcurrencyTest {
    private final EngineHarness harness = new EngineHarness();
    private final ExecutorService callers = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        callers.shutdownNow();
        harness.close();
    }

    @Test
    void aOneCallPurgeIsSentFromTheCallersThread() {
        AtomicReference<Thread> sentFrom = new AtomicReference<>();
        PurgeClient client = harness.client(Map.of(), harness.options().listener(event -> {
            if (event.type() == PurgeEvent.Type.REQUEST) {
                sentFrom.set(Thread.currentThread());
            }
        }).build());

        PurgeResult result = client.purge(PurgeRequest.builder().tag("a").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(sentFrom.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void callsOnCallersThreadsWaitForASlotAndSayWhatTheyWaitFor() throws Exception {
        CountDownLatch firstSending = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        PurgeClient client = harness.client(Map.of("concurrency", 1), harness.options().listener(event -> {
            if (event.type() == PurgeEvent.Type.REQUEST && first.getAndSet(false)) {
                firstSending.countDown();
                await(releaseFirst);
            }
            if (event.type() == PurgeEvent.Type.WAITING) {
                secondWaiting.countDown();
            }
        }).build());

        CompletableFuture<PurgeResult> a = CompletableFuture.supplyAsync(
                () -> client.purge(PurgeRequest.builder().tag("a").build()), callers);
        assertThat(firstSending.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<PurgeResult> b = CompletableFuture.supplyAsync(
                () -> client.purge(PurgeRequest.builder().tag("b").build()), callers);
        assertThat(secondWaiting.await(10, TimeUnit.SECONDS)).isTrue();

        // one slot: the second call has not been sent while the first holds it
        assertThat(harness.backend.batches()).isEmpty();
        releaseFirst.countDown();

        assertThat(a.get(10, TimeUnit.SECONDS).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(b.get(10, TimeUnit.SECONDS).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.backend.sentTargets()).containsExactly(PurgeTarget.tag("a"), PurgeTarget.tag("b"));
        assertThat(harness.listener.ofType(PurgeEvent.Type.WAITING)).singleElement()
                .satisfies(event -> assertThat(event.detail().orElseThrow())
                        .contains("waiting for one of the 1 calls in flight to end (test.concurrency)")
                        .contains("test.deadline"));
    }

    @Test
    void aCallThatWaitsForASlotPastTheDeadlineIsNotSentAndSaysWhy() throws Exception {
        CountDownLatch firstSending = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        PurgeClient client = harness.client(Map.of("concurrency", 1, "deadline", "1m"),
                harness.options().listener(event -> {
                    if (event.type() == PurgeEvent.Type.REQUEST && first.getAndSet(false)) {
                        firstSending.countDown();
                        await(releaseFirst);
                    }
                    if (event.type() == PurgeEvent.Type.WAITING) {
                        // the first call takes longer than the second's deadline
                        harness.clock.advance(Duration.ofMinutes(2));
                    }
                }).build());

        CompletableFuture<PurgeResult> a = CompletableFuture.supplyAsync(
                () -> client.purge(PurgeRequest.builder().tag("a").build()), callers);
        assertThat(firstSending.await(10, TimeUnit.SECONDS)).isTrue();
        PurgeResult b = CompletableFuture.supplyAsync(() -> client.purge(PurgeRequest.builder().tag("b").build()),
                callers).get(10, TimeUnit.SECONDS);
        releaseFirst.countDown();

        assertThat(b.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(b.failures().get(0).error().orElseThrow().getMessage())
                .contains("test.deadline (PT1M) passed while the call waited for one of the 1 calls in flight")
                .contains("it was not sent").contains("raise test.concurrency");
        assertThat(a.get(10, TimeUnit.SECONDS).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.backend.sentTargets()).containsExactly(PurgeTarget.tag("a"));
    }

    @Test
    void callsOnThePoolAndOnCallersThreadsNeverExceedTheConcurrencyTogether() throws Exception {
        int concurrency = 2;
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        PurgeClient client = harness.client(Map.of("concurrency", concurrency), harness.options().listener(event -> {
            if (event.type() == PurgeEvent.Type.REQUEST) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.yield();
            } else if (event.type() == PurgeEvent.Type.RESPONSE) {
                inFlight.decrementAndGet();
            }
        }).build());
        PurgeRequest many = PurgeRequest.ofUrls(EngineHarness.urls(30 * 20));

        CompletableFuture<PurgeResult> pooled = CompletableFuture.supplyAsync(() -> client.purge(many), callers);
        for (int i = 0; i < 50; i++) {
            assertThat(client.purge(PurgeRequest.builder().tag("t" + i).build()).status())
                    .isEqualTo(PurgeResult.Status.SUCCEEDED);
        }

        assertThat(pooled.get(10, TimeUnit.SECONDS).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(most.get()).isBetween(1, concurrency);
        assertThat(harness.backend.batches()).hasSize(70);
    }

    @Test
    void aListenerGetsOnlyTheEventsItWantsAndNoneIsBuiltForNobody() {
        RecordingListener completedOnly = new RecordingListener() {
            @Override
            public boolean wants(PurgeEvent.Type type) {
                return type == PurgeEvent.Type.COMPLETED;
            }
        };
        PurgeClient client = harness.client(Map.of(), harness.options().listener(completedOnly).build());

        client.purge(PurgeRequest.ofUrls(EngineHarness.urls(31)));

        assertThat(completedOnly.types()).containsExactly(PurgeEvent.Type.COMPLETED);
        assertThat(harness.listener.types()).contains(PurgeEvent.Type.PLANNED, PurgeEvent.Type.REQUEST,
                PurgeEvent.Type.RESPONSE, PurgeEvent.Type.COMPLETED);
    }

    @Test
    void aListenerWhoseWantsThrowsStillGetsEveryEvent() {
        RecordingListener confused = new RecordingListener() {
            @Override
            public boolean wants(PurgeEvent.Type type) {
                throw new IllegalStateException("not sure");
            }
        };
        PurgeClient client = harness.client(Map.of(), ClientOptions.builder().clock(harness.clock)
                .sleeper(harness.sleeper).logging(false).listener(confused).build());

        assertThat(client.purge(PurgeRequest.builder().tag("a").build()).status())
                .isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(confused.types()).contains(PurgeEvent.Type.REQUEST, PurgeEvent.Type.COMPLETED);
    }

    @Test
    void theSlf4jListenerWantsOnlyWhatItsLoggerHasEnabled() {
        LevelLogger infoOnly = new LevelLogger(org.slf4j.event.Level.INFO);
        Slf4jPurgeListener listener = new Slf4jPurgeListener(infoOnly);
        PurgeClient client = harness.client(Map.of(), ClientOptions.builder().clock(harness.clock)
                .sleeper(harness.sleeper).logging(false).listener(listener).build());

        client.purge(PurgeRequest.builder().tag("a").build());

        assertThat(listener.wants(PurgeEvent.Type.REQUEST)).isFalse();
        assertThat(listener.wants(PurgeEvent.Type.PLANNED)).isFalse();
        assertThat(listener.wants(PurgeEvent.Type.RESPONSE)).isTrue();
        assertThat(listener.wants(PurgeEvent.Type.RETRY)).isTrue();
        assertThat(infoOnly.levels).containsOnly(org.slf4j.event.Level.INFO);
        assertThat(infoOnly.texts).anyMatch(text -> text.contains("RESPONSE"))
                .anyMatch(text -> text.contains("COMPLETED"));
        assertThat(new Slf4jPurgeListener(new LevelLogger(org.slf4j.event.Level.ERROR))
                .wants(PurgeEvent.Type.RETRY)).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A logger with the levels from {@code lowest} up enabled, keeping what it logs. */
    private static final class LevelLogger extends org.slf4j.helpers.LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient org.slf4j.event.Level lowest;
        final transient List<org.slf4j.event.Level> levels = new java.util.concurrent.CopyOnWriteArrayList<>();
        final transient List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();

        LevelLogger(org.slf4j.event.Level lowest) {
            this.lowest = lowest;
            this.name = "io.cdnpurge.test";
        }

        private boolean enabled(org.slf4j.event.Level level) {
            // org.slf4j.event.Level numbers ERROR highest
            return level.toInt() >= lowest.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(org.slf4j.event.Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(org.slf4j.event.Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(org.slf4j.event.Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(org.slf4j.event.Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(org.slf4j.event.Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, org.slf4j.Marker marker,
                                                   String pattern, Object[] arguments, Throwable throwable) {
            levels.add(level);
            texts.add(org.slf4j.helpers.MessageFormatter.basicArrayFormat(pattern, arguments));
        }
    }
}
