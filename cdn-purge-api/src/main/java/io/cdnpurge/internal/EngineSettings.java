package io.cdnpurge.internal;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.RateLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The engine keys of one provider, read and checked at once so that every bad key is reported together. */
public final class EngineSettings {
    final int maxAttempts;
    final int concurrency;
    final Duration initialBackoff;
    final Duration maxBackoff;
    final Duration maxRetryAfter;
    final Duration maxRateWait;
    final Duration maxQuotaWait;
    final Duration initialPoll;
    final Duration maxPoll;
    final boolean rateLimitEnabled;
    final List<RateLimit> rateLimits;

    private EngineSettings(String id, PurgeConfig config, List<RateLimit> defaults) {
        List<String> problems = new ArrayList<>();
        String p = id + ".";
        maxAttempts = read(problems, 0,
                () -> atLeast(p + "maxAttempts", config.integer(p + "maxAttempts", 5), 1, 20));
        concurrency = read(problems, 0,
                () -> atLeast(p + "concurrency", config.integer(p + "concurrency", 4), 1, 64));
        initialBackoff = read(problems, null, () -> positive(p + "retry.initialBackoff",
                config.duration(p + "retry.initialBackoff", Duration.ofMillis(500))));
        maxBackoff = read(problems, null, () -> positive(p + "retry.maxBackoff",
                config.duration(p + "retry.maxBackoff", Duration.ofSeconds(30))));
        maxRetryAfter = read(problems, null, () -> positive(p + "retry.maxRetryAfter",
                config.duration(p + "retry.maxRetryAfter", Duration.ofMinutes(2))));
        maxRateWait = read(problems, null, () -> positive(p + "rateLimit.maxWait",
                config.duration(p + "rateLimit.maxWait", Duration.ofMinutes(5))));
        maxQuotaWait = read(problems, null, () -> positive(p + "quota.maxWait",
                config.duration(p + "quota.maxWait", Duration.ofMinutes(15))));
        initialPoll = read(problems, null, () -> positive(p + "completion.initialPoll",
                config.duration(p + "completion.initialPoll", Duration.ofSeconds(1))));
        maxPoll = read(problems, null, () -> positive(p + "completion.maxPoll",
                config.duration(p + "completion.maxPoll", Duration.ofSeconds(10))));
        rateLimitEnabled = read(problems, false, () -> config.bool(p + "rateLimit.enabled", true));
        rateLimits = read(problems, null, () -> rateLimits(p, config, defaults));
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

    private static List<RateLimit> rateLimits(String p, PurgeConfig config, List<RateLimit> defaults) {
        List<String> problems = new ArrayList<>();
        List<RateLimit> effective = new ArrayList<>();
        for (RateLimit limit : defaults) {
            double rate = limit.permitsPerSecond();
            long burst = limit.burst();
            if (limit.unit() == RateLimit.Unit.REQUESTS) {
                rate = config.number(p + "rateLimit.requestsPerSecond", rate);
                burst = config.integer(p + "rateLimit.burst", (int) Math.min(Integer.MAX_VALUE, burst));
            }
            String bucket = p + "rateLimit." + limit.name() + ".";
            rate = config.number(bucket + "permitsPerSecond", rate);
            burst = config.integer(bucket + "burst", (int) Math.min(Integer.MAX_VALUE, burst));
            if (!(rate > 0) || Double.isInfinite(rate)) {
                problems.add("rate limit '" + limit.name() + "' needs a positive rate: check "
                        + bucket + "permitsPerSecond and " + p + "rateLimit.requestsPerSecond");
                continue;
            }
            if (burst < 1) {
                problems.add("rate limit '" + limit.name() + "' needs a burst of at least 1: check " + bucket
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

    private static int atLeast(String key, int value, int min, int max) {
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
