package io.cdnpurge.files;

import io.cdnpurge.BucketRoute;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration file of the S3-to-CDN purge tool this library replaces ({@code multicdn.config.yml}): buckets of
 * hosts per vendor ({@code cdnDomains}) and each vendor's settings ({@code cdnConfigurations}), read into the same
 * clients, routes and buckets as the native format, so that its users keep the file they have.
 *
 * <ul>
 *   <li>{@code edgecast}: {@code token}, {@code hex} (the account), {@code platform} ({@code flash}, {@code large},
 *       {@code small}, {@code adn}; also per host);</li>
 *   <li>{@code akamai}: {@code platform} ({@code production} or {@code staging}: a host entry with the other one gets a
 *       client of its own, {@code akamai-staging}), {@code edgerc} (relative to the file) and
 *       {@code edgerc_section};</li>
 *   <li>{@code cloudflare}: {@code email} and {@code apikey} (the legacy key), the zone id as a host entry's
 *       {@code platform} (anything else there: the zone is looked up by the host's name);</li>
 *   <li>{@code fastly}: {@code token}; {@code highwinds}: {@code user} and {@code password}, else its environment
 *       variables;</li>
 *   <li>vendors without a provider here ({@code chinacache}, {@code cloudinary}) are logged: their hosts have no
 *       route, so a purge there is a {@code FAILED} outcome saying so.</li>
 * </ul>
 * Each bucket's hosts become {@link BucketRoute}s to the vendor's client, with the list's action ({@code action:
 * load} is {@code PurgeAction.PREFETCH}, {@code purge} the default), so that {@code PurgeRouter.purgeObjects} does
 * per bucket what the tool did, under both {@code http} (as the tool did) and {@code https}; the hosts also become
 * {@link Route}s, for purges by URL.
 */
