package io.cdnpurge.internal;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.RateLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
        // plain calls, no lambdas: this runs in every client's cold start
        maxAttempts = integer(problems, config, p + "maxAttempts", 5, 1, 20);
        concurrency = integer(problems, config, p + "concurrency", 4, 1, 64);
        deadline = positive(problems, config, p + "deadline", Duration.ofMinutes(15));
        initialBackoff = positive(problems, config, p + "retry.initialBackoff", Duration.ofMillis(500));
        maxBackoff = positive(problems, config, p + "retry.maxBackoff", Duration.ofSeconds(30));
        maxRetryAfter = positive(problems, config, p + "retry.maxRetryAfter", Duration.ofMinutes(2));
        maxRateWait = positive(problems, config, p + "rateLimit.maxWait", Duration.ofMinutes(5));
        initialPoll = positive(problems, config, p + "completion.initialPoll", Duration.ofSeconds(1));
        maxPoll = positive(problems, config, p + "completion.maxPoll", Duration.ofSeconds(10));
        rateLimitEnabled = bool(problems, config, p + "rateLimit.enabled", true);
        List<RateLimit> limits = null;
        try {
            limits = rateLimits(p, config, defaults);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        rateLimits = limits;
        breakerEnabled = bool(problems, config, p + "circuitBreaker.enabled", true);
        breakerFailures = integer(problems, config, p + "circuitBreaker.failures", 5, 1, 1000);
        breakerDelay = positive(problems, config, p + "circuitBreaker.delay", Duration.ofSeconds(30));
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
    /** The whole number of the key, from {@code min} to {@code max}; 0 with a problem added when it is not. */
    private static int integer(List<String> problems, PurgeConfig config, String key, int defaultValue, int min,
                               int max) {
        try {
            return between(key, config.integer(key, defaultValue), min, max);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return 0;
        }
    }

    /** The positive duration of the key; null with a problem added when it is not one. */
    private static Duration positive(List<String> problems, PurgeConfig config, String key, Duration defaultValue) {
        try {
            return positive(key, config.duration(key, defaultValue));
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static boolean bool(List<String> problems, PurgeConfig config, String key, boolean defaultValue) {
        try {
            return config.bool(key, defaultValue);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return false;
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
