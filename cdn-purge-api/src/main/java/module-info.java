/**
 * cdn-purge: purge CDN caches behind one API. {@link io.cdnpurge.CdnPurge} is the entry point;
 * {@link io.cdnpurge.spi.PurgeProvider} is what a provider implements.
 */
module io.cdnpurge {
    // Slf4jPurgeListener takes an org.slf4j.Logger: SLF4J is the one logging facade of the API
    requires transitive org.slf4j;
    // retries and the circuit breaker; no Failsafe type appears in the public API
    requires dev.failsafe.core;

    exports io.cdnpurge;
    exports io.cdnpurge.spi;

    uses io.cdnpurge.spi.PurgeProvider;
    uses io.cdnpurge.spi.PurgeFileReader;
}
