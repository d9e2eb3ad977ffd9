package io.cdnpurge.highwinds;

/** Which protocol's objects a purge reaches: Highwinds caches {@code http://} and {@code https://} apart. */
public enum HighwindsScheme {
    /** Both: the URL is sent protocol-relative, {@code //host/path}. */
    BOTH,
    /** The URL as given, {@code http://} or {@code https://}: that protocol's object only. */
    AS_GIVEN;

    @Override
    public String toString() {
        return this == BOTH ? "both" : "as-given";
    }
}
