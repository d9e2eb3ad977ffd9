package io.cdnpurge.highwinds.internal;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.RateLimit;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.highwinds.HighwindsScheme;
import io.cdnpurge.http.HttpJson;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.http.Json;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.CompletionCheck;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.TokenProvider;
import io.cdnpurge.spi.VendorRequests;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * StrikeTracker's purge calls: {@code POST /api/v1/accounts/{accountHash}/purge} with
 * {@code {"list":[{"url":"//cdn.example.com/a.css","recursive":false,"invalidateOnly":true,"purgeAllDynamic":true}]}}
 * (booleans as JSON booleans), answered {@code {"id": …}}; completion by {@code GET …/purge/{id}} until
 * {@code progress} reaches 1. Every request carries {@code Authorization: Bearer} and {@code X-Application-Id}. With a
 * user's password the token is minted at {@code POST /auth/token} through the engine and minted again when
 * StrikeTracker says it expired. The account is configured, or the user's from {@code GET /api/v1/users/me}.
 */
public final class HighwindsBackend implements PurgeBackend {
    /**
     * StrikeTracker's documented limit, 100 URIs per account in any 60 seconds, with one second more: the client counts
     * a request when it sends it, StrikeTracker when it arrives, so a request sent as the window reopens must not
     * arrive before it has.
     */
    static final RateLimit URL_WINDOW = RateLimit.slidingWindow("urls", RateLimit.Unit.ITEMS, 100,
            Duration.ofSeconds(61));
    private static final String ME = "me";

    private final String apiToken;
    private final String username;
    private final String password;
    private volatile String accountHash;
    private final String applicationId;
    private final boolean purgeAllDynamic;
    private final HighwindsScheme scheme;
    private final HttpSettings settings;
    private final Clock clock;
    private final OkHttpClient http;
    private final PurgeCapabilities capabilities;
    private final Secrets secrets;
    private final TokenProvider tokens;

    public HighwindsBackend(String apiToken, String username, String password, String accountHash,
                            String applicationId, boolean purgeAllDynamic, HighwindsScheme scheme, int urlsPerCall,
                            HttpSettings settings, Clock clock) {
        this.apiToken = apiToken;
        this.username = username;
        this.password = password;
        this.accountHash = accountHash;
        this.applicationId = applicationId;
        this.purgeAllDynamic = purgeAllDynamic;
        this.scheme = scheme;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpJson.client(settings);
        this.capabilities = capabilities(urlsPerCall);
        this.secrets = apiToken != null ? Secrets.of(apiToken) : Secrets.of(password);
        this.tokens = apiToken != null ? null : new TokenProvider(this::mint, secrets, clock, Duration.ofMinutes(1));
    }

