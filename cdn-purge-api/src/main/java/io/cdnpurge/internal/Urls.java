package io.cdnpurge.internal;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one canonical form of an absolute http(s) URL: the form a browser requests, and so the form CDNs key their
 * caches by (WHATWG URL Standard, "URL parsing" and "URL serializing"). Computed once, when a target is created, so
 * no provider ever sees a URL that could change meaning on its way to the wire:
 * <ul>
 *   <li>scheme and host in lower case, an internationalised host in its ASCII ({@code xn--}) form, the scheme's
 *       default port dropped, an empty path written {@code /};</li>
 *   <li>dot segments resolved: {@code .} and {@code ..}, also written {@code %2e}, {@code .%2e}, {@code %2e.} or
 *       {@code %2e%2e}, are removed with the segment they climb out of, never above the root;</li>
 *   <li>non-ASCII characters of the path and query percent-encoded as UTF-8 (and {@code '} in the query), as
 *       browsers send them;</li>
 *   <li>existing {@code %XX} escapes kept as written, since caches compare them byte for byte.</li>
 * </ul>
 * The input must already be a valid absolute http(s) URL without user info or fragment ({@link TargetRules}).
 */
final class Urls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Urls() {
    }

    /** The canonical form; the same instance when the URL is canonical already. */
    static String canonical(String url) {
        int schemeEnd = url.indexOf("://");
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && url.charAt(authorityEnd) != '/' && url.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        int queryStart = url.indexOf('?', authorityEnd);
        String scheme = url.substring(0, schemeEnd);
        String authority = url.substring(authorityStart, authorityEnd);
        String path = url.substring(authorityEnd, queryStart < 0 ? url.length() : queryStart);
        String query = queryStart < 0 ? null : url.substring(queryStart + 1);

        String canonicalScheme = scheme.toLowerCase(Locale.ROOT);
        String canonicalAuthority = authority(authority, canonicalScheme);
        String canonicalPath = path(path);
        String canonicalQuery = query == null ? null : encode(query, true);
        if (canonicalScheme.equals(scheme) && canonicalAuthority.equals(authority) && canonicalPath.equals(path)
                && (query == null || canonicalQuery.equals(query))) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.length() + 8)
                .append(canonicalScheme).append("://").append(canonicalAuthority).append(canonicalPath);
        if (canonicalQuery != null) {
            out.append('?').append(canonicalQuery);
        }
        return out.toString();
    }

    /** The host of a canonical URL (lower case, IPv6 literals without brackets). */
    static String hostOf(String canonicalUrl) {
        int start = canonicalUrl.indexOf("://") + 3;
        if (canonicalUrl.charAt(start) == '[') {
            return canonicalUrl.substring(start + 1, canonicalUrl.indexOf(']', start));
        }
        int end = start;
        while (end < canonicalUrl.length() && canonicalUrl.charAt(end) != '/' && canonicalUrl.charAt(end) != ':'
                && canonicalUrl.charAt(end) != '?') {
            end++;
        }
        return canonicalUrl.substring(start, end);
    }

    /** Host in lower case (IDN in ASCII form), default port dropped. */
    private static String authority(String authority, String scheme) {
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = authority.substring(0, close + 1);
            if (close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
                port = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        host = asciiHost(host);
        if (port != null && (port.isEmpty() || isDefaultPort(scheme, port))) {
            port = null;
        }
        return port == null ? host : host + ":" + port;
    }

    /** Lower case; a name with non-ASCII labels in its {@code xn--} form, or null when IDNA refuses it. */
    static String asciiHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) > 0x7E) {
                try {
                    return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static boolean isDefaultPort(String scheme, String port) {
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return false;
        }
        return scheme.equals("http") && value == 80 || scheme.equals("https") && value == 443;
    }

    /** Dot segments resolved, non-ASCII encoded; never empty. */
    private static String path(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        if (!hasDotSegment(path)) {
            return encode(path, false);
        }
        List<String> segments = new ArrayList<>();
        // path starts with '/': every segment follows one slash
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            String segment = path.substring(start, slash < 0 ? path.length() : slash);
            boolean last = slash < 0;
            if (isDoubleDot(segment)) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                if (last) {
                    segments.add("");
                }
            } else if (isSingleDot(segment)) {
                if (last) {
                    segments.add("");
                }
            } else {
                segments.add(segment);
            }
            if (last) {
                break;
            }
            start = slash + 1;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        return encode(out.length() == 0 ? "/" : out.toString(), false);
    }

    private static boolean hasDotSegment(String path) {
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            if (isSingleDot(segment) || isDoubleDot(segment)) {
                return true;
            }
            if (slash < 0) {
                return false;
            }
            start = slash + 1;
        }
        return false;
    }

    private static boolean isSingleDot(String segment) {
        return segment.equals(".") || segment.equalsIgnoreCase("%2e");
    }

    private static boolean isDoubleDot(String segment) {
        switch (segment.toLowerCase(Locale.ROOT)) {
            case "..":
            case ".%2e":
            case "%2e.":
            case "%2e%2e":
                return true;
            default:
                return false;
        }
    }

    /** Non-ASCII as UTF-8 escapes, and in a query also {@code '}; everything else as it is. */
    private static String encode(String part, boolean query) {
        int i = 0;
        while (i < part.length() && part.charAt(i) <= 0x7E && !(query && part.charAt(i) == '\'')) {
            i++;
        }
        if (i == part.length()) {
            return part;
        }
        StringBuilder out = new StringBuilder(part.length() + 16).append(part, 0, i);
        while (i < part.length()) {
            int codePoint = part.codePointAt(i);
            if (codePoint > 0x7E || query && codePoint == '\'') {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            } else {
                out.append((char) codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
