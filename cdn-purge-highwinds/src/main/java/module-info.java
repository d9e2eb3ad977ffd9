/** The Highwinds provider of cdn-purge: provider id {@code highwinds} (the StrikeTracker API). */
module io.cdnpurge.highwinds {
    requires transitive io.cdnpurge;
    requires io.cdnpurge.http;

    exports io.cdnpurge.highwinds;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.highwinds.HighwindsPurgeProvider;
}
