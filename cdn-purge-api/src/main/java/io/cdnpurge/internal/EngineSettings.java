package io.cdnpurge.internal;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.RateLimit;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigDocs;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.EndpointRules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine keys of one client, declared once ({@link #schema}) and read from its {@link ClientSettings}, which have
 * checked them together with the provider's keys.
 */
public final class EngineSettings {
    static final ConfigKey<String> PROVIDER = ConfigKey.string(ClientSettings.PROVIDER_KEY)
            .defaultText("the client's name")
            .doc("the provider of a client named otherwise, e.g. `shop.provider=cloudflare`");
    static final ConfigKey<Integer> MAX_ATTEMPTS = ConfigKey.integer("maxAttempts", 5, 1, 20)
            .doc("attempts per call, retries included");
    static final ConfigKey<Integer> CONCURRENCY = ConfigKey.integer("concurrency", 4, 1, 64)
            .doc("calls in flight at once, on any thread; a purge of one call runs on the caller's thread");
    static final ConfigKey<Duration> DEADLINE = ConfigKey.positiveDuration("deadline", Duration.ofMinutes(15))
            .doc("a purge's targets not done by then fail, saying so; every wait (rate limit, `Retry-After`, quota "
                    + "room) ends by then");
    static final ConfigKey<Duration> INITIAL_BACKOFF = ConfigKey.positiveDuration("retry.initialBackoff",
            Duration.ofMillis(500)).doc("first retry backoff; exponential with jitter after it");
    static final ConfigKey<Duration> MAX_BACKOFF = ConfigKey.positiveDuration("retry.maxBackoff",
            Duration.ofSeconds(30)).doc("longest retry backoff");
    static final ConfigKey<Duration> MAX_RETRY_AFTER = ConfigKey.positiveDuration("retry.maxRetryAfter",
            Duration.ofMinutes(2)).doc("a longer `Retry-After` fails the call instead of waiting");
    static final ConfigKey<Boolean> RATE_LIMIT_ENABLED = ConfigKey.bool("rateLimit.enabled", true)
            .doc("client-side rate limits on or off");
    static final ConfigKey<Double> REQUESTS_PER_SECOND = ConfigKey.numberAbove("rateLimit.requestsPerSecond", 0)
            .defaultText("vendor's").doc("override the rate of every request bucket");
    static final ConfigKey<Integer> BURST = ConfigKey.integer("rateLimit.burst", 1, Integer.MAX_VALUE)
            .defaultText("vendor's").doc("override the burst of every request bucket");
    static final ConfigKey<Duration> MAX_RATE_WAIT = ConfigKey.positiveDuration("rateLimit.maxWait",
            Duration.ofMinutes(5)).doc("a call that would wait longer for the limiter fails as throttled");
    static final ConfigKey<String> RATE_ACCOUNT = ConfigKey.string("rateLimit.account")
            .matching("[A-Za-z0-9._:@-]{1,100}", "1 to 100 letters, digits, '.', '_', ':', '@' or '-'")
            .defaultText("client's name")
            .doc("the vendor account's name in a shared rate budget: clients with one name share its limits");
    static final ConfigKey<Duration> RATE_BUDGET_TIMEOUT = ConfigKey.positiveDuration("rateLimit.budgetTimeout",
            Duration.ofSeconds(5)).doc("longest wait for a shared rate budget's answer; past it, and for 30 s after, "
            + "requests go by the client's own limits");
    static final ConfigKey<Duration> INITIAL_POLL = ConfigKey.positiveDuration("completion.initialPoll",
            Duration.ofSeconds(1)).doc("first status poll (vendors with a status API)");
    static final ConfigKey<Duration> MAX_POLL = ConfigKey.positiveDuration("completion.maxPoll",
            Duration.ofSeconds(10)).doc("longest wait between status polls");
    static final ConfigKey<Boolean> BREAKER_ENABLED = ConfigKey.bool("circuitBreaker.enabled", true)
            .doc("fail fast while the vendor keeps failing");
    static final ConfigKey<Integer> BREAKER_FAILURES = ConfigKey.integer("circuitBreaker.failures", 5, 1, 1000)
            .doc("server errors or timeouts in a row that open the breaker");
    static final ConfigKey<Duration> BREAKER_DELAY = ConfigKey.positiveDuration("circuitBreaker.delay",
            Duration.ofSeconds(30)).doc("how long calls fail fast before one probes");

    /** The engine's keys that do not depend on the provider's rate limits, in the order the README lists them. */
    public static final List<ConfigKey<?>> KEYS = List.of(PROVIDER, MAX_ATTEMPTS, CONCURRENCY, DEADLINE,
            INITIAL_BACKOFF, MAX_BACKOFF, MAX_RETRY_AFTER, RATE_LIMIT_ENABLED, REQUESTS_PER_SECOND, BURST,
            MAX_RATE_WAIT, RATE_ACCOUNT, RATE_BUDGET_TIMEOUT, INITIAL_POLL, MAX_POLL, BREAKER_ENABLED, BREAKER_FAILURES, BREAKER_DELAY);

    final int maxAttempts;
    final int concurrency;
    final Duration deadline;
    final Duration initialBackoff;
    final Duration maxBackoff;
    final Duration maxRetryAfter;
    final Duration maxRateWait;
    /** The account's name in a shared rate budget, or null for the client's name. */
    final String rateAccount;
    final Duration rateBudgetTimeout;
    final Duration initialPoll;
    final Duration maxPoll;
    final boolean rateLimitEnabled;
    final List<RateLimit> rateLimits;
    final boolean breakerEnabled;
    final int breakerFailures;
    final Duration breakerDelay;

    private EngineSettings(ClientSettings settings, List<RateLimit> defaults) {
        maxAttempts = settings.get(MAX_ATTEMPTS);
        concurrency = settings.get(CONCURRENCY);
        deadline = settings.get(DEADLINE);
        initialBackoff = settings.get(INITIAL_BACKOFF);
        maxBackoff = settings.get(MAX_BACKOFF);
        maxRetryAfter = settings.get(MAX_RETRY_AFTER);
        maxRateWait = settings.get(MAX_RATE_WAIT);
        rateAccount = settings.get(RATE_ACCOUNT);
        rateBudgetTimeout = settings.get(RATE_BUDGET_TIMEOUT);
        initialPoll = settings.get(INITIAL_POLL);
        maxPoll = settings.get(MAX_POLL);
        rateLimitEnabled = settings.get(RATE_LIMIT_ENABLED);
        rateLimits = rateLimits(settings, defaults);
        breakerEnabled = settings.get(BREAKER_ENABLED);
        breakerFailures = settings.get(BREAKER_FAILURES);
        breakerDelay = settings.get(BREAKER_DELAY);
    }

    /**
     * The engine's settings of a client whose settings were read against {@link #schema} (and so checked).
     *
     * @param defaults the backend's rate limits, which the keys override
     */
    static EngineSettings from(ClientSettings settings, List<RateLimit> defaults) {
        return new EngineSettings(settings, defaults);
    }

    /**
     * The engine's keys for a provider with these rate limits: {@link #KEYS}, then {@code rateLimit.<name>.permitsPerSecond}
     * and {@code .burst} of each token bucket, {@code rateLimit.<name>.permits} and {@code .window} of each sliding
     * window; with the checks across them.
     */
    public static ConfigSchema schema(List<RateLimit> limits) {
        ConfigSchema.Builder schema = ConfigSchema.builder().keys(KEYS);
        for (RateLimit limit : limits) {
            String prefix = "rateLimit." + limit.name() + ".";
            if (limit.isSlidingWindow()) {
                schema.key(ConfigKey.integer(prefix + "permits", 1, Integer.MAX_VALUE).defaultText("vendor's")
                        .doc("override one sliding window's permits (vendors that document one)"));
                schema.key(ConfigKey.positiveDuration(prefix + "window", null).defaultText("vendor's")
                        .doc("override its length"));
            } else {
                schema.key(ConfigKey.numberAbove(prefix + "permitsPerSecond", 0).defaultText("vendor's")
                        .doc("override one bucket's rate (bucket names in each provider's section)"));
                schema.key(ConfigKey.integer(prefix + "burst", 1, Integer.MAX_VALUE).defaultText("vendor's")
                        .doc("override its burst"));
            }
        }
        return schema.check(EngineSettings::check).build();
    }

    /**
     * The README's table of the keys every client has: the engine's, one bucket's and one window's (written
     * {@code <bucket>} and {@code <window>}), and the transport keys; {@code <p>} stands for the client's name.
     */
    public static String keyTable() {
        List<ConfigKey<?>> keys = new ArrayList<>(KEYS);
        List<RateLimit> templates = List.of(RateLimit.requests("bucket", 1, Duration.ofSeconds(1), 1),
                RateLimit.slidingWindow("window", RateLimit.Unit.REQUESTS, 1, Duration.ofSeconds(1)));
        keys.addAll(ConfigDocs.without(schema(templates).keys(), KEYS));
        keys.add(EndpointRules.ENDPOINT.defaultText("vendor's"));
        keys.add(EndpointRules.ALLOW_INSECURE_ENDPOINT);
        keys.add(EndpointRules.TIMEOUT);
        keys.add(EndpointRules.CONNECT_TIMEOUT);
        return ConfigDocs.table("<p>", keys).replace("rateLimit.bucket.", "rateLimit.<bucket>.")
                .replace("rateLimit.window.", "rateLimit.<window>.");
    }

    private static void check(ClientSettings settings, List<String> problems) {
        Duration initialBackoff = settings.get(INITIAL_BACKOFF);
        Duration maxBackoff = settings.get(MAX_BACKOFF);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add(settings.fullKey(MAX_BACKOFF) + " (" + maxBackoff + ") is shorter than "
                    + settings.fullKey(INITIAL_BACKOFF) + " (" + initialBackoff + "): raise it or lower the initial "
                    + "backoff");
        }
        Duration initialPoll = settings.get(INITIAL_POLL);
        Duration maxPoll = settings.get(MAX_POLL);
        if (maxPoll.compareTo(initialPoll) < 0) {
            problems.add(settings.fullKey(MAX_POLL) + " (" + maxPoll + ") is shorter than "
                    + settings.fullKey(INITIAL_POLL) + " (" + initialPoll + ")");
        }
    }

    /**
     * Reads only the engine's keys of a client named by a backend's id, without reporting other keys under its
     * prefix: for code that builds an engine client from a {@link PurgeConfig} directly.
     *
     * @throws InvalidConfigurationException naming every bad engine key
     */
    static ClientSettings engineOnly(String id, PurgeConfig config, List<RateLimit> limits) {
        List<String> problems = new ArrayList<>();
        ClientSettings settings = ClientSettings.read(id, id, schema(limits), config, false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return settings;
    }

    private static List<RateLimit> rateLimits(ClientSettings settings, List<RateLimit> defaults) {
        ConfigSchema schema = settings.schema();
        List<RateLimit> effective = new ArrayList<>();
        for (RateLimit limit : defaults) {
            String prefix = "rateLimit." + limit.name() + ".";
            if (limit.isSlidingWindow()) {
                long permits = override(settings, schema, prefix + "permits", limit.burst());
                Duration window = override(settings, schema, prefix + "window", limit.window().orElseThrow());
                effective.add(limit.withWindow(permits, window));
                continue;
            }
            double rate = limit.permitsPerSecond();
            long burst = limit.burst();
            if (limit.unit() == RateLimit.Unit.REQUESTS) {
                rate = settings.find(REQUESTS_PER_SECOND).orElse(rate);
                burst = settings.find(BURST).map(Integer::longValue).orElse(burst);
            }
            rate = override(settings, schema, prefix + "permitsPerSecond", rate);
            burst = override(settings, schema, prefix + "burst", burst);
            effective.add(limit.withRate(rate, burst));
        }
        return List.copyOf(effective);
    }

    /** The value of a per-limit key when the schema has it and it is set, else the fallback. */
    @SuppressWarnings("unchecked")
    private static <T> T override(ClientSettings settings, ConfigSchema schema, String name, T fallback) {
        ConfigKey<?> key = schema.key(name);
        if (key == null) {
            return fallback;
        }
        Object value = settings.find(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        if (fallback instanceof Long) {
            return (T) Long.valueOf(((Number) value).longValue());
        }
        return (T) value;
    }
}
