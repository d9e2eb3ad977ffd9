package io.cdnpurge.internal;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.RateLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The engine keys of one provider, read and checked at once so that every bad key is reported together. */
public final class EngineSettings {
    /** The engine's keys, without the {@code <id>.} prefix; per-limit keys are checked against the limits. */
    public static final Set<String> KEYS = Set.of("maxAttempts", "concurrency", "deadline", "retry.initialBackoff",
            "retry.maxBackoff", "retry.maxRetryAfter", "rateLimit.enabled", "rateLimit.requestsPerSecond",
            "rateLimit.burst", "rateLimit.maxWait", "completion.initialPoll", "completion.maxPoll",
            "circuitBreaker.enabled", "circuitBreaker.failures", "circuitBreaker.delay");
    /** The keys of one token bucket, and of one sliding window, after {@code rateLimit.<name>.}. */
    static final Set<String> BUCKET_KEYS = Set.of("permitsPerSecond", "burst");
    static final Set<String> WINDOW_KEYS = Set.of("permits", "window");

    final int maxAttempts;
    final int concurrency;
    final Duration deadline;
    final Duration initialBackoff;
    final Duration maxBackoff;
    final Duration maxRetryAfter;
    final Duration maxRateWait;
    final Duration initialPoll;
    final Duration maxPoll;
    final boolean rateLimitEnabled;
    final List<RateLimit> rateLimits;
    final boolean breakerEnabled;
    final int breakerFailures;
    final Duration breakerDelay;

