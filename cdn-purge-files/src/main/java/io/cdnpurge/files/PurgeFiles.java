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
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * The router a tree of maps, lists and values describes, in the layout of a file ({@code defaults},
     * {@code clients}, {@code routes}, {@code tenants}, {@code buckets}): for configuration that arrives already
     * parsed, such as an application framework's properties. A list may also be written as a map whose keys are its
     * indexes ({@code "0"}, {@code "1"}, …), a list of names as one comma-separated value, and a key of a client or of
     * {@code defaults} in any case with dashes or underscores ({@code api-token}, {@code apitoken} and
     * {@code API_TOKEN} are {@code apiToken}). A client named by a provider's id may leave out {@code provider}.
     *
     * <pre>{@code
     * PurgeRouter cdn = PurgeFiles.load(Map.of(
     *         "clients", Map.of("edge-cf", Map.of("provider", "cloudflare", "api-token", token, "zone-id", zone)),
     *         "routes", List.of(Map.of("host", "www.example.com", "clients", "edge-cf"))),
     *         "cdnpurge", System.getenv(), ClientOptions.defaults());
     * }</pre>
     *
     * @param origin what the tree's keys are written under, e.g. {@code cdnpurge}: every problem names its key as
     *               {@code cdnpurge.clients.edge-cf.apiTokn}
     * @param environment the variables of {@code ${VAR}}; also the environment the clients see
     * @throws InvalidConfigurationException listing every problem, each with its key under {@code origin}
     */
    public static PurgeRouter load(Map<String, ?> tree, String origin, Map<String, String> environment,
                                   ClientOptions options) {
        Objects.requireNonNull(tree, "tree cannot be null");
        Objects.requireNonNull(origin, "origin cannot be null");
        Objects.requireNonNull(environment, "environment cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        List<String> paths = new ArrayList<>();
        Node root = node(tree, origin, paths);
        return new Loader(origin, paths, environment).load(root, options);
    }

    /**
     * A value of a tree as a node whose "line" is its index in {@code paths}, where its key is: the order the tree is
     * written in, and the key a problem names. A map of the keys 0, 1, … is the list it stands for.
     */
    private static Node node(Object value, String path, List<String> paths) {
        int line = paths.size();
        paths.add(path);
        if (value instanceof Map && isIndexed((Map<?, ?>) value)) {
            Map<Integer, Object> items = new TreeMap<>();
            ((Map<?, ?>) value).forEach((key, item) -> items.put(Integer.valueOf(String.valueOf(key)), item));
            value = new ArrayList<>(items.values());
        }
        if (value instanceof Map) {
            Map<String, Node> entries = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((key, item) -> entries.put(String.valueOf(key),
                    node(item, path + "." + key, paths)));
            return Node.map(line, entries);
        }
        if (value instanceof Collection) {
            List<Node> items = new ArrayList<>();
            for (Object item : (Collection<?>) value) {
                items.add(node(item, path + "[" + items.size() + "]", paths));
            }
            return Node.list(line, items);
        }
        return Node.text(line, value == null ? "" : String.valueOf(value));
    }

    private static boolean isIndexed(Map<?, ?> map) {
        if (map.isEmpty()) {
            return false;
        }
        for (int i = 0; i < map.size(); i++) {
            if (!map.containsKey(String.valueOf(i)) && !map.containsKey(i)) {
                return false;
            }
        }
        return true;
    }

    /** One reading of a file: the flat keys with their lines, the routes, and every problem met. */
    static final class Loader {
        private final Path file;
        /** For a tree: what its keys are written under, and each node's key by its "line"; else null. */
        private final String origin;
        private final List<String> paths;
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
            this.origin = null;
            this.paths = null;
            this.environment = environment;
        }

        Loader(String origin, List<String> paths, Map<String, String> environment) {
            this.file = null;
            this.origin = origin;
            this.paths = paths;
            this.environment = environment;
        }

        /** What the configuration is called in a message: the file, or the tree's origin. */
        private String subject() {
            return paths == null ? "the file" : origin;
        }

        void problem(int line, String text) {
            problems.add(Map.entry(line, text));
        }

        PurgeRouter load(Node root, ClientOptions options) {
            if (!root.isMap()) {
                problem(root.line, subject() + " is " + root.kind() + ": it must be a map of defaults, clients, "
                        + "routes and tenants");
                throw failure();
            }
            if (paths == null && (root.map.containsKey("cdnDomains") || root.map.containsKey("cdnConfigurations"))) {
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
                        problem(node.line, "unknown section '" + section.getKey() + "': " + (paths == null ? "a file"
                                : origin) + " has defaults, clients, routes, tenants and buckets");
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
                problem(root.line, subject() + " names no client: add clients: with a provider each");
            }
            if (routes.isEmpty() && buckets.isEmpty()) {
                problem(root.line, subject() + " has no route: add routes: with a host and the clients that serve "
                        + "it");
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
            // the key named first (the longest of those named there): "unknown key a.x: did you mean a.y?" is of a.x
            String key = null;
            int at = Integer.MAX_VALUE;
            for (String candidate : lines.keySet()) {
                int index = message.indexOf(candidate);
                if (index >= 0 && (index < at || index == at && candidate.length() > key.length())) {
                    key = candidate;
                    at = index;
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

        /** A message of the engine with each client's keys written as the tree writes them: cf.x is o.clients.cf.x. */
        private String underOrigin(String message) {
            String text = message;
            for (Map.Entry<String, Integer> client : clientLines.entrySet()) {
                String path = paths.get(client.getValue());
                text = text.replaceAll("(?<![\\w.-])" + Pattern.quote(client.getKey() + "."),
                        Matcher.quoteReplacement(path + "."));
            }
            return text;
        }

        private InvalidConfigurationException failure() {
            List<String> sorted = new ArrayList<>();
            problems.stream().sorted(Comparator.comparing(Map.Entry::getKey)).forEach(problem -> sorted.add(
                    where(problem.getKey(), problem.getValue())));
            return new InvalidConfigurationException(sorted);
        }

        /** A problem with where it is: the file and its line, or the tree's key (unless the problem names it). */
        private String where(int line, String text) {
            if (paths == null) {
                return file + (line > 0 ? ":" + line : "") + ": " + text;
            }
            String key = paths.get(line);
            // a tree's keys are matched whatever their case (Spring's relaxed names)
            text = underOrigin(text).replace(" (keys are case-sensitive)", "");
            return text.startsWith(key) || text.contains(" " + key) ? text : key + ": " + text;
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
                if ((provider == null || !provider.isText() || provider.text.isBlank())
                        && CdnPurge.providers().contains(name)) {
                    provider = Node.text(body.line, name);   // a client named by its provider's id
                }
                if (provider == null || !provider.isText() || provider.text.isBlank()) {
                    problem(body.line, "the client " + name + " has no provider: add provider: cloudflare (or akamai, "
                            + "fastly, cloudfront, edgecast, highwinds)");
                    continue;
                }
                providers.put(name, provider.text.trim());
                providerLines.put(name, provider.line);
                ConfigSchema schema = schemaOf(provider.text.trim());
                List<String> keyNames = keyNames(provider.text.trim());
                for (Map.Entry<String, Node> entry : body.map.entrySet()) {
                    String key = relaxed(entry.getKey(), keyNames);
                    put(name + "." + key, key, entry.getValue(), schema, keyNames);
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

        /**
         * The names of every key a client of this provider reads, for matching a tree's keys written in another case
         * or with dashes; none for a file (whose keys are written as declared) or an unknown provider.
         */
        private List<String> keyNames(String providerId) {
            if (paths == null) {
                return List.of();
            }
            try {
                return names(ClientSettings.schema(CdnPurge.provider(providerId)));
            } catch (RuntimeException e) {
                return List.of();
            }
        }

        private static List<String> names(ConfigSchema schema) {
            List<String> names = new ArrayList<>();
            schema.keys().forEach(key -> names.add(key.name()));
            return names;
        }

        /**
         * A dotted key as declared, when it is one of these names but for case, dashes and underscores
         * ({@code rate-limit.max-wait} is {@code rateLimit.maxWait}); each part matched under the parts before it.
         */
        private static String relaxed(String key, Collection<String> declared) {
            if (declared.isEmpty()) {
                return key;
            }
            StringBuilder done = new StringBuilder();
            for (String part : key.split("\\.", -1)) {
                String match = part;
                String under = done.length() == 0 ? "" : done + ".";
                for (String name : declared) {
                    if (name.startsWith(under)) {
                        String next = name.substring(under.length()).split("\\.")[0];
                        if (uniform(next).equals(uniform(part))) {
                            match = next;
                            break;
                        }
                    }
                }
                done.append(done.length() == 0 ? "" : ".").append(match);
            }
            return done.toString();
        }

        private static String uniform(String name) {
            return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        }

        private void put(String full, String key, Node node, ConfigSchema schema, List<String> keyNames) {
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
                    if (hostEntries(full, "", node, entries)) {
                        values.put(full, String.join(",", entries));
                        lines.put(full, node.line);
                    }
                    return;
                }
                for (Map.Entry<String, Node> entry : node.map.entrySet()) {
                    String sub = relaxed(key + "." + entry.getKey(), keyNames);
                    put(full.substring(0, full.length() - key.length()) + sub, sub, entry.getValue(), schema,
                            keyNames);
                }
            }
        }

        /**
         * The {@code host=value} entries of a host map. In a tree, a host whose dots made it nested maps
         * ({@code www: {example: {com: id}}}, as property names with dots are read) is joined again.
         */
        private boolean hostEntries(String full, String host, Node node, List<String> entries) {
            for (Map.Entry<String, Node> entry : node.map.entrySet()) {
                String name = host.isEmpty() ? entry.getKey() : host + "." + entry.getKey();
                Node value = entry.getValue();
                if (value.isMap() && paths != null) {
                    if (!hostEntries(full, name, value, entries)) {
                        return false;
                    }
                } else if (!value.isText()) {
                    problem(value.line, full + "." + name + " is " + value.kind() + ": write host: value");
                    return false;
                } else {
                    entries.add(name + "=" + interpolate(value, full));
                }
            }
            return true;
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
                    // a tree's own placeholders were resolved by whoever made it, in their syntax
                    problem(node.line, key + " needs the variable " + matcher.group(1) + ", which is not set: set "
                            + "it, or " + (paths == null ? "write ${" + matcher.group(1) + ":-default}"
                            : "give it a default"));
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
                for (String name : value.text.split(",")) {
                    if (!name.isBlank()) {
                        names.add(name.trim());
                    }
                }
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
                    problem(clients.line, of + " names the client " + name + ", which " + subject()
                            + " does not declare");
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
            Loader scratch = paths == null ? new Loader(file, environment) : new Loader(origin, paths, environment);
            List<String> shared = sharedKeyNames();
            for (Map.Entry<String, Node> entry : defaults.entrySet()) {
                String key = relaxed(entry.getKey(), shared);
                scratch.put("defaults." + key, key, entry.getValue(), ConfigSchema.empty(), shared);
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

        /** In a tree, the names of the keys every client's provider reads (the engine's and transport keys). */
        private List<String> sharedKeyNames() {
            if (paths == null) {
                return List.of();
            }
            List<String> shared = null;
            for (String providerId : CdnPurge.providers()) {
                List<String> names = keyNames(providerId);
                if (shared == null) {
                    shared = new ArrayList<>(names);
                } else {
                    shared.retainAll(names);
                }
            }
            return shared == null ? List.of() : shared;
        }
    }
}
