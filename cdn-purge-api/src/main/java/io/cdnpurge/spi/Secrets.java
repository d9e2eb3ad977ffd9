package io.cdnpurge.spi;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Every secret a client holds: the credentials it was configured with, and those it comes to hold while it runs
 * (tokens it mints, keys resolved from the AWS credential chain or an {@code .edgerc} file). The engine redacts each
 * of them from every text it emits (logs, events, exception messages, {@code toString()}), from the moment it is
 * added. Thread-safe.
 *
 * <pre>{@code
 * Secrets secrets = Secrets.of(apiToken);
 * secrets.add(mintedToken);   // redacted from now on
 * }</pre>
 */
public final class Secrets {
    /** Shorter values would mask ordinary words; no real credential is that short. */
    public static final int MIN_LENGTH = 4;

    private final Set<String> values = new CopyOnWriteArraySet<>();
    private volatile long version;

    private Secrets() {
    }

    /** The given secrets; null values are skipped. */
    public static Secrets of(String... secrets) {
        return of(java.util.Arrays.asList(secrets));
    }

    public static Secrets of(Collection<String> secrets) {
        Secrets result = new Secrets();
        secrets.forEach(result::add);
        return result;
    }

    /** Adds a secret; a null or a value shorter than {@link #MIN_LENGTH} is ignored. */
    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && values.add(secret)) {
            synchronized (this) {
                version++;
            }
        }
    }

    /** The secrets now held. */
    public Set<String> values() {
        return Set.copyOf(values);
    }

    /** Grows by one whenever a secret is added, so that a redactor knows when to look again. */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Secrets{" + values.size() + " redacted}";
    }
}
