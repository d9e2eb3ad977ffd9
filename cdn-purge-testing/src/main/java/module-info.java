/**
 * Test support that needs nothing but cdn-purge itself: {@link io.cdnpurge.testing.RecordingPurgeClient} (provider
 * id {@code memory}) on virtual time, {@link io.cdnpurge.testing.FakeClock}, and the key-table check for providers'
 * documentation.
 */
module io.cdnpurge.testing {
    requires transitive io.cdnpurge;

    exports io.cdnpurge.testing;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.testing.MemoryPurgeProvider;
}
