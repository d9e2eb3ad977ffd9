package io.cdnpurge.fakes.cloudflare;

import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.internal.FakeTokenBucket;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.fakes.internal.NoDelayServerSocketFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.Failure;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.METHOD_NOT_ALLOWED;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.NO_ROUTE;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.UNKNOWN_ZONE;

/**
 * A fake of Cloudflare's cache-purge API (v4) on a local {@link MockWebServer}, strict enough to prove a client
 * correct: it checks auth, zone, body shape and per-call limits the way Cloudflare does, answers with Cloudflare's
 * envelope, and records every purge call.
 *
 * <pre>{@code
 * try (FakeCloudflareApi cloudflare = FakeCloudflareApi.start()
 *         .apiToken("test-token")
 *         .zone("023e105f4ecef8ad9ca31a8372d0c353", "example.com")) {
 *     cloudflare.throttleNext(1, Duration.ofSeconds(2));
 *     // point the client at cloudflare.endpoint() and purge ...
 *     assertThat(cloudflare.purgedUrls()).containsExactly("https://example.com/a.css");
 * }
 * }</pre>
 *
 * <p>Routes, relative to {@link #endpoint()}: {@code POST /zones/{zone_id}/purge_cache} and
 * {@code GET /zones?name=}; any other path gets 400/7000. Purge checks run in this order, and the first failure
 * answers:
 * <ol>
 *   <li>a scripted answer ({@link #throttleNext}, {@link #failNext}, ...) replaces everything below;</li>
 *   <li>a method other than POST: 405, code 7001;</li>
 *   <li>auth: no credentials, or a key without its email, 400/9106; an API token sent as {@code X-Auth-Key}
 *       400/6003 (chain 6103); anything not registered 403/10000;</li>
 *   <li>unknown zone: 400/7003;</li>
 *   <li>{@link #rateLimit}, if set: 429/971 with {@code Retry-After};</li>
 *   <li>body: not {@code application/json} 400/6003 (chain 6105); not a JSON object 400/6007; no purge key, several
 *       purge keys or any other key 400/1012; a value of the wrong type 400/1014; an empty list 400/1012; more
 *       items than {@link #maxUrlsPerCall}/{@link #maxItemsPerCall} 400/1018; a relative or non-http(s) URL, bad
 *       file headers, a host with a scheme or path, a prefix with a scheme, query or fragment 400/1012; a tag
 *       over 1,024 characters or not printable ASCII: <b>200</b> with {@code success:false}, codes 1100 or 1315
 *       then 1016.</li>
 * </ol>
 * Codes 6007, 6105, 7001, 971 and 1018, and 1012 beyond "no purge key", are the fake's choice: Cloudflare does not
 * document them. Every answer that is sent carries a {@code cf-ray} header and
 * {@code Content-Type: application/json}.
 *
 * <p>Thread-safe: configure, script and inspect from any thread while the client sends concurrently.
 */
public final class FakeCloudflareApi implements FakeVendorApi {

    private static final String BASE_PATH = "/client/v4";

    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final List<String> requestLines = new ArrayList<>();
    private final java.util.ArrayDeque<Failure> lookupScript = new java.util.ArrayDeque<>();
    /** The account every zone of the fake belongs to. */
    static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final int UNKNOWN_ZONE_CODE = 7003;
    private final FakeCloudflareAuth auth = new FakeCloudflareAuth();
    private final Map<String, String> zones = new LinkedHashMap<>();
    private final ArrayDeque<Scripted> script = new ArrayDeque<>();
    private final List<CloudflarePurgeCall> purgeCalls = new ArrayList<>();
    private int maxUrlsPerCall = 30;
    private int maxItemsPerCall = 100;
    private FakeTokenBucket rateLimit;
    private int requestCount;
    private int zoneLookups;
    private final List<String> tokens = new ArrayList<>();
    private Clock clock = new FakeClock();

