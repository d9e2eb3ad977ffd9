package io.cdnpurge.akamai;

import java.util.Locale;

/** The Akamai network a Fast Purge acts on: the path segment {@code production} or {@code staging}. */
public enum AkamaiNetwork {
    /** The live network, and the default. */
    PRODUCTION,
    /** The staging network, where configuration changes are tested before activation. */
    STAGING;

    /** Parses {@code production} or {@code staging}, in any case. */
    public static AkamaiNetwork parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** The name as it appears in the Fast Purge path, e.g. {@code production}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
