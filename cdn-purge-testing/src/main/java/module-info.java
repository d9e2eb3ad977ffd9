/**
 * Fakes for tests: {@link io.cdnpurge.testing.RecordingPurgeClient} (provider id {@code memory}), fake vendor APIs on
 * MockWebServer, and {@link io.cdnpurge.testing.PurgeProviderCompatibilityKit}.
 */
module io.cdnpurge.testing {
    requires transitive io.cdnpurge;
    requires io.cdnpurge.http;
    requires transitive mockwebserver3;
    requires okhttp3;
    requires java.xml;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.cdnpurge.testing;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.testing.MemoryPurgeProvider;
}
