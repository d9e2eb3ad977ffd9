package io.cdnpurge.bucket4j;

import io.cdnpurge.RateLimit;
import io.cdnpurge.SharedRateBudget;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SharedRateBudget} in <a href="https://bucket4j.com/">Bucket4j</a>: one distributed token bucket per
 * account and limit, kept in PostgreSQL (or any Bucket4j backend, through {@link #of(ProxyManager)}), so every
 * instance of an application reserves from the same tokens. Each reservation is one short transaction
 * ({@code SELECT … FOR UPDATE} of the bucket's row, then its new state).
 *
 * <pre>{@code
 * SharedRateBudget budget = Bucket4jRateBudget.postgres(dataSource);
 * PurgeClient akamai = CdnPurge.client("akamai", config, ClientOptions.builder().sharedRateBudget(budget).build());
 * }</pre>
 *
 * <p>How a vendor's limits become buckets:
 * <ul>
 *   <li>A token bucket (Akamai's request bucket and its URL, tag and CP code buckets; Cloudflare's; Fastly's) is the
 *   same bucket: capacity the burst, refilled greedily at the rate. A request takes from each limit it draws on, so
 *   an Akamai URL purge reserves one request token and one URL token per URL, from two buckets.</li>
 *   <li>A sliding window (Highwinds: 100 URLs in any 60 s) cannot be expressed by a token bucket exactly. It becomes
 *   the largest bucket that never admits more than the window does: capacity half the window's permits, refilled
 *   with the other half over the window, so that no span of the window's length sees more than its permits (a
 *   burst of 50 rather than 100, then 50 a minute).</li>
 *   <li>A batch of more permits than a bucket holds is reserved in parts, each queued behind the last.</li>
 * </ul>
 * A bucket's key names the account, the limit and its rate, so a change of configuration starts a new bucket
 * rather than mixing two rates in one. Thread-safe.
 */
public final class Bucket4jRateBudget implements SharedRateBudget {
    /** The table, unless another is named. */
    public static final String DEFAULT_TABLE = "cdn_purge_rate_budget";

    private final ProxyManager<String> buckets;

    private Bucket4jRateBudget(ProxyManager<String> buckets) {
        this.buckets = buckets;
    }

    /** A budget over any Bucket4j backend keyed by strings (Redis, Hazelcast, JDBC, …). */
    public static Bucket4jRateBudget of(ProxyManager<String> buckets) {
        return new Bucket4jRateBudget(Objects.requireNonNull(buckets, "buckets cannot be null"));
    }

    /** A budget in PostgreSQL, table {@link #DEFAULT_TABLE} (created if absent), on the system clock. */
    public static Bucket4jRateBudget postgres(DataSource dataSource) {
        return postgres(dataSource, DEFAULT_TABLE, Clock.systemUTC());
    }

    /**
     * A budget in PostgreSQL: this table (created if absent; a plain identifier, optionally schema-qualified) and
     * this clock (every instance's clock must agree, as with NTP).
     *
     * @throws IllegalArgumentException when the table name is not a plain identifier
     * @throws IllegalStateException    when the database cannot be reached or the table not created
     */
    public static Bucket4jRateBudget postgres(DataSource dataSource, String table, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource cannot be null");
        Objects.requireNonNull(table, "table cannot be null");
        Objects.requireNonNull(clock, "clock cannot be null");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?")) {
            throw new IllegalArgumentException("rate budget table '" + table + "' is not a plain SQL identifier "
                    + "(letters, digits, _; optionally schema.table)");
        }
        // Bucket4j reads and writes the table but does not create it; instances starting together create it in turn
        // (a concurrent CREATE TABLE IF NOT EXISTS can fail on PostgreSQL's catalog)
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                statement.execute("SELECT pg_advisory_xact_lock(" + (0x62756467657421L ^ table.hashCode()) + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(255) PRIMARY KEY, "
                        + "state BYTEA)");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the rate budget table " + table + ": " + e.getMessage(), e);
        }
        return new Bucket4jRateBudget(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table(table).idColumn("id").stateColumn("state")
                .clientClock(new ClockTimeMeter(clock)).build());
    }

    @Override
    public Optional<Duration> reserve(String account, RateLimit limit, long permits, Duration maxWait) {
        Objects.requireNonNull(account, "account cannot be null");
        Objects.requireNonNull(limit, "limit cannot be null");
        Objects.requireNonNull(maxWait, "maxWait cannot be null");
        BucketConfiguration configuration = configuration(limit);
        long capacity = configuration.getBandwidths()[0].getCapacity();
        BucketProxy bucket = buckets.builder().build(key(account, limit), () -> configuration);
        long reserved = 0;
        long waitNanos = 0;
        while (reserved < permits) {
            long part = Math.min(capacity, permits - reserved);
            long[] parked = {0};
            boolean taken;
            try {
                // lending ahead: the tokens are taken now, and Bucket4j says how long until they exist; the engine
                // does the waiting, on its own sleeper, bounded by its own limits
                taken = maxWait.isZero() || maxWait.isNegative() ? bucket.tryConsume(part)
                        : bucket.asBlocking().tryConsume(part, maxWait.toNanos(), nanos -> parked[0] = nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                taken = false;
            }
            if (!taken) {
                if (reserved > 0) {
                    bucket.addTokens(reserved);
                }
                return Optional.empty();
            }
            reserved += part;
            waitNanos = Math.max(waitNanos, parked[0]);
        }
        return Optional.of(Duration.ofNanos(waitNanos));
    }

    @Override
    public void refund(String account, RateLimit limit, long permits) {
        BucketConfiguration configuration = configuration(limit);
        buckets.builder().build(key(account, limit), () -> configuration).addTokens(permits);
    }

    /** The bucket's key: the account, the limit and its rate, so that a new rate starts a new bucket. */
    static String key(String account, RateLimit limit) {
        Object[] shape = {account, limit.name(), limit.burst(), limit.permitsPerSecond(),
                limit.window().map(Duration::toMillis).orElse(0L)};
        return String.format(Locale.ROOT, "%s/%s/%d@%.6f/%d", shape);
    }

    /** The one bandwidth that stands for a vendor's limit (see the class's description). */
    static BucketConfiguration configuration(RateLimit limit) {
        long capacity;
        Duration refillPeriod;
        long refillTokens;
        if (limit.window().isPresent()) {
            Duration window = limit.window().get();
            capacity = Math.max(1, limit.burst() / 2);
            refillTokens = Math.max(1, limit.burst() - capacity);
            refillPeriod = window;
        } else {
            capacity = limit.burst();
            refillTokens = capacity;
            refillPeriod = Duration.ofNanos(Math.max(1, Math.round(capacity * 1_000_000_000d
                    / limit.permitsPerSecond())));
        }
        return BucketConfiguration.builder().addLimit(bandwidth -> bandwidth.capacity(capacity)
                .refillGreedy(refillTokens, refillPeriod)).build();
    }

    @Override
    public String toString() {
        return "Bucket4jRateBudget{" + buckets.getClass().getSimpleName() + "}";
    }

    /** Bucket4j's time from a {@link Clock}, so that a test's clock drives the buckets too. */
    private static final class ClockTimeMeter implements TimeMeter {
        private final Clock clock;

        ClockTimeMeter(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
