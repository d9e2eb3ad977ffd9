package io.cdnpurge.files;

import io.cdnpurge.BucketRoute;
import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.Route;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML or JSON file of named clients, routes, tenants and buckets into one {@link PurgeRouter}:
 *
 * <pre>{@code
 * defaults:                    # engine keys every client has, unless it sets them
 *   maxAttempts: 3
 * clients:
 *   cdn-cf:
 *     provider: cloudflare
 *     apiToken: ${CLOUDFLARE_API_TOKEN}
 *     zoneId: 023e105f4ecef8ad9ca31a8372d0c353
 *   cdn-fastly:
 *     provider: fastly
 *     apiToken: ${FASTLY_API_TOKEN}
 *     serviceId: SU1Z0isxPaozGVKXdv0eY
 * routes:
 *   - host: www.example.com
 *     clients: [cdn-cf, cdn-fastly]
 *   - host: "*.example.org"
 *     path: /static/
 *     clients: [cdn-cf]
 * tenants:
 *   acme:
 *     clients:
 *       acme-cf: { provider: cloudflare, apiToken: "${ACME_TOKEN}", zoneId: 9a7806061c88ada191ed06f989cc3dac }
 *     routes:
 *       - { host: shop.acme.example, clients: [acme-cf] }
 * buckets:                     # storage buckets: an object key becomes https://<host>/<key> (purgeObjects)
 *   assets:
 *     - host: www.example.com                                     # through the routes
 *     - { host: static.example.com, clients: [cdn-cf], action: prefetch }
 * }</pre>
 *
 * <p>A client's keys are its provider's (the README lists them); a nested map is a dotted key
 * ({@code rateLimit: {enabled: false}} is {@code rateLimit.enabled}), except under a {@code host=value} key such as
 * {@code zones}, where it is the map; a list is comma-separated values. {@code ${VAR}} and {@code ${VAR:-default}}
 * are read from the environment anywhere in a value, so secrets stay out of the file. Every problem of the file is
 * reported at once, each with its line and full key, before any client is created.
 */
public final class PurgeFiles {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private PurgeFiles() {
    }

    /** The router a file describes, with the process environment and default options. */
    public static PurgeRouter load(Path file) {
        return load(file, System.getenv(), ClientOptions.defaults());
    }

