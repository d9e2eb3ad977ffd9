/** The Edgecast provider of cdn-purge: provider id {@code edgecast} (the classic MCC REST API). */
module io.cdnpurge.edgecast {
    requires transitive io.cdnpurge;
    requires io.cdnpurge.http;

    exports io.cdnpurge.edgecast;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.edgecast.EdgecastPurgeProvider;
}
