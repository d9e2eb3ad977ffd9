/**
 * Micrometer metrics and observations of purges: {@link io.cdnpurge.micrometer.MicrometerPurgeListener} (the
 * {@code cdn.purge} observations and counters) and {@link io.cdnpurge.micrometer.CdnPurgeMeterBinder} (the clients'
 * gauges, the outbox depth).
 */
module io.cdnpurge.micrometer {
    requires transitive io.cdnpurge;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;
    requires static transitive io.cdnpurge.outbox;

    exports io.cdnpurge.micrometer;
}
