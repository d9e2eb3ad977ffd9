package io.cdnpurge.verify;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What an edge's cache-status header says about one answer: served from a cached copy, fetched from the origin, not
 * cached at all, or something else. The headers read, first found first:
 * <ul>
 *   <li>{@code CF-Cache-Status} (Cloudflare): {@code HIT}, and {@code STALE}, {@code UPDATING}, {@code REVALIDATED}
 *       (a cached copy served); {@code MISS}, {@code EXPIRED} (fetched); {@code BYPASS}, {@code DYNAMIC},
 *       {@code NONE}, {@code UNKNOWN} (not cached)
 *       (<a href="https://developers.cloudflare.com/cache/concepts/cache-responses/">Cloudflare cache responses</a>).</li>
 *   <li>{@code Akamai-Cache-Status} (Akamai's Return Cache Status behaviour): {@code <status> from child[, <status>
 *       from parent]}, status {@code Hit}, {@code RefreshHit}, {@code HitStale}, {@code Miss}, {@code NotCacheable},
 *       {@code Constructed}, {@code Redirect}, {@code Error}
 *       (<a href="https://techdocs.akamai.com/property-mgr/docs/return-cache-status">Return Cache Status</a>).</li>
 *   <li>{@code X-Cache}: Fastly's {@code HIT} or {@code MISS}, one per cache on the way with shielding
 *       ({@code MISS, HIT}: any HIT was served from a cache)
 *       (<a href="https://www.fastly.com/documentation/reference/http/http-headers/X-Cache/">Fastly X-Cache</a>);
 *       CloudFront's {@code Hit from cloudfront}, {@code RefreshHit from cloudfront}, {@code Miss from cloudfront};
 *       Akamai's, asked for with {@code Pragma: akamai-x-cache-on}: {@code TCP_HIT from …}, {@code TCP_MEM_HIT},
 *       {@code TCP_REFRESH_HIT}, {@code TCP_MISS}, {@code TCP_REFRESH_MISS}.</li>
 * </ul>
 */
final class CacheStatus {
    /** The headers read, in order. */
    static final String[] HEADERS = {"CF-Cache-Status", "Akamai-Cache-Status", "X-Cache"};

    enum State {
        /** Served from a copy a cache held: how old it is tells whether it predates the purge. */
        HIT,
        /** Fetched from the origin: no cache on the way held a copy. */
        MISS,
        /** The edge does not cache this response. */
        NOT_CACHED,
        /** Neither: an error, a redirect or a response the edge made itself. */
        OTHER
    }

    final String header;
    final String value;
    final State state;

    private CacheStatus(String header, String value, State state) {
        this.header = header;
        this.value = value;
        this.state = state;
    }

    /** The first cache-status header among {@link #HEADERS}, read; null when the answer has none. */
    static CacheStatus read(UnaryOperator<String> headers) {
        for (String header : HEADERS) {
            String value = headers.apply(header);
            if (value != null && !value.isBlank()) {
                return new CacheStatus(header, value.trim(), classify(header, value));
            }
        }
        return null;
    }

    static State classify(String header, String value) {
        if (header.equalsIgnoreCase("CF-Cache-Status")) {
            return cloudflare(value.trim().toUpperCase(Locale.ROOT));
        }
        // a list, one entry per cache on the way: a hit anywhere was served from a cache
        boolean hit = false;
        boolean miss = false;
        boolean notCached = false;
        boolean other = false;
        for (String entry : value.split(",")) {
            String word = firstWord(entry);
            if (word.isEmpty()) {
                continue;
            }
            switch (entryState(word)) {
                case HIT:
                    hit = true;
                    break;
                case MISS:
                    miss = true;
                    break;
                case NOT_CACHED:
                    notCached = true;
                    break;
                default:
                    other = true;
            }
        }
        if (hit) {
            return State.HIT;
        }
        if (notCached) {
            return State.NOT_CACHED;
        }
        return miss && !other ? State.MISS : State.OTHER;
    }

    private static State cloudflare(String value) {
        switch (value) {
            case "HIT":
            case "STALE":
            case "UPDATING":
            case "REVALIDATED":
                return State.HIT;
            case "MISS":
            case "EXPIRED":
                return State.MISS;
            case "BYPASS":
            case "DYNAMIC":
            case "NONE":
            case "UNKNOWN":
            case "NONE/UNKNOWN":
                return State.NOT_CACHED;
            default:
                return State.OTHER;
        }
    }

    /** One entry's first word, upper case: {@code HIT}, {@code REFRESHHIT}, {@code TCP_MEM_HIT}, {@code MISS}. */
    private static String firstWord(String entry) {
        String trimmed = entry.trim();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static State entryState(String word) {
        switch (word) {
            case "HIT":
            case "REFRESHHIT":
            case "HITSTALE":
                return State.HIT;
            case "MISS":
                return State.MISS;
            case "NOTCACHEABLE":
                return State.NOT_CACHED;
            default:
                break;
        }
        if (word.startsWith("TCP_")) {
            if (word.endsWith("_HIT")) {
                return State.HIT;
            }
            if (word.endsWith("_MISS")) {
                return State.MISS;
            }
        }
        return State.OTHER;
    }

    @Override
    public String toString() {
        return header + ": " + value;
    }
}
