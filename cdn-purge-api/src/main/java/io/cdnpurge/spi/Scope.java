package io.cdnpurge.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a target goes within the account, as a provider can tell without asking the vendor: a known scope (a zone,
 * service or distribution id), or a look-up only the vendor can answer (the zone of a host name). The engine makes
 * each look-up once per purge, through {@link PurgeBackend#lookUp}, as a vendor request like any other (paced,
 * retried, counted, observed); a plan makes none and shows the placeholder instead. Immutable.
 *
 * <pre>{@code
 * public Scope scope(PurgeTarget target) {
 *     String zone = knownZones.get(host);
 *     return zone != null ? Scope.of(zone) : Scope.lookUp(host, "zone of " + host);
 * }
 * }</pre>
 */
public final class Scope {
    private final String id;
    private final String lookupKey;
    private final String placeholder;

    private Scope(String id, String lookupKey, String placeholder) {
        this.id = id;
        this.lookupKey = lookupKey;
        this.placeholder = placeholder;
    }

    /** A scope the provider knows (may be empty for a vendor with one scope per account). */
    public static Scope of(String id) {
        return new Scope(Objects.requireNonNull(id, "id cannot be null"), null, null);
    }

    /**
     * A scope the vendor must be asked for.
     *
     * @param key         what to look up, handed to {@link PurgeBackend#lookUp}; targets with one key share a look-up
     * @param description what it is, for plans: {@code zone of www.example.com}
     */
    public static Scope lookUp(String key, String description) {
        return new Scope(null, Objects.requireNonNull(key, "key cannot be null"),
                Objects.requireNonNull(description, "description cannot be null"));
    }

    /** The scope, when known. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** What to look up, when the scope is not known. */
    public Optional<String> lookupKey() {
        return Optional.ofNullable(lookupKey);
    }

    /** How a plan shows a scope still to be looked up: {@code {zone of www.example.com}}. */
    public String placeholder() {
        return id != null ? id : "{" + placeholder + "}";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scope && Objects.equals(id, ((Scope) other).id)
                && Objects.equals(lookupKey, ((Scope) other).lookupKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, lookupKey);
    }

    @Override
    public String toString() {
        return placeholder();
    }
}
