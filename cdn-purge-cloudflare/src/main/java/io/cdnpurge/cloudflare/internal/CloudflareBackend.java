package io.cdnpurge.cloudflare.internal;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.RateLimit;
import io.cdnpurge.cloudflare.CloudflarePlan;
import io.cdnpurge.http.HttpJson;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.http.Json;
import io.cdnpurge.http.VendorResponse;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.VendorRequests;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare's purge call: {@code POST /zones/{zone_id}/purge_cache} with exactly one of {@code files},
 * {@code tags}, {@code hosts}, {@code prefixes} or {@code purge_everything}.
 */
public final class CloudflareBackend implements PurgeBackend {
    /** Cloudflare's prefix rule: at most 31 path separators. */
    static final int MAX_PREFIX_SEPARATORS = 31;
    private static final Pattern RATELIMIT = Pattern.compile("r=(\\d+).*?t=(\\d+)");
    /** Cloudflare's API limit of 1,200 requests per five minutes per token, here for the zone look-ups. */
    static final RateLimit API_LIMIT = RateLimit.slidingWindow("api", RateLimit.Unit.REQUESTS, 1200,
            Duration.ofMinutes(5)).queriesOnly();

    private final PurgeCapabilities capabilities;
    private final CloudflareAuth auth;
    private final HttpSettings settings;
    private final OkHttpClient http;
    /** The purge URL of each zone, built once: a zone id is checked and encoded as one path segment. */
    private final Map<String, HttpUrl> purgeUrls;
    private final ZoneResolver zones;
    private final Clock clock;
    private final Secrets secrets;

    public CloudflareBackend(CloudflareAuth auth, HttpSettings settings, CloudflarePlan plan, int urlsPerCall,
                             int itemsPerCall, Map<String, String> zoneMap, String defaultZone, boolean zoneLookup,
                             Clock clock) {
        this.auth = auth;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpJson.client(settings);
        this.purgeUrls = new ConcurrentHashMap<>();
        this.zones = new ZoneResolver(zoneMap, defaultZone, zoneLookup, http, settings, auth, clock);
        this.capabilities = capabilities(plan, urlsPerCall, itemsPerCall);
        this.secrets = Secrets.of(auth.secrets());
    }