    /** URLs, directories and hosts, soft or hard, {@code urlsPerCall} a request, paced by the 100-a-minute window. */
    public static PurgeCapabilities capabilities(int urlsPerCall) {
        return PurgeCapabilities.builder()
                .kind(Kind.URL, BatchLimit.items(urlsPerCall))
                .kind(Kind.PREFIX, BatchLimit.items(urlsPerCall))
                .kind(Kind.HOST, BatchLimit.items(urlsPerCall))
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE)
                .rateLimit(URL_WINDOW)
                .statusApi(true)
                .build();
    }

    @Override
    public String providerId() {
        return "highwinds";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        if (target.kind() == Kind.URL && !target.headers().isEmpty()) {
            return Optional.of(target + ": StrikeTracker purges a URL without cache-key headers; purge it without "
                    + "them, or with purgeAllDynamic its variants too");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> alternative(Kind kind) {
        if (kind == Kind.EVERYTHING) {
            return Optional.of("StrikeTracker purges URLs, directories and hosts: purge each host (PurgeTarget.host), a "
                    + "recursive purge of its root");
        }
        if (kind == Kind.TAG || kind == Kind.CP_CODE) {
            return Optional.of("StrikeTracker purges URLs, directories and hosts only; purge the objects' directory "
                    + "(PurgeTarget.prefix)");
        }
        return Optional.empty();
    }

    /** The account: configured, found once, or to be looked up from the user's profile. */
    @Override
    public Scope scope(PurgeTarget target) {
        String hash = accountHash;
        return hash != null ? Scope.of(hash) : Scope.lookUp(ME, "account of the user (GET /api/v1/users/me)");
    }

    @Override
    public String lookUp(String key, VendorRequests requests) {
        String hash = requests.send(PurgeEvent.Purpose.LOOKUP, "GET /api/v1/users/me", () -> {
            VendorResponse response = execute(new Request.Builder().url(settings.url("api", "v1", "users", "me")
                    .build()).get(), requests, "GET /api/v1/users/me");
            String found = response.json().path("accountHash").asText(null);
            if (found == null || !found.matches("[A-Za-z0-9]{8}")) {
                throw VendorErrors.unrecognised(providerId(), response, "{\"accountHash\":…}", null);
            }
            return found;
        });
        accountHash = hash;
        return hash;
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        return new PurgeCall() {
            @Override
            public PurgeBatch batch() {
                return batch;
            }

            @Override
            public String describe() {
                return "POST /api/v1/accounts/" + batch.scope() + "/purge list×" + batch.targets().size()
                        + (batch.mode() == PurgeMode.INVALIDATE ? " (invalidateOnly)" : "");
            }

            @Override
            public BatchResult send(VendorRequests requests) {
                return requests.send(PurgeEvent.Purpose.PURGE, null, () -> purge(batch, requests));
            }

            @Override
            public String toString() {
                return describe();
            }
        };
    }

    private BatchResult purge(PurgeBatch batch, VendorRequests requests) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PurgeTarget target : batch.targets()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("url", url(target));
            item.put("recursive", target.kind() != Kind.URL);
            item.put("invalidateOnly", batch.mode() == PurgeMode.INVALIDATE);
            item.put("purgeAllDynamic", purgeAllDynamic);
            list.add(item);
        }
        String what = "POST /api/v1/accounts/" + batch.scope() + "/purge";
        VendorResponse response = execute(new Request.Builder().url(settings.url("api", "v1", "accounts",
                batch.scope(), "purge").build()).post(HttpJson.jsonBody(Map.of("list", list))), requests, what);
        String id = response.json().path("id").asText(null);
        if (id == null || id.isBlank()) {
            // the official client treats an answer without an id as a failed purge
            throw VendorErrors.unrecognised(providerId(), response, "{\"id\":…}", null);
        }
        String scope = batch.scope();
        return BatchResult.builder(response.status()).reference(id)
                .completion(check -> check.send(PurgeEvent.Purpose.STATUS, "GET /api/v1/accounts/" + scope
                        + "/purge/" + id, () -> progress(scope, id, check) >= 1.0 ? TargetOutcome.Status.SUCCEEDED
                        : TargetOutcome.Status.IN_PROGRESS))
                .build();
    }

    /**
     * {@code GET /api/v1/users/me}: the credential works (a password grant mints its token first), and the user's
     * account and roles. StrikeTracker does not document which role a purge needs; purging is a content feature,
     * so the {@code content} role is shown, and anything but {@code EDIT} is flagged.
     */
    @Override
    public AccessCheck checkAccess(String clientName, VendorRequests requests) {
        Json me = requests.send(PurgeEvent.Purpose.ACCESS, "GET /api/v1/users/me", () -> execute(
                new Request.Builder().url(settings.url("api", "v1", "users", "me").build()).get(), requests,
                "GET /api/v1/users/me").json());
        String user = me.path("username").asText("?");
        String home = me.path("accountHash").asText("?");
        String account = accountHash == null ? home : accountHash;
        Json roles = me.path("roles").path(account.equals(home) ? "userAccount" : "subaccounts");
        String content = roles.path("content").asText("not shown");
        String detail = "the credential works: user " + user + " of account " + home
                + (account.equals(home) ? "" : ", purging sub-account " + account) + ", content role " + content;
        if (!content.equalsIgnoreCase("EDIT")) {
            detail += "; purging is a content feature and likely needs EDIT: ask the account's administrator";
        }
        return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, detail);
    }

    /** {@code GET …/purge/{id}} of a purge job by its id, in the account given, else this client's. */
    @Override
    public Optional<CompletionCheck> completionCheck(String reference, String scope) {
        if (!reference.matches("[A-Za-z0-9-]{1,128}")) {
            throw new IllegalArgumentException("'" + reference + "' is not a StrikeTracker purge job id");
        }
        String account = scope == null || scope.isBlank() ? accountHash : scope.trim();
        if (account == null) {
            throw new IllegalArgumentException("StrikeTracker needs the account of purge job " + reference + ": give "
                    + "its scope (the account hash), or set " + settings.clientName() + ".accountHash");
        }
        if (!account.matches("[A-Za-z0-9]{8}")) {
            throw new IllegalArgumentException("'" + account + "' is not a StrikeTracker account hash (8 letters "
                    + "and digits)");
        }
        return Optional.of(requests -> requests.send(PurgeEvent.Purpose.STATUS, "GET /api/v1/accounts/" + account
                + "/purge/" + reference, () -> progress(account, reference, requests) >= 1.0
                ? TargetOutcome.Status.SUCCEEDED : TargetOutcome.Status.IN_PROGRESS));
    }

    private double progress(String scope, String id, VendorRequests requests) {
        VendorResponse response = execute(new Request.Builder().url(settings.url("api", "v1", "accounts", scope,
                "purge", id).build()).get(), requests, "GET /api/v1/accounts/" + scope + "/purge/" + id);
        Json progress = response.json().path("progress");
        if (!progress.isNumber()) {
            throw VendorErrors.unrecognised(providerId(), response, "{\"progress\":0.0…1.0}", null);
        }
        return progress.asDouble(0);
    }

    /**
     * Sends one request with the bearer token and the application id; any answer but 2xx becomes an error. A minted
     * token StrikeTracker calls unauthorised is dropped, so the engine's one repeat mints a new one.
     */
    private VendorResponse execute(Request.Builder builder, VendorRequests requests, String what) {
        String bearer = apiToken != null ? apiToken : tokens.token(requests);
        Request request = builder.header("Authorization", "Bearer " + bearer)
                .header("X-Application-Id", applicationId)
                .header("Accept", "application/json").header("User-Agent", HttpJson.userAgent()).build();
        VendorResponse response = VendorResponse.execute(http, request, providerId());
        if (response.successful()) {
            return response;
        }
        PurgeServiceException error = HighwindsErrors.of(response, clock, settings.clientName(), tokens != null,
                what);
        if (tokens != null && response.status() == 401) {
            tokens.expired(bearer);
            throw new PurgeAuthenticationException(error.getMessage(), 401, error.vendorCode().orElse(null), null,
                    true);
        }
        throw error;
    }

    /** {@code POST /auth/token} with the user's password: the password grant of StrikeTracker's own client. */
    private TokenProvider.Token mint(VendorRequests requests) {
        return requests.send(PurgeEvent.Purpose.TOKEN, "POST /auth/token", () -> {
            Request request = HttpJson.request().url(settings.url("auth", "token").build())
                    .header("X-Application-Id", applicationId)
                    .post(new FormBody.Builder().add("grant_type", "password").add("username", username)
                            .add("password", password).build()).build();
            VendorResponse response = VendorResponse.execute(http, request, providerId());
            if (!response.successful()) {
                throw HighwindsErrors.of(response, clock, settings.clientName(), true, "POST /auth/token");
            }
            String token = response.json().path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                throw VendorErrors.unrecognised(providerId(), response, "{\"access_token\":…}", null);
            }
            Json expiresIn = response.json().path("expires_in");
            return new TokenProvider.Token(token, expiresIn.canConvertToLong()
                    ? clock.instant().plusSeconds(expiresIn.asLong()) : null);
        });
    }

    /** The URL of a target as StrikeTracker takes it: protocol-relative unless the scheme is kept; a host's root. */
    String url(PurgeTarget target) {
        String value = target.kind() == Kind.HOST ? "//" + target.value() + "/" : target.value();
        if (scheme == HighwindsScheme.BOTH || target.kind() == Kind.HOST) {
            int colon = value.indexOf("://");
            return colon < 0 ? value : value.substring(colon + 1);
        }
        return value;
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
        return "HighwindsBackend{" + settings.endpoint() + ", " + (apiToken != null ? "token" : "user " + username)
                + "=[REDACTED]}";
    }
}
