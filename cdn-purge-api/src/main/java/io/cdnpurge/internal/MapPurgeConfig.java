package io.cdnpurge.internal;

import io.cdnpurge.PurgeConfig;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@link PurgeConfig} behind the static factories: a sorted copy of the values and an environment. */
public final class MapPurgeConfig implements PurgeConfig {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private final Map<String, String> values;
    private final Map<String, String> environment;
    private final PurgeConfig environmentSource;

    /** @param environment the variables to expose, or {@code null} for the process environment */
    public MapPurgeConfig(Map<String, String> values, Map<String, String> environment) {
        this(values, environment, null);
    }

    /** A config whose environment is another config's, when {@code environment} is null. */
    public MapPurgeConfig(Map<String, String> values, Map<String, String> environment, PurgeConfig environmentSource) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.environment = environment;
        this.environmentSource = environmentSource;
    }

    @Override
    public String get(String key) {
        return values.get(Objects.requireNonNull(key, "key cannot be null"));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<String> environment(String name) {
        if (environment != null) {
            return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
        }
        if (environmentSource != null) {
            return environmentSource.environment(name);
        }
        return PurgeConfig.super.environment(name);
    }

    @Override
    public String toString() {
        return "PurgeConfig" + values.keySet();
    }

    /** A sorted string copy of any map; null keys or values are an error naming the key. */
    public static Map<String, String> toMap(Map<String, ?> source) {
        Map<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, ?> entry : source.entrySet()) {
            String key = Objects.requireNonNull(entry.getKey(), "config keys cannot be null");
            Object value = Objects.requireNonNull(entry.getValue(), () -> "config value of '" + key + "' is null");
            copy.put(key, String.valueOf(value));
        }
        return copy;
    }

    /** A sorted copy of every key of a config. */
    public static Map<String, String> toMap(PurgeConfig config) {
        Map<String, String> copy = new TreeMap<>();
        for (String key : config.keys()) {
            String value = config.get(key);
            if (value != null) {
                copy.put(key, value);
            }
        }
        return copy;
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601. */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(value);
        if (matcher.matches()) {
            double amount = Double.parseDouble(matcher.group(1));
            double millisPerUnit;
            switch (matcher.group(2)) {
                case "ms": millisPerUnit = 1; break;
                case "s": millisPerUnit = 1_000; break;
                case "m": millisPerUnit = 60_000; break;
                case "h": millisPerUnit = 3_600_000; break;
                default: millisPerUnit = 86_400_000; break;
            }
            return Duration.ofNanos(Math.round(amount * millisPerUnit * 1_000_000d));
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }

    /** {@code ZONE_ID} → {@code zoneId}. */
    public static String camelCase(String upperSnake) {
        StringBuilder out = new StringBuilder();
        boolean upperNext = false;
        for (char c : upperSnake.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upperNext = out.length() > 0;
            } else {
                out.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return out.toString();
    }
}
