package io.cdnpurge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The clients of one configuration ({@link CdnPurge#clients(PurgeConfig)}), by name. Closing it closes every
 * client. Thread-safe.
 *
 * <pre>{@code
 * try (PurgeClients cdns = CdnPurge.clients(PurgeConfig.fromFile(Path.of("cdn-purge.properties")))) {
 *     cdns.get("shop").purge(PurgeRequest.builder().url("https://shop.example.com/").build());
 * }
 * }</pre>
 */
public final class PurgeClients implements AutoCloseable {
    private final Map<String, PurgeClient> clients;

    PurgeClients(Map<String, PurgeClient> clients) {
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
    }

    /**
     * The client with this name.
     *
     * @throws IllegalArgumentException naming the clients there are, when none has this name
     */
    public PurgeClient get(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        PurgeClient client = clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException("no client named '" + name + "' in this configuration; its clients "
                    + "are " + (clients.isEmpty() ? "none" : String.join(", ", clients.keySet())));
        }
        return client;
    }

    /** The names of the clients, sorted. */
    public Set<String> names() {
        return clients.keySet();
    }

    /** The clients by name, sorted by name. */
    public Map<String, PurgeClient> asMap() {
        return clients;
    }

    /** Closes every client; the first failure is thrown after all were tried, with the others suppressed. */
    @Override
    public void close() {
        closeEach(clients.values());
    }

    /** Closes every client; the first failure is thrown after all were tried, with the others suppressed. */
    static void closeEach(Collection<PurgeClient> all) {
        RuntimeException failure = null;
        for (PurgeClient client : all) {
            try {
                client.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes clients already created when creating the others failed, adding any failure to the first. */
    static void closeAll(Collection<PurgeClient> created, Throwable cause) {
        List<PurgeClient> copy = new ArrayList<>(created);
        for (PurgeClient client : copy) {
            try {
                client.close();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("PurgeClients{");
        clients.forEach((name, client) -> text.append(text.length() > 13 ? ", " : "").append(name).append('=')
                .append(client.providerId()));
        return text.append('}').toString();
    }
}