    /** The token {@link #clientConfig()} registers when the test told the fake none. */
    public static final String DEFAULT_TOKEN = "cf-fake-token-5b2e8a1c9d7f";
    /** The zone {@link #clientConfig()} registers, for {@code example.com}, when the test told the fake none. */
    public static final String DEFAULT_ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    private FakeCloudflareApi() {
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1; it knows no tokens and no zones until told. */
    public static FakeCloudflareApi start() {
        FakeCloudflareApi fake = new FakeCloudflareApi();
        NoDelayServerSocketFactory.startOnLoopback(fake.server, fake.new Router(), "Cloudflare");
        return fake;
    }

    /** The base URL to configure the client with, like {@code http://127.0.0.1:PORT/client/v4}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort() + BASE_PATH;
    }

    /** Accepts {@code Authorization: Bearer <token>}; may be called several times. */
    public FakeCloudflareApi apiToken(String token) {
        Objects.requireNonNull(token, "token cannot be null");
        auth.addApiToken(token);
        synchronized (lock) {
            tokens.add(token);
        }
        return this;
    }

    /** Accepts the legacy {@code X-Auth-Email} + {@code X-Auth-Key} (global API key) pair. */
    public FakeCloudflareApi legacyKey(String email, String globalKey) {
        Objects.requireNonNull(email, "email cannot be null");
        Objects.requireNonNull(globalKey, "globalKey cannot be null");
        auth.addLegacyKey(email, globalKey);
        return this;
    }

    /**
     * Makes a token account-owned: Cloudflare's user endpoint of token verification does not know it, the account's
     * ({@code GET /accounts/{id}/tokens/verify}, the account of {@code GET /zones/{id}}) does.
     */
    public FakeCloudflareApi accountOwnedToken(String token) {
        auth.accountOwned(Objects.requireNonNull(token, "token cannot be null"));
        return this;
    }

    /**
     * The status {@code GET /user/tokens/verify} gives a token: {@code active} (the default), {@code expired} or
     * {@code disabled}; a token that is not active is refused by the purge endpoint too.
     */
    public FakeCloudflareApi tokenStatus(String token, String status) {
        auth.tokenStatus(Objects.requireNonNull(token, "token cannot be null"),
                Objects.requireNonNull(status, "status cannot be null"));
        return this;
    }

    /** Registers a zone; real ids are 32 lower-case hex characters, but any non-empty id is accepted here. */
    public FakeCloudflareApi zone(String zoneId, String zoneName) {
        Objects.requireNonNull(zoneId, "zoneId cannot be null");
        Objects.requireNonNull(zoneName, "zoneName cannot be null");
        if (zoneId.isEmpty()) {
            throw new IllegalArgumentException("zoneId cannot be empty");
        }
        synchronized (lock) {
            zones.put(zoneId, zoneName);
        }
        return this;
    }

    @Override
    public String providerId() {
        return "cloudflare";
    }

    @Override
    public Clock clock() {
        synchronized (lock) {
            return clock;
        }
    }

    /** The clock this fake shares with its clients ({@link #options()}): a {@link FakeClock} of its own unless set. */
    public FakeCloudflareApi clock(Clock newClock) {
        synchronized (lock) {
            clock = Objects.requireNonNull(newClock, "clock cannot be null");
        }
        return this;
    }

    /**
     * {@code cloudflare.apiToken} (the first token told, else {@link #DEFAULT_TOKEN}, which it then accepts),
     * {@code cloudflare.zoneId} (the first zone, else {@link #DEFAULT_ZONE} for {@code example.com}) and
     * {@code cloudflare.endpoint}.
     */
    @Override
    public Map<String, String> clientConfig() {
        String token;
        String zone;
        synchronized (lock) {
            token = tokens.isEmpty() ? null : tokens.get(0);
            zone = zones.isEmpty() ? null : zones.keySet().iterator().next();
        }
        if (token == null) {
            apiToken(DEFAULT_TOKEN);
            token = DEFAULT_TOKEN;
        }
        if (zone == null) {
            zone(DEFAULT_ZONE, "example.com");
            zone = DEFAULT_ZONE;
        }
        return Map.of("cloudflare.apiToken", token, "cloudflare.zoneId", zone, "cloudflare.endpoint", endpoint(),
                "cloudflare.timeout", CLIENT_TIMEOUT);
    }

    @Override
    public List<String> secrets() {
        synchronized (lock) {
            return List.copyOf(tokens);
        }
    }

    /**
     * Authentication: 400, code 9106 (a missing or malformed credential); permission: 403, code 10000
     * "Authentication error" (Cloudflare's answer to a token without Cache Purge); a server error: the status with
     * code 0; a given failure: its status, its code as a number and its message.
     */
    @Override
    public FakeCloudflareApi failNext(int requests, io.cdnpurge.fakes.Failure failure) {
        Objects.requireNonNull(failure, "failure cannot be null");
        switch (failure.kind()) {
            case AUTHENTICATION:
                return failNext(requests, 400, Integer.parseInt(failure.codeOr("9106")),
                        failure.messageOr("Missing X-Auth-Key, X-Auth-Email or Authorization headers"));
            case PERMISSION:
                return failNext(requests, 403, Integer.parseInt(failure.codeOr("10000")),
                        failure.messageOr("Authentication error"));
            case SERVER_ERROR:
                return failNext(requests, failure.status(), Integer.parseInt(failure.codeOr("0")),
                        failure.messageOr("Bad gateway"));
            default:
                return failNext(requests, failure.status(), Integer.parseInt(failure.codeOr("0")),
                        failure.messageOr("Error"));
        }
    }

    @Override
    public int purgeRequestCount() {
        synchronized (lock) {
            return purgeCalls.size();
        }
    }

    /** The most URLs one {@code files} purge may carry; default 30, the limit Cloudflare documents for
     * every plan but Enterprise (https://developers.cloudflare.com/cache/how-to/purge-cache/). */
    public FakeCloudflareApi maxUrlsPerCall(int max) {
        synchronized (lock) {
            maxUrlsPerCall = positive(max, "maxUrlsPerCall");
        }
        return this;
    }

    /** The most tags, hosts or prefixes one purge may carry; default 100. */
    public FakeCloudflareApi maxItemsPerCall(int max) {
        synchronized (lock) {
            maxItemsPerCall = positive(max, "maxItemsPerCall");
        }
        return this;
    }

    /** An Enterprise zone: up to 500 URLs per call. */
    public FakeCloudflareApi enterprise() {
        return maxUrlsPerCall(500);
    }

    /**
     * Meters purge calls that pass auth and zone checks with a token bucket that starts full; over the limit the
     * fake answers 429 with {@code Retry-After} set to the whole seconds until the next token.
     */
    public FakeCloudflareApi rateLimit(Clock clock, double requestsPerSecond, int burst) {
        Objects.requireNonNull(clock, "clock cannot be null");
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException(
                    "requestsPerSecond must be positive and finite, got " + requestsPerSecond);
        }
        positive(burst, "burst");
        synchronized (lock) {
            rateLimit = new FakeTokenBucket(clock, requestsPerSecond, burst);
        }
        return this;
    }

