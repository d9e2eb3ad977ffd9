package io.cdnpurge;

import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor that counts items in a true sliding window (Highwinds: 100 URLs in any 60 s, a request over it refused
 * whole): the engine's sliding window never provokes a refusal, where a token bucket of the same size would.
 */
class SlidingWindowEngineTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    /** Refuses a call whose items would put more than {@code permits} in any window of {@code window}. */
    private final class WindowVendor implements PurgeBackend {
        final long permits;
        final Duration window;
        final Deque<Instant[]> accepted = new ArrayDeque<>();
        final Deque<Long> sizes = new ArrayDeque<>();
        int refusals;
        int calls;
        final RateLimit limit;
        final int perCall;

        WindowVendor(long permits, Duration window, RateLimit limit, int perCall) {
            this.permits = permits;
            this.window = window;
            this.limit = limit;
            this.perCall = perCall;
        }

        @Override
        public String providerId() {
            return "test";
        }

        @Override
        public PurgeCapabilities capabilities() {
            return PurgeCapabilities.builder().kind(PurgeTarget.Kind.URL, BatchLimit.items(perCall)).rateLimit(limit)
                    .build();
        }

        @Override
        public Scope scope(PurgeTarget target) {
            return Scope.of("account");
        }

        @Override
        public PurgeCall call(PurgeBatch batch) {
            return PurgeCall.of(batch, "POST /purge urls×" + batch.targets().size(),
                    () -> accept(batch.targets().size()));
        }

        synchronized BatchResult accept(long items) {
            calls++;
            Instant now = clock.instant();
            while (!accepted.isEmpty() && !accepted.peekFirst()[0].isAfter(now.minus(window))) {
                accepted.removeFirst();
                sizes.removeFirst();
            }
            long used = sizes.stream().mapToLong(Long::longValue).sum();
            if (used + items > permits) {
                refusals++;
                throw new PurgeThrottledException("Account URL purge limit", 429, null, null, Duration.ofSeconds(1));
            }
            accepted.addLast(new Instant[] {now});
            sizes.addLast(items);
            return BatchResult.builder(200).reference("job-" + calls).build();
        }

        @Override
        public Secrets secrets() {
            return Secrets.of();
        }

        @Override
        public void close() {
        }
    }

    private PurgeResult purge(WindowVendor vendor, int urls) {
        try (PurgeClient client = PurgeEngine.client(vendor, PurgeConfig.fromMap(Map.of("test.concurrency", "1")),
                ClientOptions.builder().clock(clock).sleeper(sleeper).logging(false).build())) {
            return client.purge(PurgeRequest.ofUrls(EngineHarness.urls(urls)));
        }
    }

    @Test
    void fiveHundredItemsThroughAWindowOfAHundredPerTwoSecondsAreNeverRefused() {
        WindowVendor vendor = new WindowVendor(100, Duration.ofSeconds(2),
                RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(2)), 100);

        PurgeResult result = purge(vendor, 500);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(vendor.refusals).isZero();
        assertThat(result.stats().throttled()).isZero();
        assertThat(vendor.calls).isEqualTo(5);
        // the first hundred at once, then a hundred as each window passes: 8 s, the least the window allows
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(8));
        System.out.printf("sliding window 100 per 2 s: 500 items, %d throttled answers, %d s virtual (bound 8 s)%n",
                result.stats().throttled(), clock.elapsed().toSeconds());
    }

    @Test
    void aWindowKeepsSmallerCallsWithinTheLimitToo() {
        WindowVendor vendor = new WindowVendor(100, Duration.ofSeconds(2),
                RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(2)), 30);

        PurgeResult result = purge(vendor, 500);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(vendor.refusals).isZero();
    }

    @Test
    void aTokenBucketOfTheSameSizeProvokesRefusals() {
        // a bucket admits its burst and then its rate: 100 at once and 50 more a second later, 150 in 2 s
        WindowVendor vendor = new WindowVendor(100, Duration.ofSeconds(2),
                RateLimit.items("urls", 100, Duration.ofSeconds(2), 100), 50);

        PurgeResult result = purge(vendor, 500);

        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(vendor.refusals).isPositive();
    }

    @Test
    void aSlidingWindowIsConfigured() {
        WindowVendor vendor = new WindowVendor(50, Duration.ofSeconds(2),
                RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(2)), 100);
        try (PurgeClient client = PurgeEngine.client(vendor, PurgeConfig.fromMap(Map.of("test.concurrency", "1",
                "test.rateLimit.urls.permits", "50", "test.rateLimit.urls.window", "2s")),
                ClientOptions.builder().clock(clock).sleeper(sleeper).logging(false).build())) {
            assertThat(client.capabilities().rateLimits()).singleElement()
                    .satisfies(limit -> assertThat(limit.burst()).isEqualTo(50));
            // no call may carry more items than the window admits: 100 URLs go as two calls of 50
            assertThat(client.capabilities().limit(PurgeTarget.Kind.URL).orElseThrow().maxItems()).isEqualTo(50);
            PurgeResult result = client.purge(PurgeRequest.ofUrls(EngineHarness.urls(100)));

            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        }
        assertThat(vendor.refusals).isZero();
    }
}
