package io.cdnpurge;

/** How hard a purge hits the cache. */
public enum PurgeMode {
    /**
     * Mark objects stale so the next request revalidates with the origin (Akamai invalidate, Fastly soft purge).
     * The default: it spares the origin. Vendors without a soft mode (Cloudflare, CloudFront) treat it as their
     * only purge.
     */
    INVALIDATE,
    /** Remove objects so the next request refetches them in full (Akamai delete, Fastly hard purge). */
    DELETE
}
