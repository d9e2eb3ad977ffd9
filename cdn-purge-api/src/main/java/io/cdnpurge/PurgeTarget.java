package io.cdnpurge;

import io.cdnpurge.internal.TargetRules;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing to purge: a {@link Kind} and a value. Immutable and thread-safe.
 *
 * <p>Values are checked on creation against the vendor-neutral rules (absolute http/https URLs, no control
 * characters, printable tags, bare host names, positive CP codes); a bad value fails at once with an
 * {@link InvalidPurgeRequestException} naming it. Providers add their own rules when a purge is planned.
 *
 * <pre>{@code
 * PurgeTarget page = PurgeTarget.url("https://www.example.com/news/42");
 * PurgeTarget tag = PurgeTarget.tag("article-42");
 * }</pre>
 */
public final class PurgeTarget {
    /** The kinds of target. Not every provider supports every kind: see {@link PurgeCapabilities#kinds()}. */
    public enum Kind {
        /** One object, by absolute URL. */
        URL,
        /** Everything under a URL prefix (a directory or wildcard purge), given as an absolute URL. */
        PREFIX,
        /** Everything carrying a cache tag (Cloudflare Cache-Tag, Fastly surrogate key, Akamai cache tag). */
        TAG,
        /** Everything cached for one host name. */
        HOST,
        /** Everything under an Akamai CP code. */
        CP_CODE,
        /** The whole zone, service or distribution. */
        EVERYTHING
    }

    private static final PurgeTarget EVERYTHING = new PurgeTarget(Kind.EVERYTHING, "*", Map.of());

    private final Kind kind;
    private final String value;
    private final Map<String, String> headers;

    private PurgeTarget(Kind kind, String value, Map<String, String> headers) {
        this.kind = kind;
        this.value = value;
        this.headers = headers;
    }

    /**
     * One object by absolute {@code http://} or {@code https://} URL. The value is kept in the one form browsers
     * request and CDNs key their caches by: scheme and host in lower case (an internationalised host in its
     * {@code xn--} form), no default port, dot segments ({@code /a/../b}, also {@code %2e%2e}) resolved, and
     * non-ASCII characters percent-encoded as UTF-8; other {@code %XX} escapes are kept as written.
     */
    public static PurgeTarget url(String url) {
        return url(url, Map.of());
    }

    /**
     * One object by URL, cached under a custom cache key that includes request headers (Cloudflare: send the same
     * {@code CF-Device-Type}, {@code CF-IPCountry}, {@code Accept-Language} or {@code Origin} the cache key uses).
     */
    public static PurgeTarget url(String url, Map<String, String> cacheKeyHeaders) {
        Objects.requireNonNull(url, "url cannot be null");
        Objects.requireNonNull(cacheKeyHeaders, "cacheKeyHeaders cannot be null");
        TargetRules.requireValid(Kind.URL, url);
        TargetRules.requireValidHeaders(url, cacheKeyHeaders);
        Map<String, String> copy = new TreeMap<>();
        copy.putAll(cacheKeyHeaders);
        return new PurgeTarget(Kind.URL, TargetRules.canonicalUrl(url),
                copy.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy));
    }

    /**
     * Everything under an absolute URL prefix, e.g. {@code https://www.example.com/assets/}, kept in the same
     * canonical form as {@link #url(String)}.
     */
    public static PurgeTarget prefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        TargetRules.requireValid(Kind.PREFIX, prefix);
        return new PurgeTarget(Kind.PREFIX, TargetRules.canonicalUrl(prefix), Map.of());
    }

    /** Everything tagged with a cache tag or surrogate key: printable ASCII, no spaces. */
    public static PurgeTarget tag(String tag) {
        Objects.requireNonNull(tag, "tag cannot be null");
        TargetRules.requireValid(Kind.TAG, tag);
        return new PurgeTarget(Kind.TAG, tag, Map.of());
    }

    /** Everything cached for a bare host name such as {@code www.example.com} (no scheme, no path). */
    public static PurgeTarget host(String host) {
        Objects.requireNonNull(host, "host cannot be null");
        TargetRules.requireValid(Kind.HOST, host);
        return new PurgeTarget(Kind.HOST, host, Map.of());
    }

    /** Everything under an Akamai CP code (a positive number). */
    public static PurgeTarget cpCode(long cpCode) {
        TargetRules.requireValid(Kind.CP_CODE, Long.toString(cpCode));
        return new PurgeTarget(Kind.CP_CODE, Long.toString(cpCode), Map.of());
    }

    /** The whole zone, service or distribution the client is configured for. */
    public static PurgeTarget everything() {
        return EVERYTHING;
    }

    /** Creates a target of any kind from its text value, as read from a file or command line. */
    public static PurgeTarget of(Kind kind, String value) {
        Objects.requireNonNull(kind, "kind cannot be null");
        Objects.requireNonNull(value, "value cannot be null");
        switch (kind) {
            case URL: return url(value);
            case PREFIX: return prefix(value);
            case TAG: return tag(value);
            case HOST: return host(value);
            case CP_CODE:
                TargetRules.requireValid(Kind.CP_CODE, value);
                return cpCode(Long.parseLong(value));
            case EVERYTHING: return EVERYTHING;
            default: throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The value: a URL or prefix URL in canonical form, a tag, a host name, or a CP code as decimal text; {@code *}
     * for everything.
     */
    public String value() {
        return value;
    }

    /**
     * The host name a URL, prefix or host target is about, lower-cased; empty for tags, CP codes and everything.
     */
    public java.util.Optional<String> hostName() {
        switch (kind) {
            case URL:
            case PREFIX:
                return java.util.Optional.ofNullable(TargetRules.hostOf(value));
            case HOST:
                return java.util.Optional.of(value.toLowerCase(java.util.Locale.ROOT));
            default:
                return java.util.Optional.empty();
        }
    }

    /** Cache-key request headers of a URL target, sorted by name; empty for every other target. */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PurgeTarget)) {
            return false;
        }
        PurgeTarget that = (PurgeTarget) other;
        return kind == that.kind && value.equals(that.value) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        // no varargs array: a plan hashes every target of a purge
        return (kind.ordinal() * 31 + value.hashCode()) * 31 + (headers.isEmpty() ? 0 : headers.hashCode());
    }

    @Override
    public String toString() {
        String text = kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
        return headers.isEmpty() ? text : text + " " + headers;
    }
}
