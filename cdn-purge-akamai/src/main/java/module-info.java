/** The Akamai provider of cdn-purge: provider id {@code akamai} (Fast Purge v3, signed with EdgeGrid). */
module io.cdnpurge.akamai {
    requires transitive io.cdnpurge;
    requires io.cdnpurge.http;
    requires edgegrid.signer.core;
    requires org.slf4j;

    exports io.cdnpurge.akamai;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.akamai.AkamaiPurgeProvider;
}
