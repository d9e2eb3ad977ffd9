/**
 * One rate budget per vendor account across a cluster: the engine's admission shared through Bucket4j, in PostgreSQL
 * or any Bucket4j backend.
 */
module io.cdnpurge.bucket4j {
    requires transitive io.cdnpurge;
    requires transitive java.sql;
    requires io.github.bucket4j.core;
    requires io.github.bucket4j.postgresql;

    exports io.cdnpurge.bucket4j;
}
