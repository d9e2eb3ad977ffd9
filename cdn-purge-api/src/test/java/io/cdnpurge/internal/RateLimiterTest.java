package io.cdnpurge.internal;

import io.cdnpurge.FakeClock;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final FakeClock clock = new FakeClock();

    @Test
    void aCallWaitsForTheSlowestBucketThatAppliesToItsKind() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("requests", 1, Duration.ofSeconds(1), 1),
                RateLimit.items("urls", 10, Duration.ofSeconds(1), 10)), clock);

        limiter.reserve(PurgeTarget.Kind.URL, 10, MAX_WAIT);

        assertThat(limiter.reserve(PurgeTarget.Kind.URL, 30, MAX_WAIT)).hasValue(Duration.ofSeconds(3));
    }

    @Test
    void aReservationOverTheMaxWaitTakesNothing() {
        RateLimiter limiter = new RateLimiter(List.of(RateLimit.requests("r", 1, Duration.ofSeconds(1), 1)), clock);
        limiter.reserve(PurgeTarget.Kind.TAG, 1, MAX_WAIT);

        assertThat(limiter.reserve(PurgeTarget.Kind.TAG, 1, Duration.ofMillis(500))).isEmpty();
        assertThat(limiter.reserve(PurgeTarget.Kind.TAG, 1, MAX_WAIT)).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void aBlockAppliesToTheKindsOfItsBuckets() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("tags", 100, Duration.ofSeconds(1), 100).forKinds(PurgeTarget.Kind.TAG),
                RateLimit.requests("urls", 100, Duration.ofSeconds(1), 100).forKinds(PurgeTarget.Kind.URL)), clock);

        limiter.blockUntil(PurgeTarget.Kind.TAG, clock.instant().plusSeconds(10));

        assertThat(limiter.reserve(PurgeTarget.Kind.TAG, 1, MAX_WAIT)).hasValue(Duration.ofSeconds(10));
        assertThat(limiter.reserve(PurgeTarget.Kind.URL, 1, MAX_WAIT)).hasValue(Duration.ZERO);
    }

    @Test
    void aRefundGivesBackWhatAThrottledCallReservedSoItsRetryDoesNotPayTwice() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("requests", 1, Duration.ofSeconds(1), 1),
                RateLimit.items("urls", 10, Duration.ofSeconds(1), 10).forKinds(PurgeTarget.Kind.URL)), clock);
        assertThat(limiter.reserve(PurgeTarget.Kind.URL, 10, MAX_WAIT)).hasValue(Duration.ZERO);

        limiter.refund(PurgeTarget.Kind.URL, 10);

        assertThat(limiter.reserve(PurgeTarget.Kind.URL, 10, MAX_WAIT)).hasValue(Duration.ZERO);
    }

    @Test
    void aRefundNeverFillsABucketPastItsBurst() {
        RateLimiter limiter = new RateLimiter(List.of(RateLimit.items("urls", 10, Duration.ofSeconds(1), 10)), clock);

        limiter.refund(PurgeTarget.Kind.URL, 10);

        assertThat(limiter.reserve(PurgeTarget.Kind.URL, 20, MAX_WAIT)).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void withoutBucketsNothingWaits() {
        RateLimiter limiter = new RateLimiter(List.of(), clock);

        assertThat(limiter.reserve(PurgeTarget.Kind.URL, 1000, MAX_WAIT)).hasValue(Duration.ZERO);
    }
}
