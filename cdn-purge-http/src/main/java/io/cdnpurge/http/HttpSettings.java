package io.cdnpurge.http;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.spi.EndpointRules;
import okhttp3.HttpUrl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP settings of one provider client: base endpoint and timeouts. Immutable.
 *
 * <p>Keys: {@code <provider>.endpoint} (the vendor's base URL unless set), {@code <provider>.timeout} (30s, per
 * read or write; a whole call gets twice that), {@code <provider>.connectTimeout} (10s),
 * {@code <provider>.allowInsecureEndpoint} (false). A plain {@code http://} endpoint is refused unless its host is
 * a loopback address or {@code allowInsecureEndpoint} is true: credentials must not cross a network in clear text.
 */
public final class HttpSettings {
    /** The keys read here, without the {@code <id>.} prefix. */
    public static final Set<String> KEYS = Set.of("endpoint", "timeout", "connectTimeout", "allowInsecureEndpoint");

    private final String providerId;
    private final HttpUrl endpoint;
    private final Duration timeout;
    private final Duration connectTimeout;

    private HttpSettings(String providerId, HttpUrl endpoint, Duration timeout, Duration connectTimeout) {
        this.providerId = providerId;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Reads the settings, adding a sentence naming the key to {@code problems} for every bad value.
     *
     * @return the settings, or null when a problem was added
     */
    public static HttpSettings read(PurgeConfig config, String providerId, String defaultEndpoint,
                                    List<String> problems) {
        Objects.requireNonNull(config, "config cannot be null");
        String p = providerId + ".";
        int before = problems.size();
        Duration timeout = positive(config, p + "timeout", Duration.ofSeconds(30), problems);
        Duration connect = positive(config, p + "connectTimeout", Duration.ofSeconds(10), problems);
        boolean insecure = false;
        try {
            insecure = config.bool(p + "allowInsecureEndpoint", false);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        String text = config.string(p + "endpoint", defaultEndpoint);
        HttpUrl endpoint = HttpUrl.parse(text);
        if (endpoint == null) {
            problems.add(p + "endpoint is not an http:// or https:// URL");
        } else {
            EndpointRules.problem(providerId, text, endpoint.isHttps(), endpoint.host(),
                    !endpoint.username().isEmpty() || !endpoint.password().isEmpty(), insecure)
                    .ifPresent(problems::add);
        }
        return problems.size() > before ? null : new HttpSettings(providerId, endpoint, timeout, connect);
    }

    /** Like {@link #read} but throws at once. */
    public static HttpSettings from(PurgeConfig config, String providerId, String defaultEndpoint) {
        List<String> problems = new ArrayList<>();
        HttpSettings settings = read(config, providerId, defaultEndpoint, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return settings;
    }

    private static Duration positive(PurgeConfig config, String key, Duration defaultValue, List<String> problems) {
        try {
            Duration value = config.duration(key, defaultValue);
            if (value.isZero() || value.isNegative()) {
                problems.add(key + " is " + value + ": use a positive duration such as 30s");
                return defaultValue;
            }
            return value;
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
            return defaultValue;
        }
    }

    /** The provider these settings are of. */
    public String providerId() {
        return providerId;
    }

    /** The base URL every path is resolved against, e.g. {@code https://api.cloudflare.com/client/v4}. */
    public HttpUrl endpoint() {
        return endpoint;
    }

    /**
     * The base URL with more path segments appended, each encoded as one segment, so that no value can add a
     * segment or climb out of the endpoint's path.
     *
     * @throws IllegalArgumentException for an empty, {@code .} or {@code ..} segment, which OkHttp would resolve
     *                                  against the path instead of sending; values from configuration or from a
     *                                  vendor's answer are checked before they get here
     */
    public HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder builder = endpoint.newBuilder();
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("refusing to send a request whose path has the segment '"
                        + segment + "': it would not reach the endpoint it names");
            }
            builder.addPathSegment(segment);
        }
        return builder;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public String toString() {
        return "HttpSettings{" + endpoint + ", timeout " + timeout + ", connect " + connectTimeout + "}";
    }
}
