package io.cdnpurge.cloudflare.internal;

import io.cdnpurge.http.Json;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.cloudflare.CloudflareConfig;
import io.cdnpurge.http.HttpJson;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.http.VendorResponse;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.VendorRequests;
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
 * then, when allowed, {@code GET /zones?name=} for the host and each parent domain, made by the engine as look-ups
 * and remembered per name, so a sibling host of a zone found before needs no request.
 */
final class ZoneResolver {
    private final Map<String, String> zones;
    private final String defaultZone;
    private final boolean lookup;
    private final OkHttpClient http;
    private final HttpSettings settings;
    private final CloudflareAuth auth;
    private final Clock clock;
    /** The default zone as a scope, made once: every target of a one-zone client has it. */
    private final Scope defaultScope;
    /** Zones found by look-up, by name; a name the vendor does not know is absent. */
    private final Map<String, String> found = new ConcurrentHashMap<>();

    ZoneResolver(Map<String, String> zones, String defaultZone, boolean lookup, OkHttpClient http,
                 HttpSettings settings, CloudflareAuth auth, Clock clock) {
        this.zones = zones;
        this.defaultZone = defaultZone;
        this.defaultScope = defaultZone == null ? null : Scope.of(defaultZone);
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

    /** The zone of a host when configuration or an earlier look-up tells it, else the look-up to make. */
    Scope scopeOf(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (!zones.isEmpty()) {
            for (String candidate : candidates(name)) {
                String zone = zones.get(candidate);
                if (zone != null) {
                    return Scope.of(zone);
                }
            }
        }
        if (defaultScope != null) {
            return defaultScope;
        }
        if (!lookup) {
            String p = settings.clientName() + ".";
            throw new InvalidConfigurationException("no Cloudflare zone for host '" + host + "': add it to " + p
                    + "zones, set " + p + "zoneId, or allow " + p + "zoneLookup");
        }
        // only the host itself: a parent's zone is not the host's until the host is known not to be a zone itself
        String zone = found.get(name);
        return zone != null ? Scope.of(zone) : Scope.lookUp(name, "zone of " + name);
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

    /** Asks Cloudflare for the zone of the host, then of each parent domain, until one is a zone. */
    String lookUp(String host, VendorRequests requests) {
        for (String candidate : candidates(host)) {
            String known = found.get(candidate);
            if (known != null) {
                found.put(host, known);
                return known;
            }
            Optional<String> zone = requests.send(PurgeEvent.Purpose.LOOKUP, "GET /zones?name=" + candidate,
                    () -> zoneNamed(candidate));
            if (zone.isPresent()) {
                // siblings (www. and cdn. of one zone) then find it with one look-up less
                found.put(candidate, zone.get());
                found.put(host, zone.get());
                return zone.get();
            }
        }
        throw new InvalidConfigurationException("no Cloudflare zone found for host '" + host + "' (looked up "
                + String.join(", ", candidates(host)) + "): add it to cloudflare.zones or set cloudflare.zoneId");
    }

    /** One {@code GET /zones?name=}: the id of the zone of exactly that name, if Cloudflare has one. */
    private Optional<String> zoneNamed(String name) {
        Request request = auth.apply(HttpJson.request()
                .url(settings.url("zones").addQueryParameter("name", name).addQueryParameter("per_page", "5").build())
                .get()).build();
        VendorResponse response = VendorResponse.execute(http, request, "cloudflare");
        if (!CloudflareErrors.succeeded(response)) {
            throw CloudflareErrors.of(response, clock, settings.clientName(), "(zone look-up of " + name + ")",
                    "a zone list");
        }
        Json result = response.json().path("result");
        if (!result.isArray()) {
            throw CloudflareErrors.unrecognised(response, "a zone list");
        }
        for (Json zone : result) {
            if (name.equalsIgnoreCase(zone.path("name").asText()) && zone.hasNonNull("id")) {
                String id = zone.path("id").asText();
                if (!id.matches(CloudflareConfig.ZONE_ID_PATTERN)) {
                    // it would become a segment of every purge call's path
                    throw new PurgeServiceException("Cloudflare's zone look-up of " + name + " answered an id that "
                            + "is not a zone id; set cloudflare.zones for this host", response.status(), null,
                            response.header("cf-ray").orElse(null), false, null);
                }
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
