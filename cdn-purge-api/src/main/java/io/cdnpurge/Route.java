package io.cdnpurge;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which clients of a {@link PurgeRouter} purge which targets: a host ({@code www.example.com}, or
 * {@code *.example.com} for its subdomains), optionally a URL path prefix ({@code /static/}), optionally a tenant,
 * and the names of the clients. Immutable.
 *
 * <pre>{@code
 * Route.host("www.example.com").to("cloudflare", "fastly");
 * Route.host("*.example.org").path("/video/").to("akamai");
 * Route.host("shop.example.net").tenant("acme").to("acme-cloudfront");
 * }</pre>
 *
 * <p>A URL goes to the most specific route that covers it: an exact host before a wildcard, a longer wildcard before
 * a shorter one, then the longest path prefix; routes equally specific share it. A directory ({@code prefix}) goes to
 * every route of its host whose path overlaps it, a host to every route of that host.
 */
public final class Route {
    /** A lower-case host name: labels of letters, digits and inner hyphens. */
    static final String HOST_NAME = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";

    private final String host;
    private final String path;
    private final String tenant;
    private final List<String> clients;

    private Route(String host, String path, String tenant, List<String> clients) {
        this.host = host;
        this.path = path;
        this.tenant = tenant;
        this.clients = clients;
    }

    /** A route of a host name, or of every subdomain of {@code example.com} written {@code *.example.com}. */
    public static Route host(String hostPattern) {
        Objects.requireNonNull(hostPattern, "hostPattern cannot be null");
        String name = hostPattern.trim().toLowerCase(Locale.ROOT);
        String bare = name.startsWith("*.") ? name.substring(2) : name;
        if (!bare.matches(HOST_NAME)) {
            throw new IllegalArgumentException("route host '" + hostPattern + "' is not a host name such as "
                    + "www.example.com or *.example.com");
        }
        return new Route(name, null, null, List.of());
    }

    /** This route for URL paths starting with {@code prefix} only, e.g. {@code /static/}. */
    public Route path(String prefix) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("route path '" + prefix + "' must start with '/'");
        }
        return new Route(host, prefix, tenant, clients);
    }

    /** This route for one tenant's requests only ({@link PurgeRequest.Builder#tenant}). */
    public Route tenant(String tenantName) {
        Objects.requireNonNull(tenantName, "tenantName cannot be null");
        return new Route(host, path, tenantName, clients);
    }

    /** The clients, by name, that purge what this route covers. */
    public Route to(String... clientNames) {
        if (clientNames.length == 0) {
            throw new IllegalArgumentException("a route needs at least one client");
        }
        for (String name : clientNames) {
            Objects.requireNonNull(name, "client name cannot be null");
        }
        return new Route(host, path, tenant, List.of(clientNames));
    }

    public String host() {
        return host;
    }

    /** The path prefix, or null for every path. */
    public String path() {
        return path;
    }

    /** The tenant, or null for the default tenant. */
    public String tenant() {
        return tenant;
    }

    public List<String> clients() {
        return clients;
    }

    boolean servesTenant(String requested) {
        return Objects.equals(tenant, requested);
    }

    /** How closely this route's host matches: 0 not at all, else higher for closer (exact highest). */
    int hostMatch(String name) {
        if (host.startsWith("*.")) {
            String suffix = host.substring(1);
            return name.endsWith(suffix) && name.length() > suffix.length() ? suffix.length() : 0;
        }
        return host.equals(name) ? Integer.MAX_VALUE : 0;
    }

    @Override
    public String toString() {
        return host + (path == null ? "" : path) + (tenant == null ? "" : " (tenant " + tenant + ")") + " → "
                + String.join(", ", clients);
    }
}