    /**
     * @param environment the variables of {@code ${VAR}}; also the environment the clients see
     * @throws InvalidConfigurationException listing every problem of the file with its line and key
     */
    public static PurgeRouter load(Path file, Map<String, String> environment, ClientOptions options) {
        Objects.requireNonNull(file, "file cannot be null");
        Objects.requireNonNull(environment, "environment cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        return new Loader(file, environment).load(YamlFileReader.parse(file), options);
    }

    /** One reading of a file: the flat keys with their lines, the routes, and every problem met. */
    static final class Loader {
        private final Path file;
        private final Map<String, String> environment;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Integer> lines = new LinkedHashMap<>();
        final Map<String, Integer> clientLines = new LinkedHashMap<>();
        private final Map<String, Node> defaults = new LinkedHashMap<>();
        final List<Route> routes = new ArrayList<>();
        private final List<Map.Entry<Integer, String>> problems = new ArrayList<>();
        /** Keys whose variable is not set: reported once, not again as missing. */
        private final Set<String> unresolved = new LinkedHashSet<>();
        final Map<String, String> providers = new LinkedHashMap<>();
        final Map<String, Integer> providerLines = new LinkedHashMap<>();
        final List<BucketRoute> buckets = new ArrayList<>();

        Loader(Path file, Map<String, String> environment) {
            this.file = file;
            this.environment = environment;
        }

        void problem(int line, String text) {
            problems.add(Map.entry(line, text));
        }

        PurgeRouter load(Node root, ClientOptions options) {
            if (!root.isMap()) {
                problem(root.line, "the file is " + root.kind() + ": it must be a map of defaults, clients, routes "
                        + "and tenants");
                throw failure();
            }
            if (root.map.containsKey("cdnDomains") || root.map.containsKey("cdnConfigurations")) {
                new LegacyFile(file, this).translate(root);
                return finish(options);
            }
            // clients first, wherever they are written, so that a route may name one declared further down
            for (Map.Entry<String, Node> section : root.map.entrySet()) {
                Node node = section.getValue();
                switch (section.getKey()) {
                    case "defaults":
                        if (expect(node, true, "defaults")) {
                            defaults.putAll(node.map);
                        }
                        break;
                    case "clients":
                        clients(node, "clients");
                        break;
                    case "tenants":
                        tenants(node, false);
                        break;
                    case "routes":
                    case "buckets":
                        break;
                    default:
                        problem(node.line, "unknown section '" + section.getKey() + "': a file has defaults, clients, "
                                + "routes, tenants and buckets");
                }
            }
            for (Map.Entry<String, Node> section : root.map.entrySet()) {
                if (section.getKey().equals("routes")) {
                    routes(section.getValue(), null, "routes");
                } else if (section.getKey().equals("tenants")) {
                    tenants(section.getValue(), true);
                } else if (section.getKey().equals("buckets")) {
                    buckets(section.getValue());
                }
            }
            if (clientLines.isEmpty()) {
                problem(root.line, "the file names no client: add clients: with a provider each");
            }
            if (routes.isEmpty() && buckets.isEmpty()) {
                problem(root.line, "the file has no route: add routes: with a host and the clients that serve it");
            }
            applyDefaults();
            return finish(options);
        }

        /** Checks every client's keys, then creates the clients and the router; every problem at once. */
        PurgeRouter finish(ClientOptions options) {
            PurgeConfig config = PurgeConfig.fromMap(values).withEnvironment(environment);
            // every client's keys are checked in this same pass, so that one report lists every mistake
            for (Map.Entry<String, String> client : providers.entrySet()) {
                io.cdnpurge.spi.PurgeProvider provider;
                try {
                    provider = CdnPurge.provider(client.getValue());
                } catch (PurgeException e) {
                    problem(providerLines.get(client.getKey()), client.getKey() + ".provider is '" + client.getValue()
                            + "': " + e.getMessage());
                    continue;
                }
                List<String> found = new ArrayList<>();
                io.cdnpurge.spi.ClientSettings.read(client.getKey(), provider, config, found);
                found.forEach(this::located);
            }
            if (!problems.isEmpty()) {
                throw failure();
            }
            Map<String, PurgeClient> created = new LinkedHashMap<>();
            for (String name : clientLines.keySet()) {
                try {
                    created.put(name, CdnPurge.client(name, config, options));
                } catch (InvalidConfigurationException e) {
                    e.problems().forEach(this::located);
                } catch (PurgeException | IllegalArgumentException e) {
                    located(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                InvalidConfigurationException failure = failure();
                created.values().forEach(client -> {
                    try {
                        client.close();
                    } catch (RuntimeException e) {
                        failure.addSuppressed(e);
                    }
                });
                throw failure;
            }
            PurgeRouter.Builder router = PurgeRouter.builder();
            created.forEach(router::client);
            routes.forEach(router::route);
            buckets.forEach(router::bucket);
            return router.build();
        }

        /** A problem met creating a client, given the line of the key it names (the longest that appears). */
        private void located(String message) {
            String key = null;
            for (String candidate : lines.keySet()) {
                if (message.contains(candidate) && (key == null || candidate.length() > key.length())) {
                    key = candidate;
                }
            }
            if (key != null && unresolved.contains(key)) {
                // its variable is not set, which is reported already
                return;
            }
            if (key == null) {
                for (String client : clientLines.keySet()) {
                    if (message.contains(client + ".")) {
                        key = client;
                    }
                }
            }
            Integer line = key == null ? null : lines.containsKey(key) ? lines.get(key) : clientLines.get(key);
            problem(line == null ? 0 : line, message);
        }

        private InvalidConfigurationException failure() {
            List<String> sorted = new ArrayList<>();
            problems.stream().sorted(Comparator.comparing(Map.Entry::getKey)).forEach(problem -> sorted.add(file
                    + (problem.getKey() > 0 ? ":" + problem.getKey() : "") + ": " + problem.getValue()));
            return new InvalidConfigurationException(sorted);
        }

        private boolean expect(Node node, boolean map, String where) {
            if (map ? node.isMap() : node.isList()) {
                return true;
            }
            problem(node.line, where + " is " + node.kind() + ": it must be " + (map ? "a map" : "a list"));
            return false;
        }

        private void clients(Node node, String where) {
            if (!expect(node, true, where)) {
                return;
            }
            for (Map.Entry<String, Node> client : node.map.entrySet()) {
                String name = client.getKey();
                Node body = client.getValue();
                if (clientLines.containsKey(name)) {
                    problem(body.line, "the client " + name + " is named twice (line " + clientLines.get(name)
                            + "): client names are unique across tenants");
                    continue;
                }
                clientLines.put(name, body.line);
                if (!expect(body, true, where + "." + name)) {
                    continue;
                }
                Node provider = body.map.get("provider");
                if (provider == null || !provider.isText() || provider.text.isBlank()) {
                    problem(body.line, "the client " + name + " has no provider: add provider: cloudflare (or akamai, "
                            + "fastly, cloudfront, edgecast, highwinds)");
                    continue;
                }
                providers.put(name, provider.text.trim());
                providerLines.put(name, provider.line);
                ConfigSchema schema = schemaOf(provider.text.trim());
                for (Map.Entry<String, Node> entry : body.map.entrySet()) {
                    put(name + "." + entry.getKey(), entry.getKey(), entry.getValue(), schema);
                }
            }
        }

        /** The provider's schema, to know its {@code host=value} keys; empty for an unknown provider (reported later). */
        private ConfigSchema schemaOf(String providerId) {
            try {
                return CdnPurge.provider(providerId).schema();
            } catch (RuntimeException e) {
                return ConfigSchema.empty();
            }
        }

        private void put(String full, String key, Node node, ConfigSchema schema) {
            if (node.isText()) {
                values.put(full, interpolate(node, full));
                lines.put(full, node.line);
            } else if (node.isList()) {
                List<String> items = new ArrayList<>();
                for (Node item : node.list) {
                    if (!item.isText()) {
                        problem(item.line, full + " holds " + item.kind() + ": a list key holds values");
                        return;
                    }
                    items.add(interpolate(item, full));
                }
                values.put(full, String.join(",", items));
                lines.put(full, node.line);
            } else {
                ConfigKey<?> declared = schema.key(key);
                if (declared != null && declared.type() == ConfigKey.Type.HOST_MAP) {
                    List<String> entries = new ArrayList<>();
                    for (Map.Entry<String, Node> entry : node.map.entrySet()) {
                        if (!entry.getValue().isText()) {
                            problem(entry.getValue().line, full + "." + entry.getKey() + " is " + entry.getValue()
                                    .kind() + ": write host: value");
                            return;
                        }
                        entries.add(entry.getKey() + "=" + interpolate(entry.getValue(), full));
                    }
                    values.put(full, String.join(",", entries));
                    lines.put(full, node.line);
                    return;
                }
                for (Map.Entry<String, Node> entry : node.map.entrySet()) {
                    put(full + "." + entry.getKey(), key + "." + entry.getKey(), entry.getValue(), schema);
                }
            }
        }

        String interpolate(Node node, String key) {
            Matcher matcher = VARIABLE.matcher(node.text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String value = environment.get(matcher.group(1));
                if (value == null) {
                    value = matcher.group(3);
                }
                if (value == null) {
                    problem(node.line, key + " needs the variable " + matcher.group(1) + ", which is not set: set "
                            + "it, or write ${" + matcher.group(1) + ":-default}");
                    unresolved.add(key);
                    value = "";
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private void routes(Node node, String tenant, String where) {
            if (!expect(node, false, where)) {
                return;
            }
            for (Node route : node.list) {
                if (!expect(route, true, where + " entry")) {
                    continue;
                }
                Set<String> known = new LinkedHashSet<>(List.of("host", "path", "clients", "tenant"));
                for (Map.Entry<String, Node> field : route.map.entrySet()) {
                    if (!known.contains(field.getKey())) {
                        problem(field.getValue().line, "unknown route field '" + field.getKey() + "': a route has "
                                + "host, path, tenant and clients");
                    }
                }
                Node host = route.map.get("host");
                Node clients = route.map.get("clients");
                if (host == null || !host.isText() || clients == null) {
                    problem(route.line, "a route needs host: and clients:");
                    continue;
                }
                List<String> names = names(clients, "the route of " + host.text);
                try {
                    Route built = Route.host(host.text);
                    Node path = route.map.get("path");
                    if (path != null && path.isText()) {
                        built = built.path(path.text.trim());
                    }
                    Node routeTenant = route.map.get("tenant");
                    String ofTenant = tenant != null ? tenant : routeTenant != null && routeTenant.isText()
                            ? routeTenant.text.trim() : null;
                    if (ofTenant != null) {
                        built = built.tenant(ofTenant);
                    }
                    if (names.isEmpty()) {
                        problem(clients.line, "the route of " + host.text + " names no client");
                        continue;
                    }
                    routes.add(built.to(names.toArray(new String[0])));
                } catch (IllegalArgumentException e) {
                    problem(host.line, e.getMessage());
                }
            }
        }

        /**
         * Storage buckets and the hosts serving their objects: {@code bucket: [ {host, path?, schemes?, clients?,
         * action?} ]}: the path the keys are under, the schemes, the clients (else the routes) and the action
         * ({@code purge}, {@code prefetch} or {@code load}) of each host.
         */
        private void buckets(Node node) {
            if (!expect(node, true, "buckets")) {
                return;
            }
            for (Map.Entry<String, Node> bucket : node.map.entrySet()) {
                String where = "buckets." + bucket.getKey();
                if (!expect(bucket.getValue(), false, where)) {
                    continue;
                }
                for (Node entry : bucket.getValue().list) {
                    if (!expect(entry, true, "an entry of " + where)) {
                        continue;
                    }
                    for (Map.Entry<String, Node> field : entry.map.entrySet()) {
                        if (!Set.of("host", "path", "schemes", "clients", "action").contains(field.getKey())) {
                            problem(field.getValue().line, "unknown field '" + field.getKey() + "' in " + where
                                    + ": an entry has host, path, schemes, clients and action");
                        }
                    }
                    Node host = entry.map.get("host");
                    if (host == null || !host.isText()) {
                        problem(entry.line, "an entry of " + where + " needs host:");
                        continue;
                    }
                    try {
                        BucketRoute route = BucketRoute.of(bucket.getKey(), host.text.trim());
                        List<String> names = names(entry.map.get("clients"), "the bucket route of " + host.text);
                        if (!names.isEmpty()) {
                            route = route.to(names.toArray(new String[0]));
                        }
                        Node path = entry.map.get("path");
                        if (path != null && path.isText()) {
                            route = route.path(path.text.trim());
                        }
                        List<String> schemes = names(entry.map.get("schemes"));
                        if (!schemes.isEmpty()) {
                            route = route.schemes(schemes.toArray(new String[0]));
                        }
                        Node action = entry.map.get("action");
                        if (action != null) {
                            String value = action.isText() ? action.text.trim().toLowerCase(Locale.ROOT) : "";
                            if (value.equals("prefetch") || value.equals("load")) {
                                route = route.action(PurgeAction.PREFETCH);
                            } else if (!value.equals("purge")) {
                                problem(action.line, where + " has action '" + (action.isText() ? action.text : "")
                                        + "': the actions are purge and prefetch (or load)");
                            }
                        }
                        buckets.add(route);
                    } catch (IllegalArgumentException e) {
                        problem(host.line, e.getMessage());
                    }
                }
            }
        }

        /** The texts of a value that is one text or a list of them. */
        private static List<String> names(Node value) {
            List<String> names = new ArrayList<>();
            if (value == null) {
                return names;
            }
            if (value.isText()) {
                names.add(value.text.trim());
            } else if (value.isList()) {
                value.list.stream().filter(Node::isText).forEach(item -> names.add(item.text.trim()));
            }
            return names;
        }

        /** The client names of a {@code clients:} value, each checked to be declared. */
        private List<String> names(Node clients, String of) {
            List<String> names = names(clients);
            for (String name : names) {
                if (!clientLines.containsKey(name)) {
                    problem(clients.line, of + " names the client " + name + ", which the file does not declare");
                }
            }
            return names;
        }

        /** The tenants' clients ({@code routesPass} false) or their routes (true). */
        private void tenants(Node node, boolean routesPass) {
            if (!node.isMap()) {
                if (!routesPass) {
                    expect(node, true, "tenants");
                }
                return;
            }
            for (Map.Entry<String, Node> tenant : node.map.entrySet()) {
                Node body = tenant.getValue();
                if (!body.isMap()) {
                    if (!routesPass) {
                        expect(body, true, "tenants." + tenant.getKey());
                    }
                    continue;
                }
                for (Map.Entry<String, Node> section : body.map.entrySet()) {
                    String where = "tenants." + tenant.getKey() + "." + section.getKey();
                    if (section.getKey().equals("clients")) {
                        if (!routesPass) {
                            clients(section.getValue(), where);
                        }
                    } else if (section.getKey().equals("routes")) {
                        if (routesPass) {
                            routes(section.getValue(), tenant.getKey(), where);
                        }
                    } else if (!routesPass) {
                        problem(section.getValue().line, "unknown tenant section '" + section.getKey() + "': a "
                                + "tenant has clients and routes");
                    }
                }
            }
        }

        private void applyDefaults() {
            Map<String, String> flat = new TreeMap<>();
            Map<String, Integer> flatLines = new LinkedHashMap<>();
            Loader scratch = new Loader(file, environment);
            for (Map.Entry<String, Node> entry : defaults.entrySet()) {
                scratch.put("defaults." + entry.getKey(), entry.getKey(), entry.getValue(), ConfigSchema.empty());
            }
            problems.addAll(scratch.problems);
            scratch.values.forEach((key, value) -> flat.put(key.substring("defaults.".length()), value));
            scratch.lines.forEach((key, line) -> flatLines.put(key.substring("defaults.".length()), line));
            for (String client : clientLines.keySet()) {
                flat.forEach((key, value) -> {
                    String full = client + "." + key;
                    if (!values.containsKey(full)) {
                        values.put(full, value);
                        lines.put(full, flatLines.get(key));
                    }
                });
            }
        }
    }
}
