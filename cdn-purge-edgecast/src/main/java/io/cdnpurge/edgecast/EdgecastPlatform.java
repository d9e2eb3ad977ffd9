package io.cdnpurge.edgecast;

/**
 * An Edgecast delivery platform: the {@code MediaType} of every purge and load. A purge covers one platform; the
 * same asset on two platforms is two purges.
 */
public enum EdgecastPlatform {
    /** HTTP Large: {@code MediaType} 3. */
    HTTP_LARGE(3, "http-large"),
    /** HTTP Small: {@code MediaType} 8. */
    HTTP_SMALL(8, "http-small"),
    /** Application Delivery Network: {@code MediaType} 14. */
    ADN(14, "adn"),
    /** Flash Media Streaming: {@code MediaType} 2. */
    FLASH(2, "flash");

    private final int mediaType;
    private final String written;

    EdgecastPlatform(int mediaType, String written) {
        this.mediaType = mediaType;
        this.written = written;
    }

    /** The {@code MediaType} Edgecast's API takes. */
    public int mediaType() {
        return mediaType;
    }

    /** The platform as configuration writes it, e.g. {@code http-large}. */
    @Override
    public String toString() {
        return written;
    }
}