    /** The next {@code count} purge calls get 429, code 971 and {@code Retry-After} in whole seconds (rounded up). */
    public FakeCloudflareApi throttleNext(int count, Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter cannot be null");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter cannot be negative, got " + retryAfter);
        }
        return enqueue(count, new Scripted(Failure.throttled(retryAfter), Effect.RESPOND, null));
    }

    /** The next {@code count} purge calls get {@code httpStatus} and an error envelope with one error. */
    public FakeCloudflareApi failNext(int count, int httpStatus, int errorCode, String message) {
        Objects.requireNonNull(message, "message cannot be null");
        if (httpStatus < 200 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 200-599, got " + httpStatus);
        }
        return enqueue(count, new Scripted(Failure.of(httpStatus, errorCode, message), Effect.RESPOND, null));
    }

    /**
     * The next {@code count} purge calls get exactly this answer, whatever they hold: a status, headers and a body
     * the vendor would not send on its own (an HTML page from a proxy with 200, a 403 of unknown shape, a 503 with
     * {@code Retry-After}).
     */
    public FakeCloudflareApi answerNext(int count, int httpStatus, Map<String, String> headers, String body) {
        MockResponse.Builder response = new MockResponse.Builder().code(httpStatus).body(body);
        headers.forEach(response::setHeader);
        return enqueue(count, new Scripted(null, Effect.RAW, response.build()));
    }

    /** The next {@code count} zone look-ups ({@code GET /zones?name=}) get {@code httpStatus} and an error envelope. */
    public FakeCloudflareApi failNextLookUps(int count, int httpStatus, int errorCode, String message) {
        Objects.requireNonNull(message, "message cannot be null");
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                lookupScript.add(Failure.of(httpStatus, errorCode, message));
            }
        }
        return this;
    }

    /** The next {@code count} purge calls get HTTP 200 with {@code success:false}, as Cloudflare sometimes sends. */
    public FakeCloudflareApi successFalseNext(int count, int errorCode, String message) {
        return failNext(count, 200, errorCode, message);
    }

    /** The next {@code count} purge calls are read, then the connection is closed without an answer. */
    public FakeCloudflareApi disconnectNext(int count) {
        return enqueue(count, new Scripted(null, Effect.DISCONNECT, null));
    }

    /** The next {@code count} purge calls are read and never answered, so the client's read timeout fires. */
    public FakeCloudflareApi stallNext(int count) {
        return enqueue(count, new Scripted(null, Effect.STALL, null));
    }

    /** Every purge_cache request so far, in arrival order, whatever the answer. */
    public List<CloudflarePurgeCall> purgeCalls() {
        synchronized (lock) {
            return List.copyOf(purgeCalls);
        }
    }

    /** URLs of {@code files} purges that succeeded, in order. */
    public List<String> purgedUrls() {
        return purgedItems(FakeCloudflarePurgeBody.FILES);
    }

    /** Tags of {@code tags} purges that succeeded, in order. */
    public List<String> purgedTags() {
        return purgedItems(FakeCloudflarePurgeBody.TAGS);
    }

    /** Hosts of {@code hosts} purges that succeeded, in order. */
    public List<String> purgedHosts() {
        return purgedItems(FakeCloudflarePurgeBody.HOSTS);
    }

    /** Prefixes of {@code prefixes} purges that succeeded, in order. */
    public List<String> purgedPrefixes() {
        return purgedItems(FakeCloudflarePurgeBody.PREFIXES);
    }

    /** How many {@code purge_everything} purges succeeded. */
    public int purgeEverythingCount() {
        return (int) purgeCalls().stream()
                .filter(call -> call.succeeded() && call.kind().equals(FakeCloudflarePurgeBody.PURGE_EVERYTHING))
                .count();
    }

    /**
     * Every HTTP request received, unknown routes included, as {@code METHOD target}: the request target exactly as
     * it was sent (raw path and query), before any server-side resolution of dot segments.
     */
    public List<String> requestLines() {
        synchronized (lock) {
            return List.copyOf(requestLines);
        }
    }

    /** All HTTP requests received, zone lookups and unknown routes included. */
    public int requestCount() {
        synchronized (lock) {
            return requestCount;
        }
    }

    /** Requests to {@code /zones}, answered or not. */
    public int zoneLookups() {
        synchronized (lock) {
            return zoneLookups;
        }
    }

    /** Stops the server; a stalled call is released with a closed connection. */
    @Override
    public void close() {
        server.close();
    }

    private List<String> purgedItems(String kind) {
        return purgeCalls().stream()
                .filter(call -> call.succeeded() && call.kind().equals(kind))
                .flatMap(call -> call.items().stream())
                .toList();
    }

    private FakeCloudflareApi enqueue(int count, Scripted scripted) {
        positive(count, "count");
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                script.add(scripted);
            }
        }
        return this;
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    private enum Effect { RESPOND, RAW, DISCONNECT, STALL }

    private record Scripted(Failure failure, Effect effect, MockResponse raw) {
    }

    /** Routes every request; holds the lock only while deciding, never while the server stalls or writes. */
    private final class Router extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            HttpUrl url = request.getUrl();
            List<String> path = url.pathSegments();
            String rayId = FakeCloudflareResponses.newRayId();
            synchronized (lock) {
                requestCount++;
                requestLines.add(request.getMethod() + " " + request.getTarget());
                if (path.size() == 5 && isBase(path) && path.get(2).equals("user") && path.get(3).equals("tokens")
                        && path.get(4).equals("verify") && request.getMethod().equals("GET")) {
                    return verifyToken(request, false, rayId);
                }
                if (path.size() == 6 && isBase(path) && path.get(2).equals("accounts") && path.get(4).equals("tokens")
                        && path.get(5).equals("verify") && request.getMethod().equals("GET")) {
                    return path.get(3).equals(ACCOUNT) ? verifyToken(request, true, rayId)
                            : FakeCloudflareResponses.failure(Failure.of(403, 9109, "Unauthorized to access requested "
                            + "resource"), rayId);
                }
                if (path.size() == 4 && isBase(path) && path.get(2).equals("zones")
                        && request.getMethod().equals("GET")) {
                    return zone(request, path.get(3), rayId);
                }
                if (path.size() == 3 && isBase(path) && path.get(2).equals("user")
                        && request.getMethod().equals("GET")) {
                    Failure failure = auth.check(request.getHeaders());
                    if (failure != null) {
                        return FakeCloudflareResponses.failure(failure, rayId);
                    }
                    ObjectNode user = FakeCloudflareResponses.JSON.createObjectNode()
                            .put("id", "7c5dae5552338874e5053f2534d2767a").put("email", "purger@example.com");
                    return FakeCloudflareResponses.success(user, rayId);
                }
                if (path.size() == 3 && isBase(path) && path.get(2).equals("zones")) {
                    zoneLookups++;
                    return lookUpZones(request, url, rayId);
                }
                if (path.size() == 5 && isBase(path) && path.get(2).equals("zones")
                        && path.get(4).equals("purge_cache") && !path.get(3).isEmpty()) {
                    return purge(request, path.get(3), rayId);
                }
            }
            return FakeCloudflareResponses.failure(Failure.of(400, NO_ROUTE, "No route for that URI"), rayId);
        }

        /** {@code GET /zones/{id}}: the zone with its account, to a credential Cloudflare accepts. */
        private MockResponse zone(RecordedRequest request, String zoneId, String rayId) {
            Failure failure = auth.check(request.getHeaders());
            if (failure != null) {
                return FakeCloudflareResponses.failure(failure, rayId);
            }
            String name = zones.get(zoneId);
            if (name == null) {
                return FakeCloudflareResponses.failure(Failure.of(404, UNKNOWN_ZONE_CODE, "Invalid zone identifier"),
                        rayId);
            }
            ObjectNode zone = FakeCloudflareResponses.JSON.createObjectNode().put("id", zoneId).put("name", name)
                    .put("status", "active");
            zone.putObject("account").put("id", ACCOUNT).put("name", "Acme");
            return FakeCloudflareResponses.success(zone, rayId);
        }

        /**
         * {@code GET /user/tokens/verify} and {@code /accounts/{id}/tokens/verify}: {@code result.id} and
         * {@code result.status}, as Cloudflare answers; a token of the other kind is unknown there (code 1000).
         */
        private MockResponse verifyToken(RecordedRequest request, boolean accountEndpoint, String rayId) {
            String status = auth.verify(request.getHeaders(), accountEndpoint);
            if (status == null) {
                return FakeCloudflareResponses.failure(Failure.of(401, 1000, "Invalid API Token"), rayId);
            }
            ObjectNode result = FakeCloudflareResponses.JSON.createObjectNode()
                    .put("id", "ed17574386854bf78a67040be0a770b0").put("status", status);
            return FakeCloudflareResponses.success(result, rayId);
        }

        private boolean isBase(List<String> path) {
            return path.get(0).equals("client") && path.get(1).equals("v4");
        }

        private MockResponse lookUpZones(RecordedRequest request, HttpUrl url, String rayId) {
            Failure scripted = lookupScript.poll();
            if (scripted != null) {
                return FakeCloudflareResponses.failure(scripted, rayId);
            }
            Failure failure = !request.getMethod().equals("GET")
                    ? Failure.of(405, METHOD_NOT_ALLOWED, "Method " + request.getMethod() + " not allowed for /zones")
                    : auth.check(request.getHeaders());
            if (failure != null) {
                return FakeCloudflareResponses.failure(failure, rayId);
            }
            String name = url.queryParameter("name");
            ArrayNode result = FakeCloudflareResponses.JSON.createArrayNode();
            zones.forEach((id, zoneName) -> {
                if (name == null || zoneName.equals(name)) {
                    ObjectNode zone = result.addObject();
                    zone.put("id", id);
                    zone.put("name", zoneName);
                    zone.put("status", "active");
                }
            });
            return FakeCloudflareResponses.zoneList(result, perPage(url.queryParameter("per_page")), rayId);
        }

        private MockResponse purge(RecordedRequest request, String zoneId, String rayId) {
            Headers headers = request.getHeaders();
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            FakeCloudflarePurgeBody parsed =
                    FakeCloudflarePurgeBody.parse(headers.get("Content-Type"), body, maxUrlsPerCall, maxItemsPerCall);
            CloudflarePurgeCall.Builder call = CloudflarePurgeCall.builder()
                    .zoneId(zoneId)
                    .method(request.getMethod())
                    .authScheme(FakeCloudflareAuth.scheme(headers))
                    .kind(parsed.kind)
                    .items(parsed.items)
                    .fileHeaders(parsed.fileHeaders)
                    .body(body)
                    .headers(headers.toMultimap())
                    .rayId(rayId);
            MockResponse response = answerPurge(request, zoneId, parsed, call, rayId);
            purgeCalls.add(call.build());
            return response;
        }

        private MockResponse answerPurge(RecordedRequest request, String zoneId, FakeCloudflarePurgeBody parsed,
                CloudflarePurgeCall.Builder call, String rayId) {
            Scripted scripted = script.poll();
            if (scripted != null && scripted.effect() == Effect.DISCONNECT) {
                return FakeCloudflareResponses.disconnect();
            }
            if (scripted != null && scripted.effect() == Effect.STALL) {
                return FakeCloudflareResponses.stall();
            }
            if (scripted != null && scripted.effect() == Effect.RAW) {
                call.status(scripted.raw().getCode());
                return scripted.raw();
            }
            Failure failure = scripted != null ? scripted.failure() : checkPurge(request, zoneId, parsed);
            if (failure != null) {
                call.status(failure.status()).errorCodes(failure.codes());
                return FakeCloudflareResponses.failure(failure, rayId);
            }
            String purgeId = FakeCloudflareResponses.newPurgeId();
            call.status(200).resultId(purgeId);
            return FakeCloudflareResponses.success(
                    FakeCloudflareResponses.JSON.createObjectNode().put("id", purgeId), rayId);
        }

        private Failure checkPurge(RecordedRequest request, String zoneId, FakeCloudflarePurgeBody parsed) {
            if (!request.getMethod().equals("POST")) {
                return Failure.of(405, METHOD_NOT_ALLOWED,
                        "Method " + request.getMethod() + " not allowed; purge_cache takes POST");
            }
            Failure authFailure = auth.check(request.getHeaders());
            if (authFailure != null) {
                return authFailure;
            }
            if (!zones.containsKey(zoneId)) {
                return Failure.of(400, UNKNOWN_ZONE, "Could not route to /zones/" + zoneId
                        + "/purge_cache, perhaps your object identifier is invalid?");
            }
            if (rateLimit != null) {
                Duration wait = rateLimit.tryAcquire();
                if (!wait.isZero()) {
                    return Failure.throttled(wait);
                }
            }
            return parsed.failure();
        }

        private int perPage(String requested) {
            try {
                return requested == null ? 20 : Math.max(5, Math.min(50, Integer.parseInt(requested)));
            } catch (NumberFormatException e) {
                return 20;
            }
        }
    }
}