    /** What Cloudflare can purge with a plan's limits. No soft mode, prefetch or staging exists. */
    public static PurgeCapabilities capabilities(CloudflarePlan plan, int urlsPerCall, int itemsPerCall) {
        return PurgeCapabilities.builder()
                .kind(Kind.URL, BatchLimit.items(urlsPerCall))
                .kind(Kind.TAG, BatchLimit.items(itemsPerCall))
                .kind(Kind.HOST, BatchLimit.items(itemsPerCall))
                .kind(Kind.PREFIX, BatchLimit.items(itemsPerCall))
                .kind(Kind.EVERYTHING, BatchLimit.items(1))
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE)
                .rateLimits(plan.rateLimits())
                // zone look-ups count against the API's own limit, not the purge buckets
                .rateLimit(API_LIMIT)
                .statusApi(false)
                .build();
    }

    @Override
    public String providerId() {
        return "cloudflare";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        switch (target.kind()) {
            case TAG:
            case EVERYTHING:
                if (zones.accountWideZone().isEmpty()) {
                    return Optional.of(target + " needs a zone, and tags and everything are not tied to a host "
                            + "name: set cloudflare.zoneId");
                }
                return Optional.empty();
            case URL:
                if (target.value().indexOf('*') >= 0) {
                    return Optional.of("url " + target.value() + " has a '*': Cloudflare purges URLs literally, "
                            + "with no wildcards; purge a prefix with prefix() instead");
                }
                return Optional.empty();
            case PREFIX:
                String prefix = withoutScheme(target.value());
                long separators = prefix.chars().filter(c -> c == '/').count();
                if (separators > MAX_PREFIX_SEPARATORS) {
                    return Optional.of("prefix " + target.value() + " has " + separators + " path separators; "
                            + "Cloudflare allows at most " + MAX_PREFIX_SEPARATORS);
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    @Override
    public Scope scope(PurgeTarget target) {
        switch (target.kind()) {
            case URL:
            case PREFIX:
            case HOST:
                return zones.scopeOf(target.hostName().orElseThrow());
            default:
                return Scope.of(zones.accountWideZone().orElseThrow());
        }
    }

    /**
     * An API token: {@code GET /user/tokens/verify}, whose {@code result.status} is {@code active}, {@code disabled}
     * or {@code expired}. A token shows its permissions only to one that may read tokens, so Cache Purge on the zone
     * is not shown. The legacy key: {@code GET /user}, which proves the email and key.
     * (<a href="https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/">Verify
     * Token</a>)
     */
    @Override
    public AccessCheck checkAccess(String clientName, VendorRequests requests) {
        if (!auth.isToken()) {
            Json user = get(requests, clientName, "user");
            return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "the email and global API key "
                    + "work (user " + user.path("id").asText("?") + "); the key may do what its user may");
        }
        Json result;
        String owner = "";
        try {
            result = get(requests, clientName, "user", "tokens", "verify");
        } catch (PurgeServiceException e) {
            Optional<String> zone = zones.accountWideZone();
            if (!"1000".equals(e.vendorCode().orElse(null))) {
                throw e;
            }
            if (zone.isEmpty()) {
                throw unknownToken(e, clientName, "no single zone is configured to find its account by");
            }
            // a token an account owns is unknown to the user endpoint: its account's endpoint knows it
            String account;
            try {
                account = get(requests, clientName, "zones", zone.get()).path("account").path("id").asText("");
            } catch (PurgeServiceException zoneRefused) {
                // the zone refuses it too: a mistyped or revoked token, or an account's token without Zone Read
                throw unknownToken(e, clientName, "it may not read zone " + zone.get() + " either");
            }
            if (account.isEmpty()) {
                throw e;
            }
            result = get(requests, clientName, "accounts", account, "tokens", "verify");
            owner = " (owned by account " + account + ")";
        }
        String status = result.path("status").asText("");
        String expires = result.path("expires_on").isTextual() ? result.path("expires_on").asText() : null;
        if (!status.equals("active")) {
            return AccessCheck.of(clientName, AccessCheck.Verdict.DENIED, "the API token" + owner + " is "
                    + (status.isEmpty() ? "not active" : status) + (expires == null ? "" : " (expires_on " + expires
                    + ")") + ": make a new token with Zone · Cache Purge and set " + clientName + ".apiToken");
        }
        return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "the API token" + owner
                + " is active" + (expires == null ? "" : " until " + expires) + "; Cloudflare shows its Zone · "
                + "Cache Purge permission only to a token that may read tokens");
    }

    /**
     * Cloudflare's "Invalid API Token", with what it can mean: a mistyped, revoked or deleted token, or a token an
     * account owns that the check could not reach its account for.
     */
    private static io.cdnpurge.PurgeAuthenticationException unknownToken(PurgeServiceException said,
                                                                         String clientName, String why) {
        return new io.cdnpurge.PurgeAuthenticationException(said.getMessage() + ". Cloudflare's user endpoint does "
                + "not know the token, and " + why + ": it is mistyped, revoked or deleted (set " + clientName
                + ".apiToken to a current one), or it is an account's token without Zone Read on the zone (grant it "
                + "to let the check reach the account)", said.httpStatus(), said.vendorCode().orElse(null),
                said.requestId().orElse(null));
    }

    /** One read-only {@code GET} of the API, its {@code result}. */
    private Json get(VendorRequests requests, String clientName, String... segments) {
        String what = "GET /" + String.join("/", segments);
        return requests.send(PurgeEvent.Purpose.ACCESS, what, () -> {
            Request request = auth.apply(HttpJson.request().url(settings.url(segments).build()).get()).build();
            VendorResponse response = VendorResponse.execute(http, request, "cloudflare");
            if (!CloudflareErrors.succeeded(response)) {
                throw CloudflareErrors.of(response, clock, clientName, "(credential check: " + what + ")",
                        "a result");
            }
            return response.json().path("result");
        });
    }

    @Override
    public String lookUp(String host, VendorRequests requests) {
        return zones.lookUp(host, requests);
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        return PurgeCall.of(batch, () -> "POST /zones/" + batch.scope() + "/purge_cache " + key(batch.kind()) + "×"
                + batch.targets().size(), () -> purge(batch));
    }

    private BatchResult purge(PurgeBatch batch) {
        Request request = auth.apply(HttpJson.request()
                .url(purgeUrls.computeIfAbsent(batch.scope(), zone -> settings.url("zones", zone, "purge_cache")
                        .build()))
                .post(HttpJson.jsonBody(body(batch)))).build();
        VendorResponse response = VendorResponse.execute(http, request, "cloudflare");
        if (!CloudflareErrors.succeeded(response)) {
            throw CloudflareErrors.of(response, clock, settings.clientName(), batch.scope(), "the purge's result.id");
        }
        BatchResult.Builder result = BatchResult.builder(response.status())
                .reference(response.json().path("result").path("id").asText(null))
                .requestId(response.header("cf-ray").orElse(null));
        response.header("Ratelimit").ifPresent(header -> {
            Matcher matcher = RATELIMIT.matcher(header);
            if (matcher.find()) {
                result.rateLimit(Integer.valueOf(matcher.group(1)), Duration.ofSeconds(Long.parseLong(matcher.group(2))));
            }
        });
        return result.build();
    }

    /** The JSON body: one purge key per request, as Cloudflare's API requires. */
    static Map<String, Object> body(PurgeBatch batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Object> items = new ArrayList<>(batch.targets().size());
        switch (batch.kind()) {
            case URL:
                boolean withHeaders = batch.targets().stream().anyMatch(t -> !t.headers().isEmpty());
                for (PurgeTarget target : batch.targets()) {
                    if (!withHeaders) {
                        items.add(target.value());
                    } else if (target.headers().isEmpty()) {
                        // a null or empty headers map is refused; omitting it is accepted
                        items.add(Map.of("url", target.value()));
                    } else {
                        items.add(Map.of("url", target.value(), "headers", target.headers()));
                    }
                }
                break;
            case PREFIX:
                batch.targets().forEach(target -> items.add(withoutScheme(target.value())));
                break;
            case EVERYTHING:
                body.put("purge_everything", true);
                return body;
            default:
                batch.targets().forEach(target -> items.add(target.value()));
        }
        body.put(key(batch.kind()), items);
        return body;
    }

    private static String key(Kind kind) {
        switch (kind) {
            case URL: return "files";
            case TAG: return "tags";
            case HOST: return "hosts";
            case PREFIX: return "prefixes";
            case EVERYTHING: return "purge_everything";
            default: throw new IllegalArgumentException("cloudflare has no purge key for " + kind);
        }
    }

    /** Cloudflare prefixes are {@code host/path}: no scheme. */
    static String withoutScheme(String url) {
        int separator = url.indexOf("://");
        return separator < 0 ? url : url.substring(separator + 3);
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
        return "CloudflareBackend{" + settings.endpoint() + ", " + auth + "}";
    }
}
