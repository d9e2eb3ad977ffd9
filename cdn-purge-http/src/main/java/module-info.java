/** Shared HTTP and JSON plumbing for the HTTP-based cdn-purge providers. */
module io.cdnpurge.http {
    requires transitive io.cdnpurge;
    requires transitive okhttp3;
    requires transitive com.fasterxml.jackson.core;
    requires org.slf4j;

    exports io.cdnpurge.http;
}
