package io.cdnpurge.internal;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.UnknownProviderException;
import io.cdnpurge.spi.PurgeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** One pass of {@link ServiceLoader} over the providers, keeping every failure instead of swallowing it. */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<String, PurgeProvider> providers;
    /** Provider id → why it cannot be used: two classes declare it. */
    private final Map<String, String> duplicates;
    private final List<String> broken;

    ProviderRegistry(Iterable<PurgeProvider> found) {
        Map<String, PurgeProvider> byId = new TreeMap<>();
        Map<String, String> twice = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Iterator<PurgeProvider> iterator = found.iterator();
        // a service file that cannot be read fails on every step: stop instead of looping for ever
        while (failures.size() < 100) {
            PurgeProvider provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                String failure = e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
                LOG.error("a cdn-purge provider failed to load: {}", failure);
                failures.add(failure);
                continue;
            }
            String id;
            try {
                id = provider.id();
            } catch (RuntimeException e) {
                String failure = provider.getClass().getName() + ".id() threw " + e;
                LOG.error("a cdn-purge provider failed to load: {}", failure);
                failures.add(failure);
                continue;
            }
            PurgeProvider earlier = byId.putIfAbsent(id, provider);
            if (earlier != null && earlier.getClass() != provider.getClass()) {
                twice.putIfAbsent(id, "provider id '" + id + "' is declared by both " + earlier.getClass().getName() + " and "
                        + provider.getClass().getName() + ": keep one of them on the class path");
            }
        }
        this.providers = byId;
        this.duplicates = twice;
        this.broken = failures;
    }

    /** Discovers the providers visible to the context class loader, or else to this library's. */
    public static ProviderRegistry load() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ServiceLoader<PurgeProvider> loader = context != null
                ? ServiceLoader.load(PurgeProvider.class, context)
                : ServiceLoader.load(PurgeProvider.class);
        return new ProviderRegistry(loader);
    }

    public Set<String> ids() {
        return java.util.Collections.unmodifiableSet(providers.keySet());
    }

    public PurgeProvider provider(String id) {
        String duplicate = duplicates.get(id);
        if (duplicate != null) {
            throw new InvalidConfigurationException(duplicate);
        }
        PurgeProvider provider = providers.get(id);
        if (provider != null) {
            return provider;
        }
        StringBuilder message = new StringBuilder("no cdn-purge provider with id '").append(id).append("'; ");
        if (providers.isEmpty()) {
            message.append("no provider was found: add a provider module such as cdn-purge-cloudflare");
        } else {
            message.append("known ids: ").append(String.join(", ", providers.keySet()))
                    .append(" (add the module cdn-purge-").append(id).append(" if that is the CDN you meant)");
        }
        if (!broken.isEmpty()) {
            message.append("; providers that failed to load: ").append(String.join("; ", broken));
        }
        throw new UnknownProviderException(message.toString(), providers.keySet());
    }

    /** Providers that failed to load, as messages. */
    public List<String> broken() {
        return List.copyOf(broken);
    }

}
