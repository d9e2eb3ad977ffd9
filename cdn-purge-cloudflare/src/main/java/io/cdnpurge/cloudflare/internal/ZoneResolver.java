package io.cdnpurge.cloudflare.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.cloudflare.CloudflareConfig;
import io.cdnpurge.http.HttpJson;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.http.VendorResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the zone of a host name: the configured map first (a name covers its subdomains), then the default zone,
 * then, when allowed, {@code GET /zones?name=} for the host and each parent domain, once per host.
 */
final class ZoneResolver {
    private final Map<String, String> zones;
    private final String defaultZone;
    private final boolean lookup;
    private final OkHttpClient http;
    private final HttpSettings settings;
    private final CloudflareAuth auth;
    private final Clock clock;
    private final Map<String, String> found = new ConcurrentHashMap<>();

    ZoneResolver(Map<String, String> zones, String defaultZone, boolean lookup, OkHttpClient http,
                 HttpSettings settings, CloudflareAuth auth, Clock clock) {
        this.zones = zones;
        this.defaultZone = defaultZone;
        this.lookup = lookup;
        this.http = http;
        this.settings = settings;
        this.auth = auth;
        this.clock = clock;
    }

    /** The zone of tag and purge-everything targets: the default zone, or the only configured one. */
    Optional<String> accountWideZone() {
        if (defaultZone != null) {
            return Optional.of(defaultZone);
        }
        if (zones.size() == 1 || (!zones.isEmpty() && zones.values().stream().distinct().count() == 1)) {
            return Optional.of(zones.values().iterator().next());
        }
        return Optional.empty();
    }

    String zoneOf(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String candidate : candidates(name)) {
            String zone = zones.get(candidate);
            if (zone != null) {
                return zone;
            }
        }
        if (defaultZone != null) {
            return defaultZone;
        }
        if (!lookup) {
            throw new InvalidConfigurationException("no Cloudflare zone for host '" + host + "': add it to "
                    + "cloudflare.zones, set cloudflare.zoneId, or allow cloudflare.zoneLookup");
        }
        String zone = found.get(name);
        if (zone == null) {
            zone = lookUp(name);
            found.put(name, zone);
        }
        return zone;
    }

    /** {@code a.b.example.com} → {@code a.b.example.com, b.example.com, example.com}. */
    private static List<String> candidates(String host) {
        List<String> names = new ArrayList<>();
        String name = host;
        while (true) {
            names.add(name);
            int dot = name.indexOf('.');
            if (dot < 0 || name.indexOf('.', dot + 1) < 0) {
                return names;
            }
            name = name.substring(dot + 1);
        }
    }

    private String lookUp(String host) {
        for (String candidate : candidates(host)) {
            String known = found.get(candidate);
            if (known != null) {
                return known;
            }
            Request request = auth.apply(HttpJson.request()
                    .url(settings.url("zones").addQueryParameter("name", candidate)
                            .addQueryParameter("per_page", "5").build())
                    .get()).build();
            VendorResponse response = VendorResponse.execute(http, request, "cloudflare");
            if (!CloudflareErrors.succeeded(response)) {
                PurgeException error = CloudflareErrors.of(response, clock, "(zone look-up of " + candidate + ")");
                throw error;
            }
            for (JsonNode zone : response.json().path("result")) {
                if (candidate.equalsIgnoreCase(zone.path("name").asText()) && zone.hasNonNull("id")) {
                    String id = zone.path("id").asText();
                    if (!id.matches(CloudflareConfig.ZONE_ID)) {
                        // it would become a segment of every purge call's path
                        throw new PurgeServiceException("Cloudflare's zone look-up of " + candidate
                                + " answered an id that is not a zone id; set cloudflare.zones for this host",
                                response.status(), null, response.header("cf-ray").orElse(null), false, null);
                    }
                    // siblings (www. and cdn. of one zone) then find it without another look-up
                    found.put(candidate, id);
                    return id;
                }
            }
        }
        throw new InvalidConfigurationException("no Cloudflare zone found for host '" + host + "' (looked up "
                + String.join(", ", candidates(host)) + "): add it to cloudflare.zones or set cloudflare.zoneId");
    }
}
