package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.PurgeTarget;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How targets become CloudFront invalidation paths, and CloudFront's rules for them (Invalidation limits,
 * "Specifying the objects to invalidate"): a path starts with {@code /}, is at most 4,000 characters, may end in
 * one {@code *} (a wildcard) and has only non-ASCII and RFC 1738-unsafe characters percent-encoded, since
 * CloudFront compares paths as sent; a cache tag is sent as {@code #tag}.
 */
final class CloudFrontPaths {
    /** File paths (cache tags included) one distribution may have in flight; also the most in one call. */
    static final int MAX_FILE_PATHS = 3000;
    /** Wildcard paths one distribution may have in flight; also the most in one call. */
    static final int MAX_WILDCARD_PATHS = 15;
    static final int MAX_PATH_LENGTH = 4000;
    static final int MAX_TAG_LENGTH = 256;
    /** The query parameters of a CloudFront signed URL, which must not be part of an invalidation path. */
    private static final Set<String> SIGNED_URL_PARAMETERS = Set.of("Signature", "Key-Pair-Id", "Policy", "Expires");
    private static final String UNSAFE = " <>\"#{}|\\^~[]`";

    private CloudFrontPaths() {
    }

    /** The invalidation path of a URL or prefix target, or a cache tag's {@code #tag} item. */
    static String path(PurgeTarget target, CloudFrontSettings.QueryStrings queryStrings) {
        switch (target.kind()) {
            case URL: {
                URI uri = URI.create(target.value());
                String path = encode(rawPath(uri));
                String query = uri.getRawQuery();
                return query == null || queryStrings == CloudFrontSettings.QueryStrings.STRIP ? path
                        : path + "?" + encode(query);
            }
            case PREFIX:
                return encode(rawPath(URI.create(target.value()))) + "*";
            case TAG:
                return "#" + target.value();
            case HOST:
            case EVERYTHING:
                return "/*";
            default:
                throw new IllegalArgumentException(target.kind() + " has no CloudFront path");
        }
    }

    /** Whether an invalidation path is a wildcard (counted against the 15 in flight). */
    static boolean isWildcard(String path) {
        return path.endsWith("*");
    }

    /** CloudFront's rules for one target, as a sentence naming it and what to do; empty when it is fine. */
    static Optional<String> problem(PurgeTarget target, CloudFrontSettings.QueryStrings queryStrings) {
        if (target.kind() == PurgeTarget.Kind.TAG) {
            return tagProblem(target.value());
        }
        if (target.kind() != PurgeTarget.Kind.URL && target.kind() != PurgeTarget.Kind.PREFIX) {
            return Optional.empty();
        }
        URI uri = URI.create(target.value());
        String rawPath = rawPath(uri);
        int star = rawPath.indexOf('*');
        if (target.kind() == PurgeTarget.Kind.URL && star >= 0) {
            return Optional.of(target + " has '*' in its path: CloudFront reads '*' as a wildcard (and only at the "
                    + "end); purge PurgeTarget.prefix(\"" + target.value().substring(0, target.value().indexOf('*'))
                    + "\") for everything under a path, or percent-encode a literal '*' as %2A");
        }
        if (target.kind() == PurgeTarget.Kind.URL && uri.getRawQuery() != null && uri.getRawQuery().indexOf('*') >= 0
                && queryStrings == CloudFrontSettings.QueryStrings.KEEP) {
            return Optional.of(target + " has '*' in its query: CloudFront would read it as a wildcard (or refuse "
                    + "it); percent-encode a literal '*' as %2A, or end the URL's path with a prefix purge instead");
        }
        if (target.kind() == PurgeTarget.Kind.PREFIX && star >= 0) {
            return Optional.of(target + " has '*' in it: give the prefix without wildcards, CloudFront's '*' is "
                    + "added at its end");
        }
        if (target.kind() == PurgeTarget.Kind.URL && uri.getRawQuery() != null
                && queryStrings == CloudFrontSettings.QueryStrings.KEEP) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (SIGNED_URL_PARAMETERS.contains(name)) {
                    return Optional.of(target + " is a CloudFront signed URL (its query has " + name + "): "
                            + "CloudFront invalidates only the part before '?'; purge the URL without its query, or "
                            + "set cloudfront.queryStrings=strip");
                }
            }
        }
        String path = path(target, queryStrings);
        if (path.length() > MAX_PATH_LENGTH) {
            return Optional.of(target + " becomes a " + path.length() + "-character invalidation path; CloudFront "
                    + "allows at most " + MAX_PATH_LENGTH + ": purge a shorter prefix instead");
        }
        return Optional.empty();
    }

    private static Optional<String> tagProblem(String tag) {
        if (tag.length() > MAX_TAG_LENGTH) {
            return Optional.of("tag \"" + tag + "\" is " + tag.length() + " characters long; CloudFront cache tags "
                    + "are at most " + MAX_TAG_LENGTH);
        }
        if (tag.indexOf(',') >= 0 || tag.indexOf('*') >= 0) {
            return Optional.of("tag \"" + tag + "\" contains '" + (tag.indexOf(',') >= 0 ? "," : "*") + "': "
                    + "CloudFront cache tags have no commas (the origin's header separates tags with them) and "
                    + "no wildcards; purge each tag separately");
        }
        return Optional.empty();
    }

    private static String rawPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /**
     * Percent-encodes non-ASCII (as UTF-8), control and RFC 1738-unsafe characters, keeping {@code %XX} escapes
     * the URL already had; every other character is sent as it is, since CloudFront would otherwise miss the
     * cached object.
     */
    static String encode(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); ) {
            int codePoint = raw.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (codePoint == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                out.append(raw, i, i + 3);
                i += 3;
                continue;
            }
            if (codePoint < 0x21 || codePoint > 0x7E || codePoint == '%' || UNSAFE.indexOf(codePoint) >= 0) {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += width;
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
