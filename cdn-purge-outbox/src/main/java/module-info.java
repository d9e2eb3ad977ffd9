/** A durable purge outbox over JDBC: purges stored at once, drained by workers through any PurgeClient. */
module io.cdnpurge.outbox {
    requires transitive io.cdnpurge;
    requires transitive java.sql;
    requires org.slf4j;

    exports io.cdnpurge.outbox;
}
