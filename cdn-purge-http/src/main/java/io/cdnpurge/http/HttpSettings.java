package io.cdnpurge.http;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.EndpointRules;
import okhttp3.HttpUrl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP settings of one client: base endpoint and timeouts. Immutable.
 *
 * <p>Keys ({@link EndpointRules#schema}): {@code <client>.endpoint} (the vendor's base URL unless set),
 * {@code <client>.timeout} (30s, per read or write; a whole call gets twice that), {@code <client>.connectTimeout}
 * (10s), {@code <client>.allowInsecureEndpoint} (false). A plain {@code http://} endpoint is refused unless its host
 * is a loopback address or {@code allowInsecureEndpoint} is true: credentials must not cross a network in clear text.
 */
public final class HttpSettings {
    private final String providerId;
    private final String clientName;
    private final HttpUrl endpoint;
    private final Duration timeout;
    private final Duration connectTimeout;

    private HttpSettings(String providerId, String clientName, HttpUrl endpoint, Duration timeout,
                         Duration connectTimeout) {
        this.providerId = providerId;
        this.clientName = clientName;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
    }

    /** The keys and the endpoint check of a provider calling its vendor at {@code defaultEndpoint}. */
    public static ConfigSchema schema(String defaultEndpoint) {
        return EndpointRules.schema(defaultEndpoint);
    }

    /**
     * Reads the HTTP keys of the client {@code clientName} from a configuration, ignoring its other keys.
     *
     * @throws InvalidConfigurationException naming every bad key
     */
    public static HttpSettings from(PurgeConfig config, String clientName, String defaultEndpoint) {
        List<String> problems = new ArrayList<>();
        ClientSettings settings = ClientSettings.read(clientName, clientName, schema(defaultEndpoint), config, false,
                problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return of(settings, defaultEndpoint);
    }

    /**
     * The settings of a client read against {@link #schema} (which checked them).
     *
     * @throws InvalidConfigurationException when the endpoint is a URL OkHttp cannot send to
     */
    public static HttpSettings of(ClientSettings settings, String defaultEndpoint) {
        Objects.requireNonNull(settings, "settings cannot be null");
        String text = settings.find(EndpointRules.ENDPOINT).orElse(defaultEndpoint);
        HttpUrl endpoint = HttpUrl.parse(text);
        if (endpoint == null) {
            throw new InvalidConfigurationException(settings.fullKey(EndpointRules.ENDPOINT)
                    + " is not an http:// or https:// URL");
        }
        return new HttpSettings(settings.providerId(), settings.name(), endpoint, settings.get(EndpointRules.TIMEOUT),
                settings.get(EndpointRules.CONNECT_TIMEOUT));
    }

    /** The provider these settings are of. */
    public String providerId() {
        return providerId;
    }

    /** The client these settings are of: the prefix of its keys, for messages. */
    public String clientName() {
        return clientName;
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
