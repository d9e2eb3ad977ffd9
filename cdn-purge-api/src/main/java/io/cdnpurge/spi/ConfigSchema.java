package io.cdnpurge.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys a provider reads, declared once, and the checks that span several keys. The engine adds its own keys
 * ({@code maxAttempts}, {@code concurrency}, {@code rateLimit.*}, …) and reads a client's configuration against the
 * whole in one pass ({@link ClientSettings#read}), reporting every problem at once with its full key, unknown keys
 * included. Immutable.
 *
 * <pre>{@code
 * static final ConfigSchema SCHEMA = ConfigSchema.builder()
 *         .key(API_TOKEN).key(ZONE_ID).key(URLS_PER_CALL)
 *         .check((settings, problems) -> {
 *             if (!settings.isSet(API_TOKEN)) {
 *                 problems.add("no Acme credential: set " + settings.fullKey(API_TOKEN));
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public final class ConfigSchema {
    /** A check across keys, run after every key has been read; it adds one sentence per problem. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param settings the values read; a key with a problem of its own reads as unset
         * @param problems where to add a sentence per problem, naming keys with {@link ClientSettings#fullKey}
         */
        void check(ClientSettings settings, List<String> problems);
    }

    private static final ConfigSchema EMPTY = new ConfigSchema(Map.of(), List.of());

    private final Map<String, ConfigKey<?>> keys;
    private final List<Check> checks;

    private ConfigSchema(Map<String, ConfigKey<?>> keys, List<Check> checks) {
        this.keys = keys;
        this.checks = checks;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No keys. */
    public static ConfigSchema empty() {
        return EMPTY;
    }

    /** The keys in the order declared. */
    public List<ConfigKey<?>> keys() {
        return List.copyOf(keys.values());
    }

    /** The key with this name (without the client's prefix), or null. */
    public ConfigKey<?> key(String name) {
        return keys.get(name);
    }

    List<Check> checks() {
        return checks;
    }

    /** This schema with another's keys and checks after its own. */
    public ConfigSchema plus(ConfigSchema other) {
        return builder().include(this).include(other).build();
    }

    @Override
    public String toString() {
        return "ConfigSchema" + keys.keySet();
    }

    /** Builds a {@link ConfigSchema}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        private final List<Check> checks = new ArrayList<>();

        private Builder() {
        }

        /** Adds a key. */
        public Builder key(ConfigKey<?> key) {
            Objects.requireNonNull(key, "key cannot be null");
            if (keys.putIfAbsent(key.name(), key) != null && keys.get(key.name()) != key) {
                throw new IllegalArgumentException("the key " + key.name() + " is declared twice");
            }
            return this;
        }

        /** Adds keys. */
        public Builder keys(List<? extends ConfigKey<?>> more) {
            for (ConfigKey<?> key : more) {
                key(key);
            }
            return this;
        }

        /** Adds a check across keys. */
        public Builder check(Check check) {
            checks.add(Objects.requireNonNull(check, "check cannot be null"));
            return this;
        }

        /** Adds another schema's keys and checks (shared keys such as the HTTP ones). */
        public Builder include(ConfigSchema other) {
            keys(new ArrayList<>(other.keys.values()));
            checks.addAll(other.checks);
            return this;
        }

        public ConfigSchema build() {
            return new ConfigSchema(Collections.unmodifiableMap(new LinkedHashMap<>(keys)), List.copyOf(checks));
        }
    }
}