    private EngineSettings(String id, PurgeConfig config, List<RateLimit> defaults) {
        List<String> problems = new ArrayList<>();
        String p = id + ".";
        maxAttempts = read(problems, 0,
                () -> between(p + "maxAttempts", config.integer(p + "maxAttempts", 5), 1, 20));
        concurrency = read(problems, 0,
                () -> between(p + "concurrency", config.integer(p + "concurrency", 4), 1, 64));
        deadline = read(problems, null, () -> positive(p + "deadline",
                config.duration(p + "deadline", Duration.ofMinutes(15))));
        initialBackoff = read(problems, null, () -> positive(p + "retry.initialBackoff",
                config.duration(p + "retry.initialBackoff", Duration.ofMillis(500))));
        maxBackoff = read(problems, null, () -> positive(p + "retry.maxBackoff",
                config.duration(p + "retry.maxBackoff", Duration.ofSeconds(30))));
        maxRetryAfter = read(problems, null, () -> positive(p + "retry.maxRetryAfter",
                config.duration(p + "retry.maxRetryAfter", Duration.ofMinutes(2))));
        maxRateWait = read(problems, null, () -> positive(p + "rateLimit.maxWait",
                config.duration(p + "rateLimit.maxWait", Duration.ofMinutes(5))));
        initialPoll = read(problems, null, () -> positive(p + "completion.initialPoll",
                config.duration(p + "completion.initialPoll", Duration.ofSeconds(1))));
        maxPoll = read(problems, null, () -> positive(p + "completion.maxPoll",
                config.duration(p + "completion.maxPoll", Duration.ofSeconds(10))));
        rateLimitEnabled = read(problems, false, () -> config.bool(p + "rateLimit.enabled", true));
        rateLimits = read(problems, null, () -> rateLimits(p, config, defaults));
        breakerEnabled = read(problems, false, () -> config.bool(p + "circuitBreaker.enabled", true));
        breakerFailures = read(problems, 0, () -> between(p + "circuitBreaker.failures",
                config.integer(p + "circuitBreaker.failures", 5), 1, 1000));
        breakerDelay = read(problems, null, () -> positive(p + "circuitBreaker.delay",
                config.duration(p + "circuitBreaker.delay", Duration.ofSeconds(30))));
        if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add(p + "retry.maxBackoff (" + maxBackoff + ") is shorter than " + p + "retry.initialBackoff ("
                    + initialBackoff + "): raise it or lower the initial backoff");
        }
        if (initialPoll != null && maxPoll != null && maxPoll.compareTo(initialPoll) < 0) {
            problems.add(p + "completion.maxPoll (" + maxPoll + ") is shorter than " + p
                    + "completion.initialPoll (" + initialPoll + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    static EngineSettings from(String id, PurgeConfig config, List<RateLimit> defaults) {
        return new EngineSettings(id, config, defaults);
    }

    /** Every problem with the engine keys, so a provider can report them together with its own. */
    public static List<String> problems(String id, PurgeConfig config, List<RateLimit> defaults) {
        try {
            from(id, config, defaults);
            return List.of();
        } catch (InvalidConfigurationException e) {
            return e.problems();
        }
    }

    /**
     * Whether a key, without its {@code <id>.} prefix, is an engine key for these limits: {@link #KEYS}, and
     * {@code rateLimit.<name>.permitsPerSecond} and {@code .burst} of a token bucket, or {@code .permits} and
     * {@code .window} of a sliding window.
     */
    public static boolean isEngineKey(String key, List<RateLimit> limits) {
        if (KEYS.contains(key)) {
            return true;
        }
        String[] parts = key.split("\\.");
        return parts.length == 3 && parts[0].equals("rateLimit") && limits.stream()
                .anyMatch(limit -> limit.name().equals(parts[1])
                        && (limit.isSlidingWindow() ? WINDOW_KEYS : BUCKET_KEYS).contains(parts[2]));
    }

    private static List<RateLimit> rateLimits(String p, PurgeConfig config, List<RateLimit> defaults) {
        List<String> problems = new ArrayList<>();
        List<RateLimit> effective = new ArrayList<>();
        for (RateLimit limit : defaults) {
            String key = p + "rateLimit." + limit.name() + ".";
            if (limit.isSlidingWindow()) {
                long permits = config.integer(key + "permits", (int) Math.min(Integer.MAX_VALUE, limit.burst()));
                Duration window = config.duration(key + "window", limit.window().orElseThrow());
                if (permits < 1) {
                    problems.add(key + "permits is " + permits + ": a sliding window needs at least 1");
                } else if (window.isZero() || window.isNegative()) {
                    problems.add(key + "window is " + window + ": use a positive duration");
                } else {
                    effective.add(limit.withWindow(permits, window));
                }
                continue;
            }
            double rate = limit.permitsPerSecond();
            long burst = limit.burst();
            if (limit.unit() == RateLimit.Unit.REQUESTS) {
                rate = config.number(p + "rateLimit.requestsPerSecond", rate);
                burst = config.integer(p + "rateLimit.burst", (int) Math.min(Integer.MAX_VALUE, burst));
            }
            rate = config.number(key + "permitsPerSecond", rate);
            burst = config.integer(key + "burst", (int) Math.min(Integer.MAX_VALUE, burst));
            if (!(rate > 0) || Double.isInfinite(rate)) {
                problems.add("rate limit '" + limit.name() + "' needs a positive rate: check "
                        + key + "permitsPerSecond and " + p + "rateLimit.requestsPerSecond");
                continue;
            }
            if (burst < 1) {
                problems.add("rate limit '" + limit.name() + "' needs a burst of at least 1: check " + key
                        + "burst and " + p + "rateLimit.burst");
                continue;
            }
            effective.add(limit.withRate(rate, burst));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return List.copyOf(effective);
    }

    /**
     * The value, or {@code fallback} after recording the problem; the fallback is never used, since the constructor
     * throws once every key has been read, but it keeps the int and boolean fields from unboxing a null.
     */
    private static <T> T read(List<String> problems, T fallback, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    private static int between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigurationException(key + " is " + value + ": use a value from " + min + " to " + max);
        }
        return value;
    }

    private static Duration positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(key + " is " + value + ": use a positive duration");
        }
        return value;
    }
}
