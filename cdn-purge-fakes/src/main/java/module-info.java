/**
 * The vendors' purge APIs on MockWebServer, one package per vendor, and the compatibility kit every provider passes.
 */
module io.cdnpurge.fakes {
    requires transitive io.cdnpurge;
    requires transitive io.cdnpurge.testing;
    requires transitive mockwebserver3;
    requires okhttp3;
    requires java.xml;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.cdnpurge.fakes;
    exports io.cdnpurge.fakes.cloudflare;
    exports io.cdnpurge.fakes.akamai;
    exports io.cdnpurge.fakes.fastly;
    exports io.cdnpurge.fakes.cloudfront;
    exports io.cdnpurge.fakes.edgecast;
    exports io.cdnpurge.fakes.highwinds;
}
