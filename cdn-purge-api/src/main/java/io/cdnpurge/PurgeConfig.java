package io.cdnpurge;

import io.cdnpurge.internal.MapPurgeConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Read-only configuration: string values under keys {@code <client>.<camelCaseKey>}, where a client is named by its
 * provider's id (e.g. {@code cloudflare.apiToken}) or by a name whose {@code <name>.provider} key names the provider
 * (see {@link CdnPurge}); plus the engine keys every provider shares ({@code <provider>.maxAttempts},
 * {@code .concurrency}, {@code .timeout}, {@code .endpoint}, {@code .rateLimit.requestsPerSecond}, …: see the
 * README). Typed accessors name the key in their error. Implementations must be thread-safe.
 *
 * <pre>{@code
 * PurgeConfig config = PurgeConfig.fromMap(Map.of(
 *     "cloudflare.apiToken", token,
 *     "cloudflare.zoneId", "023e105f4ecef8ad9ca31a8372d0c353"));
 * }</pre>
 *
 * <p>{@code toString()} lists keys only, never values, so a config can be logged without leaking secrets.
 */
public interface PurgeConfig {

    /** The raw value of a key, or {@code null} when it is not set. */
    String get(String key);

    /** Every key that is set (used to report misspelt keys). */
    Set<String> keys();

    /**
     * An environment variable as this config sees it (vendor variables such as {@code CLOUDFLARE_API_TOKEN}).
     * The process environment unless replaced with {@link #withEnvironment}.
     */
    default Optional<String> environment(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    /** The value of a key, trimmed, empty when unset or blank. */
    default Optional<String> string(String key) {
        String value = get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    default String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    // The readers below are plain code, not lambdas: every client reads its keys in its users' cold start.

    /** @throws InvalidConfigurationException naming the key when the value is not a whole number */
    default int integer(String key, int defaultValue) {
        String value = string(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw badValue(key, value, "a whole number such as 5");
        }
    }

    /** @throws InvalidConfigurationException naming the key when the value is not a number */
    default double number(String key, double defaultValue) {
        String value = string(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw badValue(key, value, "a number such as 2.5");
        }
    }

    /** {@code true} or {@code false}, case-insensitive. Anything else is an error, so "flase" never means false. */
    default boolean bool(String key, boolean defaultValue) {
        String value = string(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidConfigurationException(key + " is '" + value + "': use true or false");
    }

    /**
     * A duration written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}).
     *
     * @throws InvalidConfigurationException naming the key when the value is not a duration
     */
    default Duration duration(String key, Duration defaultValue) {
        String value = string(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return MapPurgeConfig.parseDuration(value);
        } catch (RuntimeException e) {
            throw badValue(key, value, "a duration such as 500ms, 30s, 5m or PT30S");
        }
    }

    private static InvalidConfigurationException badValue(String key, String value, String expected) {
        return new InvalidConfigurationException(key + " is '" + value + "': use " + expected);
    }

    /** This config with another environment, for tests and for hosts that pass settings explicitly. */
    default PurgeConfig withEnvironment(Map<String, String> environment) {
        return new MapPurgeConfig(MapPurgeConfig.toMap(this), Map.copyOf(environment));
    }

    /** This config with some keys set or replaced. */
    default PurgeConfig with(Map<String, ?> overrides) {
        Map<String, String> merged = MapPurgeConfig.toMap(this);
        merged.putAll(MapPurgeConfig.toMap(overrides));
        return new MapPurgeConfig(merged, null, this);
    }

    /** An empty config (everything from defaults and the environment). */
    static PurgeConfig empty() {
        return fromMap(Map.of());
    }

    /** From a map; values are converted with {@code String.valueOf}. */
    static PurgeConfig fromMap(Map<String, ?> values) {
        Objects.requireNonNull(values, "values cannot be null");
        return new MapPurgeConfig(MapPurgeConfig.toMap(values), null);
    }

    /** From properties, e.g. loaded from a {@code cdn-purge.properties} file. */
    static PurgeConfig fromProperties(Properties properties) {
        Objects.requireNonNull(properties, "properties cannot be null");
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        return new MapPurgeConfig(values, null);
    }

    /**
     * From a {@code .properties} file, read as UTF-8 (e.g. {@code cdn-purge.properties}); its environment is the
     * process environment.
     *
     * @throws InvalidConfigurationException naming the file when it cannot be read or parsed
     */
    static PurgeConfig fromFile(Path file) {
        Objects.requireNonNull(file, "file cannot be null");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigurationException("cannot read the configuration file " + file + ": " + e
                    + " (a properties file of key=value lines, in UTF-8)");
        }
        return fromProperties(properties);
    }

    /**
     * From the process environment: {@code CDN_PURGE_<PROVIDER>_<KEY>} where the key is upper snake case and a
     * double underscore is a dot. {@code CDN_PURGE_CLOUDFLARE_ZONE_ID} is {@code cloudflare.zoneId},
     * {@code CDN_PURGE_CLOUDFLARE_RATE_LIMIT__BURST} is {@code cloudflare.rateLimit.burst}.
     */
    static PurgeConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Like {@link #fromEnvironment()} from the given variables (which also become its environment). */
    static PurgeConfig fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        String prefix = "CDN_PURGE_";
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                continue;
            }
            String rest = name.substring(prefix.length());
            int split = rest.indexOf('_');
            if (split <= 0 || split == rest.length() - 1) {
                continue;
            }
            String provider = rest.substring(0, split).toLowerCase(Locale.ROOT);
            StringBuilder key = new StringBuilder(provider);
            for (String segment : rest.substring(split + 1).split("__")) {
                key.append('.').append(MapPurgeConfig.camelCase(segment));
            }
            values.put(key.toString(), variable.getValue());
        }
        return new MapPurgeConfig(values, Map.copyOf(environment));
    }
}
