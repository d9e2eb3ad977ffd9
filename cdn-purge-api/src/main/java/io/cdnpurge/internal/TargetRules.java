package io.cdnpurge.internal;

import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeTarget.Kind;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The vendor-neutral rules every target value must pass. Providers add their own on top. */
public final class TargetRules {
    /** No vendor accepts longer tags: Cloudflare and Fastly allow 1,024. */
    public static final int MAX_TAG_LENGTH = 1024;
    /** Longer than any CDN path limit (CloudFront 4,000 characters) and far longer than browsers send. */
    public static final int MAX_URL_LENGTH = 8192;

    private TargetRules() {
    }

    /** Throws {@link InvalidPurgeRequestException} naming the value when it breaks a rule. */
    public static void requireValid(Kind kind, String value) {
        problem(kind, value).ifPresent(problem -> {
            throw new InvalidPurgeRequestException(problem);
        });
    }

    /** The problem with a value, as a sentence naming it and what to do, or empty when it is valid. */
    public static Optional<String> problem(Kind kind, String value) {
        String control = controlCharacter(value);
        if (control != null) {
            return Optional.of(label(kind) + " " + quote(value) + " contains the control character " + control
                    + ": remove it (CR and LF are never allowed in a purge target)");
        }
        switch (kind) {
            case URL:
                return urlProblem("url", value, false);
            case PREFIX:
                return urlProblem("prefix", value, true);
            case TAG:
                return tagProblem(value);
            case HOST:
                return hostProblem(value);
            case CP_CODE:
                return cpCodeProblem(value);
            default:
                return Optional.empty();
        }
    }

    /**
     * The canonical form of a valid URL or prefix (see {@link Urls}): the form a browser requests and CDNs key their
     * caches by, with dot segments resolved and non-ASCII characters percent-encoded as UTF-8.
     */
    public static String canonicalUrl(String validUrl) {
        return Urls.canonical(validUrl);
    }

    /** The host name of a canonical URL: lower case, IPv6 literals without brackets. */
    public static String hostOf(String canonicalUrl) {
        return Urls.hostOf(canonicalUrl);
    }

