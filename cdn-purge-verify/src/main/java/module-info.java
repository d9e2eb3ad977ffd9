/** Edge verification: requests purged URLs from the edge and reads the CDNs' cache-status headers. */
module io.cdnpurge.verify {
    requires transitive io.cdnpurge;
    requires okhttp3;
    requires org.slf4j;

    exports io.cdnpurge.verify;
}
