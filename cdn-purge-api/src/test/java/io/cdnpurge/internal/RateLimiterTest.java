package io.cdnpurge.internal;

import io.cdnpurge.FakeClock;
import io.cdnpurge.PurgeEvent.Purpose;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final FakeClock clock = new FakeClock();

    private static Optional<Duration> waitOf(Optional<RateLimiter.Ticket> ticket) {
        return ticket.map(t -> t.wait);
    }

    private Optional<Duration> purge(RateLimiter limiter, Kind kind, int items) {
        return waitOf(limiter.reserve(Purpose.PURGE, kind, items, MAX_WAIT));
    }

    @Test
    void aCallWaitsForTheSlowestBucketThatAppliesToItsKind() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("requests", 1, Duration.ofSeconds(1), 1),
                RateLimit.items("urls", 10, Duration.ofSeconds(1), 10)), clock);

        purge(limiter, Kind.URL, 10);

        assertThat(purge(limiter, Kind.URL, 30)).hasValue(Duration.ofSeconds(3));
    }

    @Test
    void aReservationOverTheMaxWaitTakesNothing() {
        RateLimiter limiter = new RateLimiter(List.of(RateLimit.requests("r", 1, Duration.ofSeconds(1), 1)), clock);
        purge(limiter, Kind.TAG, 1);

        assertThat(waitOf(limiter.reserve(Purpose.PURGE, Kind.TAG, 1, Duration.ofMillis(500)))).isEmpty();
        assertThat(purge(limiter, Kind.TAG, 1)).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void aThrottleNamingItsLimitBlocksThatLimitAlone() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("requests", 100, Duration.ofSeconds(1), 100),
                RateLimit.items("tags", 100, Duration.ofSeconds(1), 100).forKinds(Kind.TAG),
                RateLimit.items("urls", 100, Duration.ofSeconds(1), 100).forKinds(Kind.URL)), clock);

        limiter.block(Purpose.PURGE, Kind.TAG, "tags", clock.instant().plusSeconds(10));

        assertThat(purge(limiter, Kind.TAG, 1)).hasValue(Duration.ofSeconds(10));
        assertThat(purge(limiter, Kind.URL, 1)).hasValue(Duration.ZERO);
    }

    @Test
    void aThrottleNamingNoLimitBlocksEveryLimitOfTheCall() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("tags", 100, Duration.ofSeconds(1), 100).forKinds(Kind.TAG),
                RateLimit.requests("urls", 100, Duration.ofSeconds(1), 100).forKinds(Kind.URL)), clock);

        limiter.block(Purpose.PURGE, Kind.TAG, null, clock.instant().plusSeconds(10));

        assertThat(purge(limiter, Kind.TAG, 1)).hasValue(Duration.ofSeconds(10));
        assertThat(purge(limiter, Kind.URL, 1)).hasValue(Duration.ZERO);
    }

    @Test
    void aBlockOfAKindHoldsEvenWithoutALimitForIt() {
        RateLimiter limiter = new RateLimiter(List.of(), clock);

        limiter.block(Purpose.PURGE, Kind.URL, null, clock.instant().plusSeconds(3));

        assertThat(purge(limiter, Kind.URL, 1)).hasValue(Duration.ofSeconds(3));
        assertThat(purge(limiter, Kind.TAG, 1)).hasValue(Duration.ZERO);
    }

    @Test
    void queriesDrawFromRequestLimitsButNotFromLimitsOfKinds() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("requests", 1, Duration.ofSeconds(1), 1),
                RateLimit.requests("purge", 1, Duration.ofMinutes(1), 1).forKinds(Kind.TAG),
                RateLimit.requests("api", 1, Duration.ofSeconds(10), 1).queriesOnly()), clock);

        assertThat(waitOf(limiter.reserve(Purpose.LOOKUP, null, 0, MAX_WAIT))).hasValue(Duration.ZERO);
        // the second query waits for both request limits that apply to queries: 1 s and 10 s
        assertThat(waitOf(limiter.reserve(Purpose.STATUS, null, 0, MAX_WAIT))).hasValue(Duration.ofSeconds(10));
        // the purge of tags does not draw from the query limit
        assertThat(purge(limiter, Kind.TAG, 5)).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void aRefundGivesBackWhatAThrottledCallReservedSoItsRetryDoesNotPayTwice() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.requests("requests", 1, Duration.ofSeconds(1), 1),
                RateLimit.items("urls", 10, Duration.ofSeconds(1), 10).forKinds(Kind.URL)), clock);
        RateLimiter.Ticket ticket = limiter.reserve(Purpose.PURGE, Kind.URL, 10, MAX_WAIT).orElseThrow();
        assertThat(ticket.wait).isZero();

        limiter.refund(ticket);

        assertThat(purge(limiter, Kind.URL, 10)).hasValue(Duration.ZERO);
    }

    @Test
    void aRefundNeverFillsABucketPastItsBurst() {
        RateLimiter limiter = new RateLimiter(List.of(RateLimit.items("urls", 10, Duration.ofSeconds(1), 10)), clock);
        RateLimiter.Ticket ticket = limiter.reserve(Purpose.PURGE, Kind.URL, 1, MAX_WAIT).orElseThrow();
        limiter.refund(ticket);
        limiter.refund(ticket);

        assertThat(purge(limiter, Kind.URL, 20)).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void withoutLimitsNothingWaits() {
        RateLimiter limiter = new RateLimiter(List.of(), clock);

        assertThat(purge(limiter, Kind.URL, 1000)).hasValue(Duration.ZERO);
    }

    @Test
    void aSlidingWindowNeverAdmitsMoreThanItsPermitsInAnySpanOfItsLength() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(60))), clock);

        assertThat(purge(limiter, Kind.URL, 60)).hasValue(Duration.ZERO);
        clock.advance(Duration.ofSeconds(30));
        assertThat(purge(limiter, Kind.URL, 40)).hasValue(Duration.ZERO);
        // a token bucket of 100 refilled at 100/min would admit 50 more at once; the window waits until the first
        // 60 leave it, 60 s after they were sent
        assertThat(purge(limiter, Kind.URL, 50)).hasValue(Duration.ofSeconds(30));
        // and the next 40 until the 40 sent at 30 s leave it as well
        assertThat(purge(limiter, Kind.URL, 40)).hasValue(Duration.ofSeconds(60));
    }

    @Test
    void aSlidingWindowPlacesAReservationWhereNoFutureWindowOverflows() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(60))), clock);
        assertThat(purge(limiter, Kind.URL, 100)).hasValue(Duration.ZERO);
        assertThat(purge(limiter, Kind.URL, 100)).hasValue(Duration.ofSeconds(60));

        // 10 more fit neither now, nor before the second 100 have left the window
        assertThat(purge(limiter, Kind.URL, 10)).hasValue(Duration.ofSeconds(120));
    }

    @Test
    void aSlidingWindowRefundRemovesItsReservation() {
        RateLimiter limiter = new RateLimiter(List.of(
                RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(60))), clock);
        RateLimiter.Ticket ticket = limiter.reserve(Purpose.PURGE, Kind.URL, 100, MAX_WAIT).orElseThrow();

        limiter.refund(ticket);

        assertThat(purge(limiter, Kind.URL, 100)).hasValue(Duration.ZERO);
    }
}
