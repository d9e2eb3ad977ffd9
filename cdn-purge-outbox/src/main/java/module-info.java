/**
 * A purge outbox, durable over JDBC (a SQLite file, PostgreSQL) or in memory for tests: purges stored at once, drained
 * by workers through any PurgeClient.
 */
module io.cdnpurge.outbox {
    requires transitive io.cdnpurge;
    requires transitive java.sql;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports io.cdnpurge.outbox;
}
