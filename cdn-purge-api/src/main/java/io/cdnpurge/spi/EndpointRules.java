package io.cdnpurge.spi;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The transport keys every provider has, and the rule it applies to {@code <client>.endpoint}: credentials must not cross a network in clear
 * text or sit in the URL, so a plain {@code http://} endpoint is refused unless its host is a loopback address or
 * {@code <provider>.allowInsecureEndpoint} is true, and {@code user:password@} is always refused.
 */
public final class EndpointRules {
    /** The vendor's base URL, for fakes and proxies. */
    public static final ConfigKey<String> ENDPOINT = ConfigKey.string("endpoint")
            .doc("base URL (fakes, proxies); plain `http://` only to loopback …");
    /** Allows a plain {@code http://} endpoint on another host. */
    public static final ConfigKey<Boolean> ALLOW_INSECURE_ENDPOINT = ConfigKey.bool("allowInsecureEndpoint", false)
            .doc("… unless this is true");
    /** Per read or write. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.positiveDuration("timeout", Duration.ofSeconds(30))
            .doc("per read or write; a whole call gets twice this");
    /** To connect. */
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.positiveDuration("connectTimeout",
            Duration.ofSeconds(10)).doc("to connect");

    private EndpointRules() {
    }

    /**
     * The transport keys of a provider ({@code endpoint}, {@code allowInsecureEndpoint}, {@code timeout},
     * {@code connectTimeout}) with the check of the endpoint: an http or https URL with a host, no user info, and
     * plain http only to loopback unless allowed.
     *
     * @param defaultEndpoint the vendor's base URL as the documentation shows it
     */
    public static ConfigSchema schema(String defaultEndpoint) {
        return ConfigSchema.builder().key(ENDPOINT.defaultText(defaultEndpoint)).key(ALLOW_INSECURE_ENDPOINT)
                .key(TIMEOUT).key(CONNECT_TIMEOUT).check(EndpointRules::check).build();
    }

    private static void check(ClientSettings settings, List<String> problems) {
        String text = settings.find(ENDPOINT).orElse(null);
        if (text == null) {
            return;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(settings.fullKey(ENDPOINT) + " is not a URL: use https://host[:port][/path]");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            problems.add(settings.fullKey(ENDPOINT) + " is not an http:// or https:// URL");
            return;
        }
        problem(settings.name(), text, scheme.equals("https"), uri.getHost(), uri.getRawUserInfo() != null,
                settings.get(ALLOW_INSECURE_ENDPOINT)).ifPresent(problems::add);
    }

    /**
     * The problem with an endpoint, as a sentence naming the key, or empty when it is fine.
     *
     * @param text          the endpoint as configured, for the message
     * @param https         whether its scheme is https
     * @param host          its host (an IPv6 literal with or without brackets)
     * @param userInfo      whether it has {@code user:password@}
     * @param allowInsecure the value of {@code <provider>.allowInsecureEndpoint}
     */
    public static Optional<String> problem(String clientName, String text, boolean https, String host,
                                           boolean userInfo, boolean allowInsecure) {
        String p = clientName + ".";
        if (userInfo) {
            // the endpoint is printed in messages and logs: a password in it would leak
            return Optional.of(p + "endpoint has user:password@ in it: credentials go in the provider's own keys");
        }
        if (!https && !allowInsecure && !isLoopback(host)) {
            return Optional.of(p + "endpoint '" + text + "' is plain http to a non-loopback host: use https, or set "
                    + p + "allowInsecureEndpoint=true if you really mean it");
        }
        return Optional.empty();
    }

    /** Whether a host is {@code localhost} or a literal loopback address; a name is never resolved (no DNS). */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
