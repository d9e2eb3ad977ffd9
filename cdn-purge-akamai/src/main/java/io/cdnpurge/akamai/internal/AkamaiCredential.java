package io.cdnpurge.akamai.internal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One EdgeGrid API client: the host it signs for, its three tokens, and its signing options. {@link #toString()}
 * shows the host and where the credential came from, never a token.
 */
public final class AkamaiCredential {
    /** The body size EdgeGrid hashes by default, and what Akamai's servers use. */
    public static final int DEFAULT_MAX_BODY = 131_072;

    private final String host;
    private final String clientToken;
    private final String clientSecret;
    private final String accessToken;
    private final int maxBody;
    private final List<String> headersToSign;
    private final String source;

    public AkamaiCredential(String host, String clientToken, String clientSecret, String accessToken, int maxBody,
                            List<String> headersToSign, String source) {
        this.host = normalizeHost(Objects.requireNonNull(host, "host cannot be null"));
        this.clientToken = Objects.requireNonNull(clientToken, "clientToken cannot be null");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret cannot be null");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken cannot be null");
        this.maxBody = maxBody;
        this.headersToSign = List.copyOf(headersToSign);
        this.source = Objects.requireNonNull(source, "source cannot be null");
    }

    /**
     * The host as EdgeGrid signs it: lower case, without {@code https://} and without a trailing {@code /}, which
     * {@code .edgerc} files often carry.
     */
    public static String normalizeHost(String host) {
        String value = host.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            value = value.substring("https://".length());
        } else if (lower.startsWith("http://")) {
            value = value.substring("http://".length());
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    public String host() {
        return host;
    }

    public String clientToken() {
        return clientToken;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String accessToken() {
        return accessToken;
    }

    /** How many body bytes the signature covers. */
    public int maxBody() {
        return maxBody;
    }

    /** Request headers the signature covers, in the configured order. */
    public List<String> headersToSign() {
        return headersToSign;
    }

    /** Where the credential was read, e.g. {@code ~/.edgerc [ccu]} or {@code akamai.* keys}. */
    public String source() {
        return source;
    }

    /** The three tokens: what must never appear in any text cdn-purge writes. */
    public Set<String> secrets() {
        return Set.of(clientToken, clientSecret, accessToken);
    }

    @Override
    public String toString() {
        return "AkamaiCredential{host=" + host + ", from " + source + "}";
    }
}
