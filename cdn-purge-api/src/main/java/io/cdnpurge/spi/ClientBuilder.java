package io.cdnpurge.spi;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every provider's typed builder shares: it sets the same keys as a configuration would
 * ({@code <provider>.<key>}), over a base configuration, so that one validation pass ({@link ClientSettings#read})
 * checks both. Not thread-safe.
 *
 * <pre>{@code
 * public static final class Builder extends ClientBuilder<Builder> {
 *     private Builder() { super("acme"); }
 *     public Builder apiToken(String token) { return put("apiToken", token); }
 *     public AcmePurgeClient build() { return create(read(new AcmePurgeProvider()), options()); }
 * }
 * }</pre>
 *
 * @param <B> the builder itself
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    private final String providerId;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    private PurgeConfig base = PurgeConfig.empty();
    private ClientOptions options = ClientOptions.defaults();

    protected ClientBuilder(String providerId) {
        this.providerId = Objects.requireNonNull(providerId, "providerId cannot be null");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The API base URL, for fakes and proxies; plain http only to loopback unless allowed. */
    public B endpoint(String endpoint) {
        return put("endpoint", Objects.requireNonNull(endpoint, "endpoint cannot be null"));
    }

    /** Other keys (engine settings such as {@code <provider>.maxAttempts}), under what this builder sets. */
    public B config(PurgeConfig config) {
        this.base = Objects.requireNonNull(config, "config cannot be null");
        return self();
    }

    /** Clock, sleeper, listeners and jitter. */
    public B options(ClientOptions clientOptions) {
        this.options = Objects.requireNonNull(clientOptions, "options cannot be null");
        return self();
    }

    /** Sets {@code <provider>.<key>}. */
    protected B put(String key, String value) {
        values.put(providerId + "." + key, value);
        return self();
    }

    /** Adds {@code host=value} to the map key {@code <provider>.<key>}, written {@code host=value,…}. */
    protected B putEntry(String key, String host, String value) {
        maps.computeIfAbsent(key, any -> new LinkedHashMap<>()).put(Objects.requireNonNull(host,
                "host cannot be null"), Objects.requireNonNull(value, "value cannot be null"));
        return self();
    }

    /** Sets the list key {@code <provider>.<key>}, written {@code a,b,…}. */
    protected B putList(String key, List<String> items) {
        return put(key, String.join(",", items));
    }

    /** The options given, or the defaults. */
    protected ClientOptions options() {
        return options;
    }

    /** The base configuration with every key this builder set. */
    protected PurgeConfig configuration() {
        Map<String, String> all = new LinkedHashMap<>(values);
        maps.forEach((key, entries) -> {
            StringBuilder text = new StringBuilder();
            entries.forEach((host, value) -> text.append(text.length() == 0 ? "" : ",").append(host).append('=')
                    .append(value));
            all.put(providerId + "." + key, text.toString());
        });
        return base.with(all);
    }

    /**
     * The settings of the client named by the provider's id, read from {@link #configuration()}.
     *
     * @throws io.cdnpurge.InvalidConfigurationException naming every missing or bad setting
     */
    protected ClientSettings read(PurgeProvider provider) {
        return ClientSettings.read(providerId, provider, configuration());
    }

    /** The keys set, never their values (a credential among them must not be printed). */
    @Override
    public String toString() {
        Map<String, String> keys = new LinkedHashMap<>(values);
        maps.keySet().forEach(key -> keys.put(providerId + "." + key, ""));
        return getClass().getName().substring(getClass().getName().lastIndexOf('.') + 1).replace('$', '.')
                + keys.keySet();
    }
}
