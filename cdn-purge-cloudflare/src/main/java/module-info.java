/** The Cloudflare provider of cdn-purge: provider id {@code cloudflare}. */
module io.cdnpurge.cloudflare {
    requires transitive io.cdnpurge;
    requires io.cdnpurge.http;
    requires org.slf4j;

    exports io.cdnpurge.cloudflare;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.cloudflare.CloudflarePurgeProvider;
}
