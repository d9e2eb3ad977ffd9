package io.cdnpurge;

/** What to do with the targets. */
public enum PurgeAction {
    /** Purge them from the cache. The default. */
    PURGE,
    /** Load them into the cache ahead of demand (Edgecast "load"). Only providers that declare it support it. */
    PREFETCH
}