final class LegacyFile {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyFile.class);
    private static final Map<String, String> EDGECAST_PLATFORMS = Map.of("flash", "flash", "large", "http-large",
            "small", "http-small", "adn", "adn");
    private static final Set<String> SUPPORTED = Set.of("edgecast", "akamai", "cloudflare", "fastly", "highwinds");

    private final Path file;
    private final PurgeFiles.Loader loader;
    private final Map<String, Set<String>> clientsOfHost = new LinkedHashMap<>();

    LegacyFile(Path file, PurgeFiles.Loader loader) {
        this.file = file;
        this.loader = loader;
    }

    void translate(Node root) {
        Node domains = root.map.get("cdnDomains");
        Node configurations = root.map.get("cdnConfigurations");
        if (domains == null || !domains.isMap()) {
            loader.problem(root.line, "cdnDomains is missing or not a map of vendors to buckets");
            return;
        }
        Map<String, Node> settings = configurations != null && configurations.isMap() ? configurations.map
                : Map.of();
        for (Map.Entry<String, Node> vendor : domains.map.entrySet()) {
            String id = vendor.getKey().toLowerCase(Locale.ROOT);
            if (!SUPPORTED.contains(id)) {
                LOG.warn("{}:{}: {} has no cdn-purge provider; its hosts are not purged (a purge of them is a FAILED "
                        + "outcome)", file, vendor.getValue().line, vendor.getKey());
                bucketsOnly(vendor.getValue());
                continue;
            }
            Node config = settings.get(vendor.getKey());
            vendor(id, vendor.getValue(), config == null || !config.isMap() ? Map.of() : config.map);
        }
        clientsOfHost.forEach((host, clients) -> loader.routes.add(Route.host(host).to(clients.toArray(
                new String[0]))));
    }

    private void bucketsOnly(Node buckets) {
        if (!buckets.isMap()) {
            return;
        }
        buckets.map.forEach((bucket, entries) -> {
            if (entries.isList()) {
                for (Node entry : entries.list) {
                    Node host = entry.isMap() ? entry.map.get("host") : null;
                    if (host != null && host.isText()) {
                        bucketRoute(bucket, host, null, null);
                    }
                }
            }
        });
    }

    private void vendor(String id, Node buckets, Map<String, Node> config) {
        if (!buckets.isMap()) {
            loader.problem(buckets.line, "cdnDomains." + id + " must map buckets to lists of hosts");
            return;
        }
        String defaultPlatform = text(config.get("platform"));
        Map<String, String> hostPlatforms = new LinkedHashMap<>();
        for (Map.Entry<String, Node> bucket : buckets.map.entrySet()) {
            if (!bucket.getValue().isList()) {
                loader.problem(bucket.getValue().line, "cdnDomains." + id + "." + bucket.getKey() + " must be a list "
                        + "of host entries");
                continue;
            }
            PurgeAction action = action(id, bucket.getKey(), bucket.getValue());
            for (Node entry : bucket.getValue().list) {
                if (!entry.isMap()) {
                    loader.problem(entry.line, "an entry of cdnDomains." + id + "." + bucket.getKey() + " must be "
                            + "host: … (and platform: …) or action: …");
                    continue;
                }
                Node host = entry.map.get("host");
                if (host == null || !host.isText()) {
                    continue;
                }
                String name = host.text.trim().toLowerCase(Locale.ROOT);
                String platform = entry.map.containsKey("platform") ? text(entry.map.get("platform"))
                        : defaultPlatform;
                String client = client(id, name, platform, defaultPlatform, hostPlatforms, host.line);
                bucketRoute(bucket.getKey(), host, client, action);
                clientsOfHost.computeIfAbsent(name, any -> new LinkedHashSet<>()).add(client);
            }
        }
        settings(id, config, defaultPlatform, hostPlatforms, buckets.line);
    }

    /** The action of a vendor's list of a bucket: {@code action: purge} (the default) or {@code load}. */
    private PurgeAction action(String id, String bucket, Node entries) {
        PurgeAction action = PurgeAction.PURGE;
        for (Node entry : entries.list) {
            Node given = entry.isMap() ? entry.map.get("action") : null;
            if (given == null) {
                continue;
            }
            String value = text(given);
            if ("load".equalsIgnoreCase(value)) {
                action = PurgeAction.PREFETCH;
            } else if (!"purge".equalsIgnoreCase(value)) {
                loader.problem(given.line, "cdnDomains." + id + "." + bucket + " has action '" + value + "': the "
                        + "actions are purge and load");
            }
        }
        return action;
    }

    /** A host of a bucket: to the vendor's client with the list's action, or through the routes (no client). */
    private void bucketRoute(String bucket, Node host, String client, PurgeAction action) {
        try {
            // the tool purged http://host/key; objects are often served over https too: both, so that none is missed
            BucketRoute route = BucketRoute.of(bucket, host.text.trim()).schemes("http", "https");
            loader.buckets.add(client == null ? route : route.to(client).action(action));
        } catch (IllegalArgumentException e) {
            loader.problem(host.line, e.getMessage());
        }
    }

    /** The client of a host entry, declaring it when new; per-host platforms are kept for the client's keys. */
    private String client(String id, String host, String platform, String defaultPlatform,
                          Map<String, String> hostPlatforms, int line) {
        String name = id;
        if (id.equals("akamai") && platform != null && !platform.equalsIgnoreCase(defaultPlatform == null
                ? "production" : defaultPlatform)) {
            name = "akamai-" + platform.toLowerCase(Locale.ROOT);
            declare(name, "akamai", line);
            put(name + ".network", platform.toLowerCase(Locale.ROOT), line);
        } else {
            declare(name, id, line);
        }
        if (platform != null && !platform.equals(defaultPlatform)) {
            hostPlatforms.put(host, platform);
        }
        return name;
    }

    private void declare(String name, String provider, int line) {
        if (!loader.clientLines.containsKey(name)) {
            loader.clientLines.put(name, line);
            loader.providers.put(name, provider);
            loader.providerLines.put(name, line);
            put(name + ".provider", provider, line);
        }
    }

    private void put(String key, String value, int line) {
        loader.values.put(key, value);
        loader.lines.put(key, line);
    }

    private void settings(String id, Map<String, Node> config, String defaultPlatform,
                          Map<String, String> hostPlatforms, int line) {
        switch (id) {
            case "edgecast":
                copy(config, "token", "edgecast.apiToken");
                copy(config, "hex", "edgecast.accountNumber");
                if (defaultPlatform != null) {
                    put("edgecast.platform", EDGECAST_PLATFORMS.getOrDefault(defaultPlatform, defaultPlatform),
                            config.get("platform").line);
                }
                if (!hostPlatforms.isEmpty()) {
                    StringBuilder platforms = new StringBuilder();
                    hostPlatforms.forEach((host, platform) -> platforms.append(platforms.length() == 0 ? "" : ",")
                            .append(host).append('=').append(EDGECAST_PLATFORMS.getOrDefault(platform, platform)));
                    put("edgecast.platforms", platforms.toString(), line);
                }
                break;
            case "akamai":
                if (defaultPlatform != null) {
                    put("akamai.network", defaultPlatform.toLowerCase(Locale.ROOT), config.get("platform").line);
                }
                Node edgerc = config.get("edgerc");
                for (String client : List.copyOf(loader.clientLines.keySet())) {
                    if (!client.startsWith("akamai")) {
                        continue;
                    }
                    if (edgerc != null && edgerc.isText()) {
                        Path resolved = file.toAbsolutePath().getParent().resolve(loader.interpolate(edgerc,
                                client + ".edgerc"));
                        put(client + ".edgerc", resolved.toString(), edgerc.line);
                    }
                    copy(config, "edgerc_section", client + ".edgercSection");
                }
                break;
            case "cloudflare":
                copy(config, "email", "cloudflare.email");
                copy(config, "apikey", "cloudflare.globalKey");
                copy(config, "token", "cloudflare.apiToken");
                StringBuilder zones = new StringBuilder();
                hostPlatforms.forEach((host, zone) -> {
                    if (zone.matches("[A-Za-z0-9]{1,32}")) {
                        zones.append(zones.length() == 0 ? "" : ",").append(host).append('=').append(zone);
                    } else {
                        LOG.warn("{}: the Cloudflare platform '{}' of {} is not a zone id; its zone is looked up by "
                                + "name when purging", file, zone, host);
                    }
                });
                if (zones.length() > 0) {
                    put("cloudflare.zones", zones.toString(), line);
                }
                break;
            case "fastly":
                copy(config, "token", "fastly.apiToken");
                break;
            default:
                copy(config, "user", "highwinds.username");
                copy(config, "password", "highwinds.password");
                break;
        }
    }

    private void copy(Map<String, Node> config, String from, String to) {
        Node value = config.get(from);
        if (value != null && value.isText() && !value.text.isBlank()) {
            put(to, loader.interpolate(value, to), value.line);
        }
    }

    private static String text(Node node) {
        return node == null || !node.isText() ? null : node.text.trim();
    }
}
