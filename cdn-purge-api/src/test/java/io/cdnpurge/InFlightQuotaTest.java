package io.cdnpurge;

import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.InFlightQuota;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.VendorRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine keeps calls within a vendor's quota on purges in flight, and waits for room instead of failing. */
class InFlightQuotaTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final RecordingListener listener = new RecordingListener();

    /**
     * A vendor that lets a scope have {@code limit} items in flight; each purge completes {@code delay} after it
     * was accepted, and a call that does not fit is refused as "quota full".
     */
    private final class QuotaVendor implements PurgeBackend, InFlightQuota {
        final int limit;
        final Duration delay;
        final Map<String, Instant> doneAt = new ConcurrentHashMap<>();
        final Map<String, Integer> sizes = new ConcurrentHashMap<>();
        final Map<String, String> scopes = new ConcurrentHashMap<>();
        final AtomicInteger ids = new AtomicInteger();
        final AtomicInteger refusals = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger statusQueries = new AtomicInteger();
        final AtomicInteger listQueries = new AtomicInteger();
        /** Sends that throw this instead of answering, once each. */
        final java.util.Deque<Error> errors = new java.util.concurrent.ConcurrentLinkedDeque<>();
        /** Status queries that throw this, once each. */
        final java.util.Deque<RuntimeException> statusBugs = new java.util.concurrent.ConcurrentLinkedDeque<>();

        QuotaVendor(int limit, Duration delay) {
            this.limit = limit;
            this.delay = delay;
        }

        /** Someone else's purge, already in flight. */
        synchronized String foreign(String scope, int items) {
            String id = "other-" + ids.incrementAndGet();
            doneAt.put(id, clock.instant().plus(delay));
            sizes.put(id, items);
            scopes.put(id, scope);
            return id;
        }

        synchronized int inFlightNow(String scope) {
            Instant now = clock.instant();
            return doneAt.entrySet().stream().filter(e -> scopes.get(e.getKey()).equals(scope))
                    .filter(e -> e.getValue().isAfter(now)).mapToInt(e -> sizes.get(e.getKey())).sum();
        }

        @Override
        public String providerId() {
            return "test";
        }

        @Override
        public PurgeCapabilities capabilities() {
            return PurgeCapabilities.builder().kind(PurgeTarget.Kind.URL, BatchLimit.items(30)).statusApi(true)
                    .build();
        }

        @Override
        public Scope scope(PurgeTarget target) {
            return Scope.of("dist-1");
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
                    return "POST " + batch;
                }

                @Override
                public OptionalInt billableItems() {
                    return OptionalInt.of(batch.targets().size());
                }

                @Override
                public Map<String, Integer> quotaUse() {
                    return Map.of("items", batch.targets().size());
                }

                @Override
                public BatchResult send(VendorRequests requests) {
                    return requests.send(PurgeEvent.Purpose.PURGE, null, () -> accept(batch));
                }
            };
        }

        synchronized BatchResult accept(PurgeBatch batch) {
            Error error = errors.poll();
            if (error != null) {
                throw error;
            }
            int used = inFlightNow(batch.scope());
            if (used + batch.targets().size() > limit) {
                refusals.incrementAndGet();
                throw new PurgeThrottledException("quota full", 400, "QuotaFull", null, null);
            }
            String id = "p-" + ids.incrementAndGet();
            doneAt.put(id, clock.instant().plus(delay));
            sizes.put(id, batch.targets().size());
            scopes.put(id, batch.scope());
            maxInFlight.accumulateAndGet(used + batch.targets().size(), Math::max);
            return BatchResult.builder(201).reference(id).completion(requests -> requests.send(
                    PurgeEvent.Purpose.STATUS, "GET /purge/" + id, () -> completion(id))).build();
        }

        TargetOutcome.Status completion(String reference) {
            statusQueries.incrementAndGet();
            RuntimeException bug = statusBugs.poll();
            if (bug != null) {
                throw bug;
            }
            return doneAt.get(reference).isAfter(clock.instant()) ? TargetOutcome.Status.IN_PROGRESS
                    : TargetOutcome.Status.SUCCEEDED;
        }

        @Override
        public Optional<InFlightQuota> inFlightQuota() {
            return Optional.of(this);
        }

        @Override
        public Map<String, Integer> limits(String pool) {
            return Map.of("items", limit);
        }

        @Override
        public List<Work> inFlight(String pool, VendorRequests requests) {
            return requests.send(PurgeEvent.Purpose.LISTING, "GET /purges", () -> list(pool));
        }

        synchronized List<Work> list(String pool) {
            listQueries.incrementAndGet();
            Instant now = clock.instant();
            List<Work> works = new ArrayList<>();
            doneAt.forEach((id, done) -> {
                if (scopes.get(id).equals(pool) && done.isAfter(now)) {
                    works.add(new Work(id, Map.of("items", sizes.get(id)), requests -> requests.send(
                            PurgeEvent.Purpose.STATUS, "GET /purge/" + id, () -> completion(id))));
                }
            });
            return works;
        }

        @Override
        public boolean isQuotaFull(PurgeException error) {
            return error instanceof PurgeThrottledException
                    && ((PurgeThrottledException) error).vendorCode().filter("QuotaFull"::equals).isPresent();
        }

        @Override
        public Secrets secrets() {
            return Secrets.of();
        }

        @Override
        public void close() {
        }
    }

    private PurgeClient client(QuotaVendor vendor, Map<String, String> keys) {
        Map<String, String> config = keys.entrySet().stream()
                .collect(Collectors.toMap(e -> "test." + e.getKey(), Map.Entry::getValue));
        return PurgeEngine.client(vendor, PurgeConfig.fromMap(config), ClientOptions.builder().clock(clock)
                .sleeper(sleeper).logging(false).listener(listener).build());
    }

    private static PurgeRequest urls(int count, String tag) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < count; i++) {
            request.target(PurgeTarget.url("https://www.example.com/" + tag + "/" + i));
        }
        return request.build();
    }

    @Test
    void callsBeyondTheQuotaWaitForEarlierPurgesToCompleteInsteadOfFailing() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(2));
        try (PurgeClient client = client(vendor, Map.of("concurrency", "1"))) {
            PurgeResult result = client.purge(urls(300, "a"));

            assertThat(result.outcomes()).allMatch(o -> o.status() == TargetOutcome.Status.IN_PROGRESS);
            assertThat(vendor.refusals).hasValue(0);
            assertThat(vendor.maxInFlight).hasValue(60);
            assertThat(result.stats().calls()).isEqualTo(10);
            // every vendor request is counted: the ten purges, the status questions and the one listing
            assertThat(result.stats().requests()).isEqualTo(10 + vendor.statusQueries.get() + vendor.listQueries.get());
            assertThat(result.stats().billableItems()).hasValue(300);
            // two calls at a time, each pair complete 2 s after it was sent and seen at the next poll (1 s, 3 s)
            assertThat(result.stats().elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(4 * 3));
            assertThat(listener.events()).filteredOn(e -> e.type() == PurgeEvent.Type.QUEUED).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.detail()).get().asString().contains("in flight")
                            .contains("limits {items=60}"));
            assertThat(vendor.listQueries).hasValue(1);
        }
    }

    @Test
    void aFirstCallIsSentWithoutAskingWhatIsInFlight() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(5));
        try (PurgeClient client = client(vendor, Map.of())) {
            PurgeResult result = client.purge(urls(1, "cold"));

            assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
            assertThat(result.stats().requests()).isEqualTo(1);
            assertThat(vendor.listQueries).hasValue(0);
            assertThat(vendor.statusQueries).hasValue(0);
        }
    }

    @Test
    void whatOthersHaveInFlightIsLearntFromTheVendorsRefusal() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(5));
        vendor.foreign("dist-1", 50);
        try (PurgeClient client = client(vendor, Map.of())) {
            Instant started = clock.instant();
            PurgeResult result = client.purge(urls(30, "b"));

            assertThat(result.stats().started()).hasValue(started);
            assertThat(vendor.refusals).hasValue(1);
            assertThat(vendor.listQueries).hasValue(1);
            assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
            assertThat(result.stats().throttled()).isEqualTo(1);
            assertThat(result.stats().elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void whatOthersHaveInFlightIsLearntBeforeACallThatThisClientsOwnCountSaysDoesNotFit() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(5));
        try (PurgeClient client = client(vendor, Map.of())) {
            client.purge(urls(40, "mine"));
            vendor.foreign("dist-1", 20);

            PurgeResult result = client.purge(urls(30, "more"));

            assertThat(vendor.refusals).hasValue(0);
            assertThat(vendor.listQueries).hasValue(1);
            assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        }
    }

    @Test
    void aRefusalForAFullQuotaIsBackPressureNotAFailedAttempt() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(3));
        try (PurgeClient client = client(vendor, Map.of("maxAttempts", "1"))) {
            client.purge(urls(10, "warm-up"));
            // someone else fills the quota after this client learnt what was in flight
            vendor.foreign("dist-1", 50);

            PurgeResult result = client.purge(urls(30, "c"));

            assertThat(vendor.refusals).hasValue(1);
            assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
            assertThat(result.stats().throttled()).isEqualTo(1);
            // nothing was asked before the refusal: the warm-up fitted this client's own count
            assertThat(vendor.listQueries).hasValue(1);
        }
    }

    @Test
    void noRoomBeforeTheDeadlineFailsTheCallNamingTheKey() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofMinutes(30));
        vendor.foreign("dist-1", 60);
        try (PurgeClient client = client(vendor, Map.of("deadline", "2m"))) {
            PurgeResult result = client.purge(urls(5, "d"));

            assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
            assertThat(result.outcomes().get(0).error()).get().isInstanceOf(PurgeThrottledException.class)
                    .extracting(Throwable::getMessage).asString().contains("test.deadline")
                    .contains("{items=60} in flight");
            assertThat(vendor.refusals).hasValue(1);
            assertThat(sleeper.total()).isLessThanOrEqualTo(Duration.ofMinutes(2));
            // the wait is logged, saying what it waits for
            assertThat(listener.events()).filteredOn(e -> e.type() == PurgeEvent.Type.WAITING).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.detail()).get().asString().contains("for room on dist-1"));
        }
    }

    @Test
    void aCompletionSeenByStatusFreesRoomAtOnce() {
        QuotaVendor vendor = new QuotaVendor(30, Duration.ofSeconds(2));
        try (PurgeClient client = client(vendor, Map.of())) {
            PurgeResult first = client.purge(urls(30, "e"));
            clock.advance(Duration.ofSeconds(2));
            assertThat(client.status(first).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            int queries = vendor.statusQueries.get();

            PurgeResult second = client.purge(urls(30, "f"));

            assertThat(second.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
            assertThat(vendor.statusQueries.get()).isEqualTo(queries);
            assertThat(sleeper.sleeps()).isEmpty();
        }
    }

    @Test
    void concurrentCallsShareTheQuotaAndNeverOverfillIt() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(2));
        try (PurgeClient client = client(vendor, Map.of("concurrency", "8"))) {
            PurgeResult result = client.purge(urls(600, "h"));

            assertThat(result.outcomes()).hasSize(600).allMatch(o -> o.status() == TargetOutcome.Status.IN_PROGRESS);
            assertThat(vendor.refusals).hasValue(0);
            assertThat(vendor.maxInFlight.get()).isEqualTo(60);
        }
    }

    @Test
    void anErrorInASendFailsItsTargetsAndGivesItsRoomBack() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(2));
        vendor.errors.add(new NoClassDefFoundError("software/amazon/awssdk/Missing"));
        try (PurgeClient client = client(vendor, Map.of("concurrency", "1"))) {
            PurgeResult failed = client.purge(urls(30, "i"));
            assertThat(failed.status()).isEqualTo(PurgeResult.Status.FAILED);
            assertThat(failed.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                    .contains("NoClassDefFoundError");

            PurgeResult next = client.purge(urls(40, "j"));

            assertThat(next.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
            assertThat(sleeper.sleeps()).isEmpty();
        }
    }

    @Test
    void aProviderBugWhileAskingAboutCompletionIsAskedAgainLater() {
        QuotaVendor vendor = new QuotaVendor(30, Duration.ofSeconds(2));
        vendor.statusBugs.add(new IllegalStateException("bug"));
        try (PurgeClient client = client(vendor, Map.of("concurrency", "1"))) {
            PurgeResult result = client.purge(urls(60, "k"));

            assertThat(result.outcomes()).allMatch(o -> o.status() == TargetOutcome.Status.IN_PROGRESS);
            assertThat(vendor.statusQueries.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void plansShowBillableItems() {
        QuotaVendor vendor = new QuotaVendor(60, Duration.ofSeconds(2));
        try (PurgeClient client = client(vendor, Map.of())) {
            assertThat(client.plan(urls(45, "g")).billableItems()).hasValue(45);
        }
    }
}
