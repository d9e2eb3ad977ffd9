package io.cdnpurge.fastly.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which service a target belongs to. Fastly routes a URL purge by its host on its own, so the service of a URL
 * only groups calls and names the service in plans and errors; surrogate keys and purge-all are per service and
 * need one named.
 */
final class FastlyServices {
    private final Map<String, String> byHost;
    private final String defaultService;

    FastlyServices(Map<String, String> byHost, String defaultService) {
        this.byHost = Map.copyOf(byHost);
        this.defaultService = defaultService;
    }

    /**
     * The service of key and everything purges: {@code fastly.serviceId}, else the one service
     * {@code fastly.services} names. Several services are not guessed between: a key exists per service.
     */
    /** Every service this client purges: the default one and those of its hosts. */
    java.util.Set<String> all() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        if (defaultService != null) {
            all.add(defaultService);
        }
        all.addAll(byHost.values());
        return all;
    }

    Optional<String> serviceWide() {
        if (defaultService != null) {
            return Optional.of(defaultService);
        }
        if (!byHost.isEmpty() && byHost.values().stream().distinct().count() == 1) {
            return Optional.of(byHost.values().iterator().next());
        }
        return Optional.empty();
    }

    /** The mapped service of the host or its closest parent, else the default service, else the host itself. */
    String ofHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (true) {
            String service = byHost.get(name);
            if (service != null) {
                return service;
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                break;
            }
            name = name.substring(dot + 1);
        }
        return defaultService != null ? defaultService : host.toLowerCase(Locale.ROOT);
    }
}
