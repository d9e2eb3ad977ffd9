package io.cdnpurge.internal;

import io.cdnpurge.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final TokenBucket bucket = new TokenBucket(RateLimit.requests("purge", 2, Duration.ofSeconds(1), 4), T0);

    @Test
    void aFullBucketLetsTheBurstThroughAtOnce() {
        assertThat(bucket.waitFor(4, T0)).isZero();
    }

    @Test
    void aReservationBeyondTheTokensWaitsForTheRefill() {
        bucket.take(4, T0, T0);

        assertThat(bucket.waitFor(1, T0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void reservationsQueueBehindEarlierOnes() {
        bucket.take(4, T0, T0);
        bucket.take(1, T0, T0);

        assertThat(bucket.waitFor(1, T0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tokensRefillWithTime() {
        bucket.take(4, T0, T0);

        assertThat(bucket.waitFor(2, T0.plusSeconds(1))).isZero();
    }

    @Test
    void refillStopsAtTheBurst() {
        bucket.take(4, T0, T0);

        assertThat(bucket.waitFor(5, T0.plusSeconds(60))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aBlockDelaysEvenAFullBucket() {
        bucket.blockUntil(T0.plusSeconds(10));

        assertThat(bucket.waitFor(1, T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anEarlierBlockDoesNotShortenALaterOne() {
        bucket.blockUntil(T0.plusSeconds(10));
        bucket.blockUntil(T0.plusSeconds(2));

        assertThat(bucket.waitFor(1, T0)).isEqualTo(Duration.ofSeconds(10));
    }
}
