/** The Fastly provider of cdn-purge: provider id {@code fastly}. */
module io.cdnpurge.fastly {
    requires transitive io.cdnpurge;
    requires io.cdnpurge.http;

    exports io.cdnpurge.fastly;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.fastly.FastlyPurgeProvider;
}
