package io.cdnpurge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cdnpurge.EngineHarness.urls;
import static org.assertj.core.api.Assertions.assertThat;

/** Clients of one vendor account drawing from one budget, as instances of a cluster do through a shared store. */
class SharedRateBudgetTest {
    private static final RateLimit ONE_PER_SECOND_BURST_TWO = RateLimit.requests("purge", 1, Duration.ofSeconds(1), 2);

    private final EngineHarness harness = new EngineHarness();
    private final TestBudget budget = new TestBudget(harness.clock);

    @AfterEach
    void closeClients() {
        harness.close();
    }

    /** A client sending one URL per call, one call at a time, with the budget. */
    private PurgeClient client(Map<String, ?> keys) {
        harness.backend.capabilities(ScriptedBackend.allKinds(BatchLimit.items(1)).rateLimit(ONE_PER_SECOND_BURST_TWO)
                .build());
        Map<String, Object> all = new HashMap<>(keys);
        all.put("concurrency", 1);
        return harness.client(all, harness.options().sharedRateBudget(budget).build());
    }

    @Test
    void twoClientsOfOneAccountKeepItsRateTogether() {
        PurgeClient first = client(Map.of());
        PurgeClient second = client(Map.of());

        assertThat(first.purge(PurgeRequest.ofUrls(urls(4))).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        // the first client's own limit: the burst of 2, then one a second
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));

        // the second client's own bucket is full, but the account's budget is spent: it waits for it
        assertThat(second.purge(PurgeRequest.ofUrls(urls(2))).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(harness.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(budget.accounts).containsOnly("test");
        assertThat(harness.listener.ofType(PurgeEvent.Type.WAITING)).last().satisfies(event -> assertThat(
                event.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("waiting 1.0 s for the rate limit purge", "shared with account 'test'")));
    }

    @Test
    void clientsOfOtherNamesShareWhenTheyNameOneAccount() {
        PurgeClient first = client(Map.of("rateLimit.account", "akamai-prod"));
        first.purge(PurgeRequest.ofUrls(urls(3)));

        assertThat(budget.accounts).containsOnly("akamai-prod");
    }

    @Test
    void anAccountNameThatCouldNotKeyABucketIsRefusedBeforeAnyRequest() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client(Map.of("rateLimit.account", "prod/eu west")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("test.rateLimit.account");
        assertThat(harness.backend.batches()).isEmpty();
    }

    @Test
    void aBudgetWaitLongerThanMaxWaitFailsTheCallAsThrottledAndGivesBackItsPermits() {
        PurgeClient first = client(Map.of());
        PurgeClient impatient = client(Map.of("rateLimit.maxWait", "PT0.5S", "maxAttempts", "1"));
        first.purge(PurgeRequest.ofUrls(urls(2)));   // the account's burst

        PurgeResult result = impatient.purge(PurgeRequest.ofUrls(urls(1)));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.outcomes().get(0).error()).hasValueSatisfying(error -> assertThat(error)
                .isInstanceOf(PurgeThrottledException.class).hasMessageContaining("account 'test'",
                        "test.rateLimit.maxWait"));
        assertThat(harness.backend.batches()).hasSize(2);
        assertThat(budget.reserved).isEqualTo(2);
    }

    @Test
    void aRequestTheVendorThrottledGivesItsPermitsBackToTheBudget() {
        PurgeClient client = client(Map.of());
        harness.backend.failNext(new PurgeThrottledException("429 slow down", 429, null, null, Duration.ofSeconds(1)));

        assertThat(client.purge(PurgeRequest.ofUrls(urls(1))).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);

        assertThat(budget.refunded).isEqualTo(1);
        assertThat(budget.reserved).as("two reservations, one given back").isEqualTo(1);
    }

    @Test
    void aBudgetThatCannotBeReachedLeavesTheRequestToTheClientsOwnLimitsAndSaysSo() {
        PurgeClient client = client(Map.of());
        budget.down = true;

        assertThat(client.purge(PurgeRequest.ofUrls(urls(1))).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);

        assertThat(harness.listener.ofType(PurgeEvent.Type.WAITING)).singleElement().satisfies(event -> assertThat(
                event.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("shared rate budget of account 'test' could not be reached",
                "connection refused", "the client's own limits")));
    }

    @Test
    void aBudgetSlowerThanItsTimeoutIsPassedOverForThirtySeconds() throws InterruptedException {
        PurgeClient client = client(Map.of("rateLimit.budgetTimeout", "PT0.01S"));
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        budget.stall = stuck;
        try {
            assertThat(client.purge(PurgeRequest.ofUrls(urls(1))).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(harness.listener.ofType(PurgeEvent.Type.WAITING)).singleElement().satisfies(event ->
                    assertThat(event.detail()).hasValueSatisfying(detail -> assertThat(detail).contains(
                            "did not answer within test.rateLimit.budgetTimeout (PT0.01S)", "for 30 s")));
        } finally {
            stuck.countDown();
        }
        budget.stall = null;
        long asked = budget.asked;
        client.purge(PurgeRequest.ofUrls(urls(1)));
        assertThat(budget.asked).as("passed over").isEqualTo(asked);

        harness.clock.advance(Duration.ofSeconds(30));
        client.purge(PurgeRequest.ofUrls(urls(1)));
        assertThat(budget.asked).as("asked again after 30 s").isEqualTo(asked + 1);
    }

    /** One lend-ahead token bucket per account and limit, on the test's clock. */
    private static final class TestBudget implements SharedRateBudget {
        private final Clock clock;
        private final Map<String, double[]> buckets = new HashMap<>();
        private final Map<String, Instant> refilled = new HashMap<>();
        final List<String> accounts = new ArrayList<>();
        long reserved;
        long refunded;
        long asked;
        volatile boolean down;
        volatile java.util.concurrent.CountDownLatch stall;

        TestBudget(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Optional<Duration> reserve(String account, RateLimit limit, long permits, Duration maxWait) {
            java.util.concurrent.CountDownLatch waitFor = stall;
            if (waitFor != null) {
                try {
                    // a database that does not answer; the test lets it go at the end (bounded)
                    waitFor.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("too late");
            }
            return reserveNow(account, limit, permits, maxWait);
        }

        private synchronized Optional<Duration> reserveNow(String account, RateLimit limit, long permits,
                                                         Duration maxWait) {
            asked++;
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            double[] tokens = tokens(account, limit);
            double deficit = permits - tokens[0];
            Duration wait = deficit <= 0 ? Duration.ZERO
                    : Duration.ofMillis(Math.round(deficit / limit.permitsPerSecond() * 1000));
            if (wait.compareTo(maxWait) > 0) {
                return Optional.empty();
            }
            tokens[0] -= permits;
            accounts.add(account);
            reserved += permits;
            return Optional.of(wait);
        }

        @Override
        public synchronized void refund(String account, RateLimit limit, long permits) {
            tokens(account, limit)[0] += permits;
            refunded += permits;
            reserved -= permits;
        }

        private double[] tokens(String account, RateLimit limit) {
            String key = account + "/" + limit.name();
            double[] tokens = buckets.computeIfAbsent(key, any -> new double[] {limit.burst()});
            Instant now = clock.instant();
            Instant last = refilled.getOrDefault(key, now);
            tokens[0] = Math.min(limit.burst(), tokens[0] + Duration.between(last, now).toMillis() / 1000.0
                    * limit.permitsPerSecond());
            refilled.put(key, now);
            return tokens;
        }
    }
}
