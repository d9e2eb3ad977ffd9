package io.cdnpurge.spi;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.internal.EngineSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One client's configuration, read against its provider's {@link ConfigSchema} and the engine's keys in one pass:
 * typed values, every problem reported at once with its full key. Immutable and thread-safe.
 *
 * <p>A client has a name, which is the prefix of its keys. The name is the provider's id ({@code cloudflare.apiToken})
 * or a name of the user's whose provider is set with {@code <name>.provider} ({@code eu.provider=cloudflare},
 * {@code eu.apiToken=…}), so that one configuration can hold two accounts of one vendor. Only a client named by its
 * provider's id falls back to the vendor's environment variables ({@link ConfigKey#environment}).
 *
 * <p>{@code toString()} shows the values with every secret redacted.
 */
public final class ClientSettings {
    /** The key naming a client's provider: {@code <name>.provider}. */
    public static final String PROVIDER_KEY = "provider";

    private final String name;
    private final String providerId;
    private final ConfigSchema schema;
    private final PurgeConfig config;
    private final boolean readsEnvironment;
    private final Map<String, Object> values;
    private final Map<String, String> variables;
    private final Set<String> invalid;

    private ClientSettings(String name, String providerId, ConfigSchema schema, PurgeConfig config,
                           boolean readsEnvironment, Map<String, Object> values, Map<String, String> variables,
                           Set<String> invalid) {
        this.name = name;
        this.providerId = providerId;
        this.schema = schema;
        this.config = config;
        this.readsEnvironment = readsEnvironment;
        this.values = values;
        this.variables = variables;
        this.invalid = invalid;
    }

    /**
     * Reads the client called {@code name} of this provider: its keys, the engine's keys and every check, with
     * unknown keys under {@code <name>.} reported.
     *
     * @throws InvalidConfigurationException listing every problem, each naming its full key
     */
    public static ClientSettings read(String name, PurgeProvider provider, PurgeConfig config) {
        List<String> problems = new ArrayList<>();
        ClientSettings settings = read(name, provider, config, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return settings;
    }

    /**
     * Like {@link #read(String, PurgeProvider, PurgeConfig)}, adding the problems to a list instead of throwing, so
     * that several clients of one configuration are reported together.
     */
    public static ClientSettings read(String name, PurgeProvider provider, PurgeConfig config, List<String> problems) {
        return read(name, provider.id(), schema(provider), config, true, problems);
    }

    /**
     * Every key a client of this provider reads: the provider's own, then the engine's ({@code maxAttempts},
     * {@code rateLimit.<bucket>.burst} of each of its rate limits, …). For tools that list or complete keys.
     */
    public static ConfigSchema schema(PurgeProvider provider) {
        Objects.requireNonNull(provider, "provider cannot be null");
        return provider.schema().plus(EngineSettings.schema(provider.capabilities().rateLimits()));
    }

    /**
     * Reads a client against a schema, without the engine's keys unless the schema includes them.
     *
     * @param unknownKeys whether to report keys under {@code <name>.} the schema does not declare
     */
    public static ClientSettings read(String name, String providerId, ConfigSchema schema, PurgeConfig config,
                                      boolean unknownKeys, List<String> problems) {
        Objects.requireNonNull(name, "name cannot be null");
        Objects.requireNonNull(providerId, "providerId cannot be null");
        Objects.requireNonNull(schema, "schema cannot be null");
        Objects.requireNonNull(config, "config cannot be null");
        String prefix = name + ".";
        boolean environment = name.equals(providerId);
        Map<String, Object> values = new HashMap<>();
        Map<String, String> variables = new HashMap<>();
        Set<String> invalid = new HashSet<>();
        for (ConfigKey<?> key : schema.keys()) {
            String full = prefix + key.name();
            String raw = config.get(full);
            String where = full;
            if ((raw == null || raw.isBlank()) && environment && key.environmentVariable() != null) {
                raw = config.environment(key.environmentVariable()).orElse(null);
                where = "the " + key.environmentVariable() + " variable (read for " + full + ")";
                if (raw != null) {
                    variables.put(key.name(), key.environmentVariable());
                }
            }
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Object value = key.read(raw, where, problems);
            if (value != null) {
                values.put(key.name(), value);
            } else {
                invalid.add(key.name());
            }
        }
        ClientSettings settings = new ClientSettings(name, providerId, schema, config, environment,
                Collections.unmodifiableMap(values), Collections.unmodifiableMap(variables), invalid);
        for (ConfigSchema.Check check : schema.checks()) {
            check.check(settings, problems);
        }
        if (unknownKeys) {
            for (String key : config.keys()) {
                if (key.startsWith(prefix) && schema.key(key.substring(prefix.length())) == null) {
                    problems.add(unknownKey(key, prefix, schema));
                }
            }
        }
        return settings;
    }

    private static String unknownKey(String key, String prefix, ConfigSchema schema) {
        String name = key.substring(prefix.length());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> known : schema.keys()) {
            int distance = distance(name.toLowerCase(Locale.ROOT), known.name().toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = known.name();
            }
        }
        if (best != null && bestDistance <= Math.max(2, name.length() / 4)) {
            return "unknown key " + key + ": did you mean " + prefix + best + "? (keys are case-sensitive)";
        }
        return "unknown key " + key + ": nothing reads it; the keys of " + prefix.substring(0, prefix.length() - 1)
                + " are listed in the README and the provider's page (keys are case-sensitive)";
    }

    /** Levenshtein distance, for suggesting the key that was meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The client's name: the prefix of its keys. */
    public String name() {
        return name;
    }

    /** The provider's id, e.g. {@code cloudflare}. */
    public String providerId() {
        return providerId;
    }

    /** The schema read. */
    public ConfigSchema schema() {
        return schema;
    }

    /** The value of a key, or its default when unset (null when it has none). */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Object value = values.get(key.name());
        return value == null ? key.defaultValue() : (T) value;
    }

    /** The value of a key when set (in the configuration or its environment variable), not its default. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(ConfigKey<T> key) {
        return Optional.ofNullable((T) values.get(key.name()));
    }

    /** Whether a key has a valid value, from the configuration or its environment variable. */
    public boolean isSet(ConfigKey<?> key) {
        return values.containsKey(key.name());
    }

    /**
     * Whether a key was given a value, valid or not: a check that a credential is present should not also complain
     * that it is missing when its value was reported as bad.
     */
    public boolean isGiven(ConfigKey<?> key) {
        return values.containsKey(key.name()) || invalid.contains(key.name());
    }

    /** Whether the configuration itself names this key (with any value), as opposed to its variable or default. */
    public boolean isWritten(ConfigKey<?> key) {
        String raw = config.get(fullKey(key));
        return raw != null && !raw.isBlank();
    }

    /** The key as a user writes it, e.g. {@code eu.apiToken}. */
    public String fullKey(ConfigKey<?> key) {
        return name + "." + key.name();
    }

    /** A key name as a user writes it, e.g. {@code fullKey("rateLimit.maxWait")}. */
    public String fullKey(String keyName) {
        return name + "." + keyName;
    }

    /**
     * How to set a key, for a message: {@code cloudflare.apiToken (or the CLOUDFLARE_API_TOKEN variable)} for a
     * client that reads the vendor's variables, else the full key.
     */
    public String howToSet(ConfigKey<?> key) {
        return readsEnvironment && key.environmentVariable() != null
                ? fullKey(key) + " (or the " + key.environmentVariable() + " variable)" : fullKey(key);
    }

    /** Where a key's value came from, for a message: its full key, or the variable read for it. */
    public String source(ConfigKey<?> key) {
        String variable = variables.get(key.name());
        return variable == null ? fullKey(key) : "the " + variable + " variable (read for " + fullKey(key) + ")";
    }

    /** Whether this client falls back to the vendor's environment variables (it is named by its provider's id). */
    public boolean readsEnvironment() {
        return readsEnvironment;
    }

    /** An environment variable as the configuration sees it (for a provider's own fallbacks, e.g. a home folder). */
    public Optional<String> environment(String variable) {
        return config.environment(variable);
    }

    /** The configuration these settings were read from. */
    public PurgeConfig config() {
        return config;
    }

    /** The values of every secret key that is set, for redaction. */
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        for (ConfigKey<?> key : schema.keys()) {
            if (key.isSecret() && values.containsKey(key.name())) {
                secrets.add((String) values.get(key.name()));
            }
        }
        return secrets;
    }

    /** The names of the keys that are set. */
    public Set<String> keysSet() {
        return Collections.unmodifiableSet(new HashSet<>(values.keySet()));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ClientSettings{").append(name).append(" (").append(providerId)
                .append(')');
        for (ConfigKey<?> key : schema.keys()) {
            if (values.containsKey(key.name())) {
                text.append(", ").append(key.name()).append('=')
                        .append(key.isSecret() ? "****" : String.valueOf(values.get(key.name())));
            }
        }
        return text.append('}').toString();
    }
}
