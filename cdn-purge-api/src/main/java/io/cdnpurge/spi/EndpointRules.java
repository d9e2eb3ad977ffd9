package io.cdnpurge.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The rule every provider applies to {@code <provider>.endpoint}: credentials must not cross a network in clear
 * text or sit in the URL, so a plain {@code http://} endpoint is refused unless its host is a loopback address or
 * {@code <provider>.allowInsecureEndpoint} is true, and {@code user:password@} is always refused.
 */
public final class EndpointRules {
    private EndpointRules() {
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
    public static Optional<String> problem(String providerId, String text, boolean https, String host,
                                           boolean userInfo, boolean allowInsecure) {
        String p = providerId + ".";
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
