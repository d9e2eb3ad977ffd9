package io.cdnpurge.cloudflare;

import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.RateLimit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A Cloudflare plan, which sets the purge limits (Cloudflare's "Purge cache" limits table, 2026). Every figure
 * can be overridden in configuration.
 *
 * <table>
 *   <caption>Defaults per plan</caption>
 *   <tr><th></th><th>Free</th><th>Pro</th><th>Business</th><th>Enterprise</th></tr>
 *   <tr><td>tag/host/prefix/everything requests (burst)</td><td>5/min (25)</td><td>5/s (25)</td><td>10/s (50)</td>
 *       <td>50/s (500)</td></tr>
 *   <tr><td>URLs purged per second</td><td>800</td><td>1,500</td><td>1,500</td><td>3,000</td></tr>
 *   <tr><td>URLs per request</td><td>30</td><td>30</td><td>30</td><td>500</td></tr>
 *   <tr><td>tags, hosts or prefixes per request</td><td>100</td><td>100</td><td>100</td><td>100</td></tr>
 * </table>
 *
 * <p>URLs per request default to 30, not the 100 of the current table: users still saw 30 enforced after the 2025
 * change, and 30 always works. Set {@code cloudflare.urlsPerCall} to 100 once your zone accepts it.
 */
public enum CloudflarePlan {
    FREE(5, Duration.ofMinutes(1), 25, 800, 30),
    PRO(5, Duration.ofSeconds(1), 25, 1_500, 30),
    BUSINESS(10, Duration.ofSeconds(1), 50, 1_500, 30),
    ENTERPRISE(50, Duration.ofSeconds(1), 500, 3_000, 500);

    /** Tags, hosts or prefixes per request, on every plan. */
    public static final int ITEMS_PER_CALL = 100;

    private final double purgeRequests;
    private final Duration purgePeriod;
    private final long purgeBurst;
    private final int urlsPerSecond;
    private final int urlsPerCall;

    CloudflarePlan(double purgeRequests, Duration purgePeriod, long purgeBurst, int urlsPerSecond, int urlsPerCall) {
        this.purgeRequests = purgeRequests;
        this.purgePeriod = purgePeriod;
        this.purgeBurst = purgeBurst;
        this.urlsPerSecond = urlsPerSecond;
        this.urlsPerCall = urlsPerCall;
    }

    /** The default number of URLs per purge request. */
    public int urlsPerCall() {
        return urlsPerCall;
    }

    /** The most URLs Cloudflare takes in one purge request on this plan: 100, or 500 on Enterprise. */
    public int maxUrlsPerCall() {
        return this == ENTERPRISE ? 500 : 100;
    }

    /**
     * The token buckets: {@code purge} (requests of tag, host, prefix and everything purges) and {@code urls} (URLs
     * purged, a moving average per second). Cloudflare gives purges buckets of their own, apart from its global
     * API limit of 1,200 requests per 5 minutes.
     */
    public List<RateLimit> rateLimits() {
        return List.of(
                RateLimit.requests("purge", purgeRequests, purgePeriod, purgeBurst)
                        .forKinds(Kind.TAG, Kind.HOST, Kind.PREFIX, Kind.EVERYTHING),
                RateLimit.items("urls", urlsPerSecond, Duration.ofSeconds(1), urlsPerSecond).forKinds(Kind.URL));
    }

    /** Parses {@code free}, {@code pro}, {@code business} or {@code enterprise}, in any case. */
    public static CloudflarePlan parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
