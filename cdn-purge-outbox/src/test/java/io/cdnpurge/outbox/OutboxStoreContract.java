package io.cdnpurge.outbox;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.testing.Failures;
import io.cdnpurge.testing.RecordedCall;
import io.cdnpurge.testing.RecordingPurgeClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link OutboxStore} does, through {@link PurgeOutbox}: each store's test runs all of it on a new, empty
 * store per test.
 */
abstract class OutboxStoreContract {
    final FakeClock clock = new FakeClock();
    OutboxStore store;

    /** A new, empty store. */
    abstract OutboxStore newStore();

    @BeforeEach
    void newEmptyStore() {
        store = newStore();
    }

    /** A vendor that takes 1,000 targets a call, on the test's clock. */
    RecordingPurgeClient vendor() {
        return RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.maxItems", "1000")),
                ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build());
    }

    PurgeOutbox.Builder outbox(RecordingPurgeClient vendor, String worker) {
        return PurgeOutbox.builder(vendor, store).worker(worker).clock(clock).sleeper(clock.sleeper())
                .backoff(Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    static PurgeRequest urls(int count, String page) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < count; i++) {
            request.url("https://www.example.com/" + page + "/" + i);
        }
        return request.build();
    }

    /** How many times the vendor accepted each target. */
    static Map<PurgeTarget, Integer> accepted(RecordingPurgeClient... vendors) {
        Map<PurgeTarget, Integer> times = new HashMap<>();
        for (RecordingPurgeClient vendor : vendors) {
            for (RecordedCall call : vendor.calls()) {
                if (call.failure().isEmpty()) {
                    call.targets().forEach(target -> times.merge(target, 1, Integer::sum));
                }
            }
        }
        return times;
    }

    @Test
    void tenThousandUrlsEnqueuedDuringAnOutageAllSucceedOnceTheVendorIsBack() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").batchSize(10_000).build();
        // the vendor is down for 30 s: longer than the engine's own retries ride out
        vendor.failFor(Duration.ofSeconds(30), Failures.serverError());
        Instant start = clock.instant();
        String ticket = outbox.enqueue(urls(10_000, "page"));

        assertThat(outbox.drainOnce()).isEqualTo(10_000);
        OutboxStatus during = outbox.status(ticket);
        assertThat(during.count(OutboxState.RETRYING)).as("the engine gave up within the outage").isEqualTo(10_000);
        assertThat(outbox.drainOnce()).as("nothing before the backoff").isZero();

        int drains = 1;
        for (int i = 0; i < 20 && !outbox.status(ticket).done(); i++) {
            clock.advance(Duration.ofSeconds(5));
            drains += outbox.drainOnce() > 0 ? 1 : 0;
        }
        OutboxStatus after = outbox.status(ticket);
        assertThat(after.done()).as("%s", after).isTrue();
        assertThat(after.count(OutboxState.SUCCEEDED)).isEqualTo(10_000);
        Map<PurgeTarget, Integer> times = accepted(vendor);
        assertThat(times).hasSize(10_000).allSatisfy((target, count) -> assertThat(count).isEqualTo(1));
        long calls = vendor.calls().stream().filter(call -> call.failure().isEmpty()).count();
        System.out.println(store + ", 10,000 URLs through a 30 s outage: all SUCCEEDED after "
                + Duration.between(start, clock.instant()).toSeconds() + " s in " + drains + " claims, each accepted "
                + "once, " + calls + " successful calls (minimum 10), " + vendor.calls().size() + " calls in all");
        assertThat(calls).isEqualTo(10);
    }

    @Test
    void twoWorkersDrainingOneOutboxSendEveryItemExactlyOnce() throws InterruptedException {
        RecordingPurgeClient first = vendor();
        RecordingPurgeClient second = vendor();
        PurgeOutbox a = outbox(first, "a").batchSize(250).build();
        PurgeOutbox b = outbox(second, "b").batchSize(250).build();
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(a.enqueue(urls(200, "batch-" + i)));
        }
        List<Throwable> errors = inParallel(List.of(() -> drainAll(a), () -> drainAll(b)));

        assertThat(errors).isEmpty();
        Map<PurgeTarget, Integer> times = accepted(first, second);
        assertThat(times).hasSize(4_000).allSatisfy((target, count) -> assertThat(count).isEqualTo(1));
        Set<PurgeTarget> byA = new HashSet<>(accepted(first).keySet());
        byA.retainAll(accepted(second).keySet());
        assertThat(byA).as("sent by both").isEmpty();
        assertThat(tickets).allSatisfy(ticket -> assertThat(a.status(ticket).count(OutboxState.SUCCEEDED))
                .isEqualTo(200));
        System.out.println(store + ", two workers, 4,000 items: " + accepted(first).size() + " sent by a, "
                + accepted(second).size() + " by b, none twice");
    }

    private static void drainAll(PurgeOutbox outbox) {
        while (outbox.drainOnce() > 0) {
            // until nothing is ready
        }
    }

    /** Work for a thread of its own. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs each on a thread of its own, started together, and waits for them (a minute at most): what they threw. */
    static List<Throwable> inParallel(List<Work> works) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Work work : works) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    work.run();
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        return errors;
    }

    @Test
    void claimsAtTheSameMomentTakeDifferentItems() throws InterruptedException {
        outbox(vendor(), "a").build().enqueue(urls(1_000, "raced"));
        CyclicBarrier together = new CyclicBarrier(2);
        Map<String, List<Long>> taken = new ConcurrentHashMap<>();
        List<Work> workers = new ArrayList<>();
        for (String worker : List.of("a", "b")) {
            List<Long> mine = taken.computeIfAbsent(worker, any -> new ArrayList<>());
            workers.add(() -> {
                for (int round = 0; round < 50; round++) {
                    together.await(30, TimeUnit.SECONDS);   // both claim at once, every round
                    store.claim(worker, 10, clock.instant(), Duration.ofMinutes(5))
                            .forEach(item -> mine.add(item.id()));
                }
            });
        }
        List<Throwable> errors = inParallel(workers);

        assertThat(errors).isEmpty();
        assertThat(taken.get("a")).hasSize(500).doesNotContainAnyElementsOf(taken.get("b"));
        assertThat(taken.get("b")).hasSize(500);
        assertThat(store.claim("c", 10, clock.instant(), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void itemsADeadWorkerHeldAreTakenOverWhenItsLeaseRunsOutAndItCannotFinishThemAfter() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox survivor = outbox(vendor, "survivor").lease(Duration.ofMinutes(5)).build();
        String ticket = survivor.enqueue(urls(100, "dead"));
        // a worker claims them and dies (kill -9): nothing of it runs again
        List<OutboxItem> held = store.claim("dead", 1_000, clock.instant(), Duration.ofMinutes(5));
        assertThat(held).hasSize(100);

        assertThat(survivor.drainOnce()).as("still leased").isZero();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(survivor.drainOnce()).isEqualTo(100);

        assertThat(survivor.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(100);
        assertThat(store.finish("dead", held, clock.instant())).as("fenced: the dead worker's finish is ignored")
                .isEmpty();
        assertThat(accepted(vendor)).hasSize(100);
    }

    @Test
    void aRefusedTargetFailsForGoodAndARetryableOneGivesUpAfterItsAttempts() {
        RecordingPurgeClient vendor = vendor();
        vendor.refuseTargets(target -> target.value().endsWith("/refused"),
                Failures.rejected("the vendor refused this URL"));
        List<OutboxItem> told = Collections.synchronizedList(new ArrayList<>());
        PurgeOutbox outbox = outbox(vendor, "a").maxAttempts(3).listener(told::add).build();
        String ticket = outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/ok")
                .url("https://www.example.com/refused").build());

        outbox.drainOnce();

        OutboxStatus status = outbox.status(ticket);
        assertThat(status.count(OutboxState.SUCCEEDED)).isEqualTo(1);
        assertThat(status.failures()).singleElement().satisfies(item -> {
            assertThat(item.target().value()).isEqualTo("https://www.example.com/refused");
            assertThat(item.attempts()).isEqualTo(1);
            assertThat(item.lastError()).hasValue("the vendor refused this URL");
        });
        assertThat(told).extracting(OutboxItem::state).containsExactlyInAnyOrder(OutboxState.SUCCEEDED,
                OutboxState.FAILED);

        String flaky = outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/flaky").build());
        vendor.failNextCalls(3, Failures.serverError());
        for (int attempt = 0; attempt < 3; attempt++) {
            outbox.drainOnce();
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(outbox.status(flaky).failures()).singleElement().satisfies(item -> {
            assertThat(item.attempts()).isEqualTo(3);
            assertThat(item.lastError()).get().asString().endsWith("(gave up after 3 attempts)");
        });
    }

    @Test
    void aPurgeForLaterWaitsForItsTimeAndAFullOutboxStoresNothing() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").maxPending(150).build();
        String later = outbox.enqueue(urls(100, "later"), clock.instant().plusSeconds(60));

        assertThat(outbox.drainOnce()).isZero();
        assertThatThrownBy(() -> outbox.enqueue(urls(51, "more"))).isInstanceOf(OutboxFullException.class)
                .hasMessageContaining("the outbox holds 100 items waiting, and 51 more would pass its bound of 150");
        assertThat(store.pending()).isEqualTo(100);

        clock.advance(Duration.ofSeconds(60));
        assertThat(outbox.drainOnce()).isEqualTo(100);
        assertThat(outbox.status(later).done()).isTrue();
    }

    @Test
    void enqueuesWhileTwoWorkersDrainAreEachSentOnceAndNoneIsLost() throws InterruptedException {
        RecordingPurgeClient first = vendor();
        RecordingPurgeClient second = vendor();
        PurgeOutbox a = outbox(first, "a").batchSize(150).build();
        PurgeOutbox b = outbox(second, "b").batchSize(150).build();
        CountDownLatch enqueued = new CountDownLatch(2);
        Semaphore more = new Semaphore(0);   // a permit per worker for each purge enqueued
        List<String> tickets = Collections.synchronizedList(new ArrayList<>());
        List<Work> work = new ArrayList<>();
        for (String producer : List.of("p", "q")) {
            work.add(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        tickets.add(a.enqueue(urls(100, producer + "-" + i)));
                        more.release(2);
                    }
                } finally {
                    enqueued.countDown();
                    more.release(2);
                }
            });
        }
        for (PurgeOutbox outbox : List.of(a, b)) {
            work.add(() -> {
                while (true) {
                    boolean done = enqueued.await(0, TimeUnit.MILLISECONDS);
                    if (outbox.drainOnce() == 0) {
                        if (done) {
                            break;   // every purge was enqueued before this drain found nothing ready
                        }
                        more.tryAcquire(10, TimeUnit.SECONDS);   // until the next enqueue
                    }
                }
            });
        }
        List<Throwable> errors = inParallel(work);

        assertThat(errors).isEmpty();
        assertThat(accepted(first, second)).hasSize(2_000).allSatisfy((target, count) -> assertThat(count)
                .isEqualTo(1));
        assertThat(tickets).hasSize(20).allSatisfy(ticket -> assertThat(a.status(ticket).count(
                OutboxState.SUCCEEDED)).isEqualTo(100));
        assertThat(store.pending()).isZero();
    }

    @Test
    void aStartedWorkerDrainsUntilClosed() throws InterruptedException {
        RecordingPurgeClient vendor = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.maxItems",
                "1000")));
        CountDownLatch finished = new CountDownLatch(500);
        try (PurgeOutbox outbox = PurgeOutbox.builder(vendor, store).pollInterval(Duration.ofMillis(20))
                .listener(item -> finished.countDown()).build().start()) {
            String ticket = outbox.enqueue(urls(500, "started"));
            // the worker thread tells each item it finished; the wait is bounded
            assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(outbox.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(500);
        }
    }

    @Test
    void aTargetQueuedTwiceIsSentOnceForBothTicketsAndEverythingReplacesWhatItCovers() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").build();
        String first = outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/a")
                .url("https://www.example.com/b").build());
        String second = outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/a").build());
        assertThat(store.pending()).as("one row for /a").isEqualTo(2);

        outbox.drainOnce();

        assertThat(accepted(vendor)).hasSize(2).allSatisfy((target, count) -> assertThat(count).isEqualTo(1));
        assertThat(outbox.status(first).count(OutboxState.SUCCEEDED)).isEqualTo(2);
        assertThat(outbox.status(second).count(OutboxState.SUCCEEDED)).isEqualTo(1);

        // queued URLs, then everything: everything alone is sent, and every ticket is served by it
        String urls = outbox.enqueue(urls(50, "old"));
        String all = outbox.enqueue(PurgeRequest.builder().everything().build());
        String later = outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/new").build());
        assertThat(store.pending()).isEqualTo(1);

        outbox.drainOnce();

        assertThat(vendor.calls()).last().satisfies(call -> assertThat(call.targets())
                .containsExactly(PurgeTarget.everything()));
        assertThat(List.of(urls, all, later)).allSatisfy(ticket -> assertThat(outbox.status(ticket).done()).isTrue());
        assertThat(outbox.status(urls).count(OutboxState.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void aPurgeTheClientCannotMakeIsRefusedAtEnqueueAndNothingIsStored() {
        RecordingPurgeClient urlsOnly = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.kinds",
                "url")), ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build());
        PurgeOutbox outbox = PurgeOutbox.builder(urlsOnly, store).worker("a").clock(clock).sleeper(clock.sleeper())
                .build();
        outbox.enqueue(urls(10, "kept"));
        assertThatThrownBy(() -> outbox.enqueue(PurgeRequest.builder().everything().build()))
                .isInstanceOf(io.cdnpurge.UnsupportedPurgeException.class).hasMessageContaining("everything");

        assertThat(store.pending()).as("the URLs are kept; nothing else was stored").isEqualTo(10);
    }

    @Test
    void aBatchTheClientRefusesAsAWholeIsSentItemByItemSoOnlyTheFaultyItemFails() {
        // stored through a client that takes tags, drained through one that does not (its configuration changed)
        PurgeOutbox.builder(vendor(), store).clock(clock).build().enqueue(PurgeRequest.builder()
                .url("https://www.example.com/a").url("https://www.example.com/b").tag("article-42").build());
        RecordingPurgeClient urlsOnly = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.kinds",
                "url")), ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build());
        List<OutboxItem> told = java.util.Collections.synchronizedList(new ArrayList<>());
        PurgeOutbox outbox = PurgeOutbox.builder(urlsOnly, store).clock(clock).sleeper(clock.sleeper())
                .listener(told::add).build();

        assertThat(outbox.drainOnce()).isEqualTo(3);

        assertThat(urlsOnly.purgedUrls()).containsExactlyInAnyOrder("https://www.example.com/a",
                "https://www.example.com/b");
        assertThat(told).extracting(OutboxItem::state).containsExactlyInAnyOrder(OutboxState.SUCCEEDED,
                OutboxState.SUCCEEDED, OutboxState.FAILED);
        assertThat(told).filteredOn(item -> item.state() == OutboxState.FAILED).singleElement()
                .satisfies(item -> assertThat(item.lastError()).hasValueSatisfying(error -> assertThat(error)
                        .contains("tag")));
    }

    @Test
    void aBatchThatKeepsOutlivingItsLeaseEndsAfterMaxAttempts() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").maxAttempts(3).build();
        String ticket = outbox.enqueue(urls(5, "slow"));
        // three workers in turn claim the items and lose them with their lease: three attempts lost
        for (int i = 0; i < 3; i++) {
            assertThat(store.claim("dying-" + i, 100, clock.instant(), Duration.ofMinutes(5))).hasSize(5);
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(outbox.drainOnce()).isEqualTo(5);

        OutboxStatus status = outbox.status(ticket);
        assertThat(status.count(OutboxState.FAILED)).as("failed for good, not sent again").isEqualTo(5);
        assertThat(status.failures()).first().satisfies(item -> assertThat(item.lastError()).hasValueSatisfying(
                error -> assertThat(error).contains("lease", "ran out 3 times", "PurgeOutbox.Builder.lease")));
        assertThat(vendor.calls()).isEmpty();
        assertThat(store.claim("late", 100, clock.instant(), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void aPurgeDueLaterIsNeitherJoinedNorReplacedByOneDueNow() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").build();
        Instant later = clock.instant().plus(Duration.ofMinutes(10));
        PurgeRequest page = PurgeRequest.builder().url("https://www.example.com/page").build();
        String forLater = outbox.enqueue(page, later);
        String now = outbox.enqueue(page);
        outbox.enqueue(PurgeRequest.builder().everything().build());
        String alsoLater = outbox.enqueue(page, later);
        assertThat(store.pending()).as("everything now; the page later, once for both of its tickets").isEqualTo(2);

        outbox.drainOnce();
        assertThat(outbox.status(now).done()).isTrue();
        assertThat(outbox.status(forLater).count(OutboxState.QUEUED)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(10));
        outbox.drainOnce();
        assertThat(List.of(forLater, alsoLater)).allSatisfy(ticket -> assertThat(outbox.status(ticket).count(
                OutboxState.SUCCEEDED)).isEqualTo(1));
        assertThat(vendor.calls()).hasSize(2);
    }

    @Test
    void aRepeatedPurgeIsSentAgainAfterItsDelay() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").repeatAfter(Duration.ofSeconds(90)).build();
        String ticket = outbox.enqueue(urls(3, "slow-origin"));

        assertThat(outbox.drainOnce()).isEqualTo(3);
        OutboxStatus first = outbox.status(ticket);
        assertThat(first.count(OutboxState.SUCCEEDED)).isEqualTo(3);
        assertThat(first.count(OutboxState.QUEUED)).isEqualTo(3);
        clock.advance(Duration.ofSeconds(89));
        assertThat(outbox.drainOnce()).as("not before the repeat is due").isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.drainOnce()).isEqualTo(3);
        assertThat(outbox.status(ticket).done()).isTrue();
        assertThat(accepted(vendor)).hasSize(3).allSatisfy((target, count) -> assertThat(count).isEqualTo(2));

        String once = outbox.enqueue(urls(1, "once"), clock.instant(), Duration.ZERO);
        outbox.drainOnce();
        assertThat(outbox.status(once).done()).isTrue();
        assertThatThrownBy(() -> outbox.enqueue(urls(1, "x"), clock.instant(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeatAfter");
    }

    @Test
    void aWorkerStoppedMidBatchHandsItsItemsBackAtOnce() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        List<OutboxItem> lateRecords = java.util.Collections.synchronizedList(new ArrayList<>());
        RecordingPurgeClient vendor = vendor();
        // a vendor that hangs, deaf to interrupts, until the test lets it answer
        PurgeClient hanging = new io.cdnpurge.spi.ForwardingPurgeClient(vendor) {
            @Override
            public PurgeResult purge(PurgeRequest request) {
                entered.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        if (release.await(30, TimeUnit.SECONDS)) {
                            break;
                        }
                        throw new IllegalStateException("the test never released the vendor");
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return super.purge(request);
            }
        };
        // the store as the stopped worker sees it: its late finish is noted, so the test knows when it is over
        OutboxStore watched = new ForwardingOutboxStore(store) {
            @Override
            public List<OutboxItem> finish(String worker, List<OutboxItem> finished, Instant now) {
                List<OutboxItem> recorded = super.finish(worker, finished, now);
                lateRecords.addAll(recorded);
                answered.countDown();
                return recorded;
            }
        };
        List<OutboxItem> told = java.util.Collections.synchronizedList(new ArrayList<>());
        PurgeOutbox stopping = PurgeOutbox.builder(hanging, watched).worker("stopping").clock(clock)
                .stopTimeout(Duration.ofMillis(1)).pollInterval(Duration.ofMillis(10)).listener(told::add).build();
        String ticket = stopping.enqueue(urls(20, "handed-back"));
        stopping.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        stopping.close();   // the batch outlives stopTimeout: its 20 items are handed back

        RecordingPurgeClient survivor = vendor();
        PurgeOutbox next = outbox(survivor, "next").build();
        assertThat(next.drainOnce()).as("claimable at once, no lease to wait out").isEqualTo(20);
        assertThat(next.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(20);
        release.countDown();
        // the stopped worker's late answer, once it came, changed nothing and told no listener: its items were
        // another's
        assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lateRecords).isEmpty();
        assertThat(told).isEmpty();
        assertThat(next.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(20);
    }

    @Test
    void aRepeatIsKeptWhenAQueuedPurgeOfEverythingCoversTheFirstPurge() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").build();
        String all = outbox.enqueue(PurgeRequest.builder().everything().build());
        String page = outbox.enqueue(urls(1, "repeated"), clock.instant(), Duration.ofSeconds(60));
        assertThat(store.pending()).as("everything now, the page again in 60 s").isEqualTo(2);

        outbox.drainOnce();
        assertThat(outbox.status(all).done()).isTrue();
        clock.advance(Duration.ofSeconds(60));
        outbox.drainOnce();

        assertThat(outbox.status(page).done()).isTrue();
        assertThat(outbox.status(page).count(OutboxState.SUCCEEDED)).as("everything, then the page").isEqualTo(2);
        assertThat(vendor.purgedUrls()).containsExactly("https://www.example.com/repeated/0");
    }

    @Test
    void finishedItemsAreForgottenAfterKeepFinishedForAndWaitingOnesKept() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox outbox = outbox(vendor, "a").keepFinishedFor(Duration.ofDays(7)).build();
        String done = outbox.enqueue(urls(5, "done"));
        outbox.drainOnce();
        String waiting = outbox.enqueue(urls(3, "later"), clock.instant().plus(Duration.ofDays(30)));

        clock.advance(Duration.ofDays(6));
        assertThat(outbox.prune()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(outbox.prune()).isEqualTo(5);

        assertThat(outbox.status(done).counts().values()).allSatisfy(count -> assertThat(count).isZero());
        assertThat(outbox.status(done).known()).as("forgotten").isFalse();
        assertThat(outbox.status(waiting).known()).isTrue();
        assertThat(outbox.status(waiting).count(OutboxState.QUEUED)).isEqualTo(3);
        assertThat(outbox.pending()).isEqualTo(3);
    }

    private static PurgeRequest pages() {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < 5; i++) {
            request.url("https://www.example.com/news/" + i + ".html");
        }
        return request.url("https://www.example.com/about/team.html").url("https://www.example.com/index.html")
                .target(PurgeTarget.url("https://www.example.com/news/5.html", Map.of("Accept-Language", "de")))
                .build();
    }

    private RecordingPurgeClient vendorOf(String kinds) {
        return RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.kinds", kinds)),
                ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build());
    }

    @Test
    void aDirectorysUrlsArePurgedAsOnePrefixWhenAskedAndTheVendorCan() {
        RecordingPurgeClient vendor = vendorOf("url,prefix");
        PurgeOutbox outbox = PurgeOutbox.builder(vendor, store).clock(clock).sleeper(clock.sleeper())
                .coalescePrefixes(3).build();
        String ticket = outbox.enqueue(pages());

        assertThat(outbox.drainOnce()).isEqualTo(8);

        assertThat(vendor.purged(PurgeTarget.Kind.PREFIX)).containsExactly("https://www.example.com/news/");
        assertThat(vendor.purgedUrls()).containsExactlyInAnyOrder("https://www.example.com/about/team.html",
                "https://www.example.com/index.html", "https://www.example.com/news/5.html");
        assertThat(outbox.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(8);
    }

    @Test
    void urlsStayUrlsWhenTheVendorCannotPurgePrefixesOrNobodyAsked() {
        RecordingPurgeClient urlsOnly = vendorOf("url");
        PurgeOutbox outbox = PurgeOutbox.builder(urlsOnly, store).clock(clock).sleeper(clock.sleeper())
                .coalescePrefixes(3).build();
        outbox.enqueue(pages());
        outbox.drainOnce();
        assertThat(urlsOnly.purgedUrls()).hasSize(8);

        RecordingPurgeClient both = vendorOf("url,prefix");
        PurgeOutbox plain = PurgeOutbox.builder(both, store).clock(clock).sleeper(clock.sleeper()).build();
        plain.enqueue(urls(4, "news"));
        plain.drainOnce();
        assertThat(both.purged(PurgeTarget.Kind.PREFIX)).isEmpty();
        assertThat(both.purgedUrls()).hasSize(4);

        assertThatThrownBy(() -> PurgeOutbox.builder(both, store).coalescePrefixes(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }
}