    /**
     * The host of a URL's raw authority ({@code java.net.URI} gives none for names with an underscore, which DNS
     * allows and some CDN hosts use, nor for internationalised names), in lower-case ASCII; null when invalid.
     */
    private static String hostOf(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 || uri.getHost() == null ? null : host.substring(1, close).toLowerCase(Locale.ROOT);
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            if (!host.substring(colon + 1).matches("\\d{0,5}")) {
                return null;
            }
            host = host.substring(0, colon);
        }
        String ascii = Urls.asciiHost(host);
        return ascii != null && hostProblem(ascii).isEmpty() ? ascii : null;
    }

    public static void requireValidHeaders(String url, Map<String, String> headers) {
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name == null || value == null) {
                throw new InvalidPurgeRequestException("cache-key header of url " + quote(url)
                        + " has a null name or value: omit the header instead");
            }
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new InvalidPurgeRequestException("cache-key header name " + quote(name) + " of url "
                        + quote(url) + " is not a valid HTTP header name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidPurgeRequestException("cache-key header " + quote(name) + " of url " + quote(url)
                        + " is given twice (header names are case-insensitive)");
            }
            if (controlCharacter(value) != null) {
                throw new InvalidPurgeRequestException("cache-key header " + quote(name) + " of url " + quote(url)
                        + " contains a control character: remove it");
            }
        }
    }

    private static Optional<String> urlProblem(String label, String value, boolean prefix) {
        if (value.isEmpty()) {
            return Optional.of(label + " is empty: give an absolute http:// or https:// URL");
        }
        if (value.length() > MAX_URL_LENGTH) {
            return Optional.of(label + " " + quote(value) + " is " + value.length() + " characters long; at most "
                    + MAX_URL_LENGTH + " are allowed");
        }
        if (value.indexOf(' ') >= 0) {
            return Optional.of(label + " " + quote(value) + " contains a space: percent-encode it as %20");
        }
        int at = userInfoEnd(value);
        if (at >= 0) {
            // the user info may be a password: the message shows the URL without it
            String shown = value.substring(0, value.indexOf("://") + 3) + "…@" + value.substring(at + 1);
            return Optional.of(label + " " + quote(shown) + " has user info (user:password@) before its host: a "
                    + "CDN keys its cache by host and path, never by user info; remove it");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of(label + " " + quote(value) + " is not a valid URL (" + e.getReason()
                    + " at index " + e.getIndex() + "): percent-encode reserved characters");
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getRawAuthority() == null) {
            return Optional.of(label + " " + quote(value)
                    + " is not absolute: give the full URL with scheme and host, e.g. https://www.example.com/path");
        }
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Optional.of(label + " " + quote(value) + " has scheme '" + scheme + "': only http and https "
                    + "URLs can be purged");
        }
        if (hostOf(uri) == null) {
            return Optional.of(label + " " + quote(value) + " has no valid host name");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of(label + " " + quote(value) + " has a #fragment, which is never sent to a CDN: "
                    + "remove it");
        }
        if (prefix && uri.getRawQuery() != null) {
            return Optional.of("prefix " + quote(value) + " has a ?query: a prefix purge covers a path, "
                    + "give it without the query");
        }
        return Optional.empty();
    }

    /** The index of the {@code @} ending the user info of a URL's authority, or -1 when it has none. */
    private static int userInfoEnd(String value) {
        int start = value.indexOf("://");
        if (start < 0) {
            return -1;
        }
        for (int i = start + 3; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return -1;
            }
            if (c == '@') {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> tagProblem(String value) {
        if (value.isEmpty()) {
            return Optional.of("tag is empty");
        }
        if (value.length() > MAX_TAG_LENGTH) {
            return Optional.of("tag " + quote(value) + " is " + value.length() + " characters long; at most "
                    + MAX_TAG_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return Optional.of("tag " + quote(value) + " contains a space: a tag is one word of printable "
                        + "ASCII; purge each tag separately");
            }
            if (c < 0x21 || c > 0x7E) {
                return Optional.of("tag " + quote(value) + " contains the non-printable or non-ASCII character "
                        + String.format(Locale.ROOT, "U+%04X", (int) c) + " at index " + i
                        + ": tags are printable ASCII only");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> hostProblem(String value) {
        if (value.isEmpty()) {
            return Optional.of("host is empty: give a host name such as www.example.com");
        }
        if (value.contains("://") || value.contains("/")) {
            return Optional.of("host " + quote(value) + " must be a bare host name such as www.example.com, "
                    + "without scheme or path (use url() or prefix() for those)");
        }
        if (value.length() > 253) {
            return Optional.of("host " + quote(value) + " is longer than 253 characters");
        }
        for (String label : value.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || !label.matches("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?")) {
                return Optional.of("host " + quote(value) + " is not a valid host name: use letters, digits and "
                        + "hyphens in dot-separated labels (IDN names in their xn-- form)");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cpCodeProblem(String value) {
        try {
            if (Long.parseLong(value) > 0) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("cp code " + quote(value) + " is not a positive number");
    }

    private static String controlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                switch (c) {
                    case '\r': return "CR (\\r) at index " + i;
                    case '\n': return "LF (\\n) at index " + i;
                    case '\t': return "TAB (\\t) at index " + i;
                    default: return String.format(Locale.ROOT, "U+%04X at index %d", (int) c, i);
                }
            }
        }
        return null;
    }

    private static String label(Kind kind) {
        return kind == Kind.CP_CODE ? "cp code" : kind.name().toLowerCase(Locale.ROOT);
    }

    /** Quotes a value for a message, with control characters made visible and long values shortened. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(value.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (limit < value.length()) {
            out.append("…");
        }
        return out.append('\'').toString();
    }
}
