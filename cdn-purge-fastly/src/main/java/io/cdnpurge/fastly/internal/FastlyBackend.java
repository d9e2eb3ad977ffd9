package io.cdnpurge.fastly.internal;

import java.util.ArrayList;
import io.cdnpurge.spi.VendorRequests;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.AccessCheck;
import io.cdnpurge.http.Json;
import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.RateLimit;
import io.cdnpurge.http.HttpJson;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fastly's purge calls: {@code POST /purge/{host}{path}} for one URL, {@code POST /service/{id}/purge} with
 * {@code {"surrogate_keys":[…]}} for keys, {@code POST /service/{id}/purge_all} for everything. A soft purge
 * ({@link PurgeMode#INVALIDATE}) adds {@code Fastly-Soft-Purge: 1}.
 */
public final class FastlyBackend implements PurgeBackend {
    static final String SOFT_PURGE = "Fastly-Soft-Purge";

    private final String token;
    private final HttpSettings settings;
    private final OkHttpClient http;
    private final FastlyServices services;
    private final Clock clock;
    private final PurgeCapabilities capabilities;
    private final Secrets secrets;

    public FastlyBackend(String token, HttpSettings settings, int keysPerCall, Map<String, String> serviceMap,
                         String defaultService, Clock clock) {
        this.token = token;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpJson.client(settings);
        this.services = new FastlyServices(serviceMap, defaultService);
        this.capabilities = capabilities(keysPerCall);
        this.secrets = Secrets.of(token);
    }

    /**
     * What Fastly can purge: one URL per call, up to {@code keysPerCall} surrogate keys per call, or a whole
     * service; soft or hard. Only purge-all counts against Fastly's 1,000 writes an hour: URL and key purges are
     * exempt.
     */
    public static PurgeCapabilities capabilities(int keysPerCall) {
        return PurgeCapabilities.builder()
                .kind(Kind.URL, BatchLimit.items(1))
                .kind(Kind.TAG, BatchLimit.items(keysPerCall))
                .kind(Kind.EVERYTHING, BatchLimit.items(1))
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE)
                .rateLimit(RateLimit.requests("purgeAll", 1000, Duration.ofHours(1), 1000).forKinds(Kind.EVERYTHING))
                .statusApi(false)
                .build();
    }

    @Override
    public String providerId() {
        return "fastly";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        switch (target.kind()) {
            case URL:
                if (!target.headers().isEmpty()) {
                    return Optional.of(target + ": Fastly purges a URL by host and path only, without cache-key "
                            + "headers; purge the URL without headers, or give its variants a surrogate key and "
                            + "purge that");
                }
                if (hasEncodedSeparator(target.value())) {
                    return Optional.of(target + ": its path has an encoded slash or backslash (%2F, %5C), and "
                            + "Fastly's purge API takes the URL in its own request path, where a server may read it "
                            + "as a separator; give the object a surrogate key and purge that (PurgeTarget.tag)");
                }
                return Optional.empty();
            case TAG:
                // Fastly's key rules (printable ASCII, at most 1,024 bytes) are the engine's tag rules already
                return needsService(target);
            case EVERYTHING:
                if (request.mode() == PurgeMode.INVALIDATE) {
                    return Optional.of("Fastly cannot soft-purge a whole service: purge everything with "
                            + "PurgeMode.DELETE, or soft-purge a surrogate key every object carries");
                }
                return needsService(target);
            default:
                return Optional.empty();
        }
    }

    @Override
    public Optional<String> alternative(Kind kind) {
        if (kind == Kind.PREFIX || kind == Kind.HOST) {
            return Optional.of("Fastly purges one URL, a surrogate key or a whole service; have the origin send a "
                    + "Surrogate-Key for the " + (kind == Kind.PREFIX ? "directory" : "host") + " and purge that "
                    + "key (PurgeTarget.tag)");
        }
        return Optional.empty();
    }

    private Optional<String> needsService(PurgeTarget target) {
        if (services.serviceWide().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(target + " needs a Fastly service, and surrogate keys and purge-all are per service: set "
                + settings.clientName() + ".serviceId (use one client per service to purge several)");
    }

    @Override
    public Scope scope(PurgeTarget target) {
        if (target.kind() == Kind.URL) {
            return Scope.of(services.ofHost(target.hostName().orElseThrow()));
        }
        return Scope.of(services.serviceWide().orElseThrow(() -> new IllegalStateException("no service for "
                + target)));
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        return PurgeCall.of(batch, () -> describe(batch), () -> purge(batch));
    }

    private String describe(PurgeBatch batch) {
        String soft = soft(batch) ? " (soft)" : "";
        switch (batch.kind()) {
            case URL:
                HttpUrl url = url(batch);
                return "POST " + url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery())
                        + soft;
            case TAG:
                return "POST /service/" + batch.scope() + "/purge surrogate_keys×" + batch.targets().size() + soft;
            default:
                return "POST /service/" + batch.scope() + "/purge_all";
        }
    }

    /**
     * {@code GET /tokens/self}: the token's scopes and services. URL and key purges need {@code purge_select} (or
     * {@code global}), purge-all {@code purge_all} (or {@code global}), and a token limited to services must list this
     * client's. A {@code global} token acts with its user's role, asked with {@code GET /current_user}: engineers and
     * superusers purge, users and billing users do not.
     * (<a href="https://www.fastly.com/documentation/reference/api/auth-tokens/user/">Fastly tokens</a>)
     */
    @Override
    public AccessCheck checkAccess(String clientName, VendorRequests requests) {
        Json self = get("/tokens/self", requests);
        List<String> scopes = new ArrayList<>();
        if (self.path("scopes").isArray()) {
            for (Json scope : self.path("scopes")) {
                scopes.add(scope.asText(""));
            }
        } else {
            scopes.addAll(List.of(self.path("scope").asText("").trim().split("\\s+")));
        }
        List<String> allowed = new ArrayList<>();
        for (Json service : self.path("services")) {
            allowed.add(service.asText(""));
        }
        List<String> missing = new ArrayList<>();
        for (String mine : services.all()) {
            if (!allowed.isEmpty() && !allowed.contains(mine)) {
                missing.add(mine);
            }
        }
        if (!missing.isEmpty()) {
            return AccessCheck.of(clientName, AccessCheck.Verdict.DENIED, "the token may act only on services "
                    + allowed + ", not " + String.join(", ", missing) + " (" + clientName + ".serviceId/services): "
                    + "make a token for " + (missing.size() == 1 ? "that service" : "those services"));
        }
        boolean global = scopes.contains("global");
        boolean select = global || scopes.contains("purge_select");
        boolean all = global || scopes.contains("purge_all");
        if (!select && !all) {
            return AccessCheck.of(clientName, AccessCheck.Verdict.DENIED, "the token's scopes " + scopes + " do not "
                    + "purge: give it purge_select (URLs and keys) and purge_all (everything), or global");
        }
        String where = allowed.isEmpty() ? "every service" : "services " + allowed;
        if (!select) {
            return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "scopes " + scopes + ": may purge "
                    + "everything on " + where + ", but not URLs or keys: those need purge_select");
        }
        String what = all ? "URLs, keys and everything" : "URLs and keys (not everything: that needs purge_all)";
        if (global) {
            String role = get("/current_user", requests).path("role").asText("");
            if (role.equals("engineer") || role.equals("superuser")) {
                return AccessCheck.of(clientName, AccessCheck.Verdict.CONFIRMED, "global token of a " + role
                        + ": may purge " + what + " on " + where);
            }
            // a user (or billing) role purges only where an administrator allowed it per service
            return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "global token of a '" + role
                    + "': Fastly lets that role purge only services where it is allowed; an engineer or superuser "
                    + "token purges everywhere");
        }
        return AccessCheck.of(clientName, AccessCheck.Verdict.CONFIRMED, "scopes " + scopes + ": may purge " + what
                + " on " + where);
    }

    private Json get(String path, VendorRequests requests) {
        return requests.send(PurgeEvent.Purpose.ACCESS, "GET " + path, () -> {
            VendorResponse response = VendorResponse.execute(http, HttpJson.request().header("Fastly-Key", token)
                    .url(settings.url(path.substring(1).split("/")).build()).get().build(), providerId());
            if (!response.successful()) {
                throw VendorErrors.builder(providerId(), response, clock)
                        .message(response.json().path("msg").asText(response.body()))
                        .advice(response.status() == 401 ? "Check " + settings.clientName() + ".apiToken: the token "
                                + "is unknown, expired or revoked" : null)
                        .build();
            }
            return response.json();
        });
    }

    private BatchResult purge(PurgeBatch batch) {
        Request.Builder request = HttpJson.request().header("Fastly-Key", token).url(url(batch));
        if (soft(batch)) {
            request.header(SOFT_PURGE, "1");
        }
        if (batch.kind() == Kind.TAG) {
            List<String> keys = batch.targets().stream().map(PurgeTarget::value).collect(Collectors.toList());
            request.post(HttpJson.jsonBody(Map.of("surrogate_keys", keys)));
        } else {
            request.post(RequestBody.create(new byte[0], null));
        }
        VendorResponse response = VendorResponse.execute(http, request.build(), providerId());
        if (!FastlyErrors.succeeded(response)) {
            throw FastlyErrors.of(response, batch, clock, settings.clientName());
        }
        if (!FastlyErrors.acknowledged(response, batch)) {
            throw VendorErrors.unrecognised(providerId(), response, FastlyErrors.acknowledgement(batch), null);
        }
        Json json = response.json();
        BatchResult.Builder result = BatchResult.builder(response.status());
        if (batch.kind() == Kind.TAG) {
            for (PurgeTarget target : batch.targets()) {
                result.targetReference(target, json.path(target.value()).asText());
            }
        } else {
            result.reference(json.path("id").isTextual() ? json.path("id").asText() : null);
        }
        // URL and key purges are exempt from the hourly write limit: its state must not hold them back
        if (batch.kind() == Kind.EVERYTHING) {
            FastlyErrors.rateLimitRemaining(response).ifPresent(remaining -> result.rateLimit(remaining,
                    FastlyErrors.untilReset(response, clock).orElse(null)));
        }
        return result.build();
    }

    /**
     * {@code /purge/{host}{path}?{query}} keeps the URL's own encoding: {@code %20} stays {@code %20}. The target is
     * canonical (no dot segments, see {@link PurgeTarget#url(String)}), and the built path is checked to be exactly
     * the purge endpoint of that host and path, so no URL can reach another endpoint of Fastly's API.
     */
    private HttpUrl url(PurgeBatch batch) {
        switch (batch.kind()) {
            case URL:
                PurgeTarget target = batch.targets().get(0);
                URI uri = URI.create(target.value());
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                HttpUrl.Builder builder = settings.url("purge", target.hostName().orElseThrow());
                String base = builder.build().encodedPath();
                builder.addEncodedPathSegments(path.substring(1));
                if (uri.getRawQuery() != null) {
                    builder.encodedQuery(uri.getRawQuery());
                }
                HttpUrl url = builder.build();
                if (!url.encodedPath().equals(base + path) || hasEncodedSeparator(target.value())) {
                    throw new PurgeException("refused to send " + target + ": its path would become "
                            + url.encodedPath() + " instead of " + base + path + "; nothing was sent");
                }
                return url;
            case TAG:
                return settings.url("service", batch.scope(), "purge").build();
            default:
                return settings.url("service", batch.scope(), "purge_all").build();
        }
    }

    /** Whether the path of a URL has {@code %2F} or {@code %5C} in any case. */
    static boolean hasEncodedSeparator(String url) {
        int query = url.indexOf('?');
        String upTo = (query < 0 ? url : url.substring(0, query)).toUpperCase(java.util.Locale.ROOT);
        return upTo.contains("%2F") || upTo.contains("%5C");
    }

    private static boolean soft(PurgeBatch batch) {
        return batch.mode() == PurgeMode.INVALIDATE && batch.kind() != Kind.EVERYTHING;
    }

    @Override
    public Secrets secrets() {
        return secrets;
    }

    @Override
    public void close() {
        // the OkHttp pool is shared by every client and reaps idle connections itself
    }

    @Override
    public String toString() {
        return "FastlyBackend{" + settings.endpoint() + ", token=[REDACTED]}";
    }
}
