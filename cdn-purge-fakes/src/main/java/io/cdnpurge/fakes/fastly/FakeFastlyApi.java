package io.cdnpurge.fakes.fastly;

import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.internal.NoDelayServerSocketFactory;
import io.cdnpurge.testing.FakeClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdnpurge.fakes.fastly.FakeFastlyResponses.Failure;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A fake of Fastly's purge API on a local {@link MockWebServer}, strict enough to prove a client correct: it checks
 * the token and its scopes, the host or service, the keys and the soft flag the way Fastly does, answers in
 * Fastly's formats, and records every purge call.
 *
 * <pre>{@code
 * try (FakeFastlyApi fastly = FakeFastlyApi.start()
 *         .apiToken("test-token", "purge_select")
 *         .service("SU1Z0isxPaozGVKXdv0eY", "www.example.com")) {
 *     fastly.throttleNext(1, Duration.ofSeconds(2));
 *     // point the client at fastly.endpoint() and purge ...
 *     assertThat(fastly.purgedUrls()).containsExactly("www.example.com/a.css");
 * }
 * }</pre>
 *
 * <p>Routes, relative to {@link #endpoint()}: {@code POST /purge/{host}/{path}} (one URL, no scheme; the host must
 * be a domain of a registered service), {@code POST /service/{id}/purge} (keys in a JSON body
 * {@code {"surrogate_keys":[…]}} or a space-separated {@code Surrogate-Key} header; the fake answers a map key → purge
 * id), {@code POST /service/{id}/purge/{key}} (one key) and {@code POST /service/{id}/purge_all}. Any other path
 * gets 404. Checks run in this order, and the first failure answers:
 * <ol>
 *   <li>a scripted answer ({@link #throttleNext}, {@link #failNext}, ...) replaces everything below;</li>
 *   <li>a method other than POST: 405;</li>
 *   <li>{@code Fastly-Key} missing or not registered: 401 {@code {"msg":"Provided credentials are missing or
 *       invalid"}};</li>
 *   <li>a URL whose host no service has: 404 {@code {"msg":"Record not found","details":"Cannot find service"}};
 *       an unknown service id: 404;</li>
 *   <li>scope: URL and key purges need {@code purge_select} or {@code global}, purge-all {@code purge_all} or
 *       {@code global}; otherwise 403;</li>
 *   <li>purge-all with {@code Fastly-Soft-Purge}: 400; over the hourly limit ({@link #purgeAllLimit}, 1,000 by
 *       default): 429 with {@code Fastly-RateLimit-Remaining: 0} and {@code Fastly-RateLimit-Reset};</li>
 *   <li>keys: no readable keys 400; more than 256: 400 {@code {"status":"fail","reason":"Batch surrogate key request
 *       only supports up to 256 surrogate keys"}}; a key over 1,024 bytes or outside printable ASCII 0x21–0x7E:
 *       400.</li>
 * </ol>
 * Answers to purge-all carry {@code Fastly-RateLimit-Remaining} and {@code Fastly-RateLimit-Reset} (epoch seconds of
 * the end of the clock hour); URL and key purges do not count against that limit.
 *
 * <p>Thread-safe: configure, script and inspect from any thread while the client sends concurrently.
 */
public final class FakeFastlyApi implements FakeVendorApi {
    private static final Set<String> SCOPES = Set.of("global", "purge_select", "purge_all");
    private static final int MAX_KEYS = 256;
    private static final int MAX_KEY_BYTES = 1024;

    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final List<String> requestLines = new ArrayList<>();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final Map<String, Set<String>> tokens = new HashMap<>();
    /** Tokens limited to some services (none: every service). */
    private final Map<String, List<String>> tokenServices = new HashMap<>();
    private String userRole = "engineer";
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final ArrayDeque<Scripted> script = new ArrayDeque<>();
    private final List<FastlyPurgeCall> purgeCalls = new ArrayList<>();
    private Clock clock = new FakeClock();
    private FakeFastlyRateLimit purgeAllLimit = new FakeFastlyRateLimit(1000);
    private int requestCount;

    private FakeFastlyApi() {
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1; it knows no tokens and no services until told. */
    public static FakeFastlyApi start() {
        FakeFastlyApi fake = new FakeFastlyApi();
        NoDelayServerSocketFactory.startOnLoopback(fake.server, fake.new Router(), "Fastly");
        return fake;
    }

    /** The base URL to configure the client with, like {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * Accepts {@code Fastly-Key: <token>} with these scopes: {@code global} (the default when none is given),
     * {@code purge_select} or {@code purge_all}. May be called several times.
     */
    public FakeFastlyApi apiToken(String token, String... scopes) {
        Objects.requireNonNull(token, "token cannot be null");
        Set<String> granted = scopes.length == 0 ? Set.of("global") : Set.of(scopes);
        for (String scope : granted) {
            if (!SCOPES.contains(scope)) {
                throw new IllegalArgumentException("scope '" + scope + "' is not one of " + SCOPES);
            }
        }
        synchronized (lock) {
            tokens.put(token, granted);
        }
        return this;
    }

    /** Limits a token to these services, as Fastly's {@code services} of a token; {@code GET /tokens/self} lists them. */
    public FakeFastlyApi tokenServices(String token, String... serviceIds) {
        synchronized (lock) {
            tokenServices.put(Objects.requireNonNull(token, "token cannot be null"), List.of(serviceIds));
        }
        return this;
    }

    /**
     * The role of the tokens' user ({@code GET /current_user}): {@code engineer} unless set; Fastly's roles are
     * {@code user}, {@code billing}, {@code engineer} and {@code superuser}.
     */
    public FakeFastlyApi userRole(String role) {
        synchronized (lock) {
            userRole = Objects.requireNonNull(role, "role cannot be null");
        }
        return this;
    }

    /** Registers a service with its domains; {@code *.example.com} covers every subdomain of example.com. */
    public FakeFastlyApi service(String serviceId, String... hosts) {
        Objects.requireNonNull(serviceId, "serviceId cannot be null");
        if (serviceId.isEmpty()) {
            throw new IllegalArgumentException("serviceId cannot be empty");
        }
        List<String> domains = new ArrayList<>();
        for (String host : hosts) {
            domains.add(Objects.requireNonNull(host, "host cannot be null").toLowerCase(Locale.ROOT));
        }
        synchronized (lock) {
            services.put(serviceId, List.copyOf(domains));
        }
        return this;
    }

    /**
     * The clock of rate-limit windows and {@code Fastly-RateLimit-Reset}, shared with the clients made with
     * {@link #options()}; a clock of its own unless set.
     */
    public FakeFastlyApi clock(Clock newClock) {
        Objects.requireNonNull(newClock, "clock cannot be null");
        synchronized (lock) {
            clock = newClock;
        }
        return this;
    }

    /** The token {@link #clientConfig()} registers (scope {@code global}) when the test told the fake none. */
    public static final String DEFAULT_TOKEN = "fastly-fake-token-7c1d2e";
    /** The service {@link #clientConfig()} registers, for {@code *.example.com}, when the test told the fake none. */
    public static final String DEFAULT_SERVICE = "SU1Z0isxPaozGVKXdv0eY";

    @Override
    public String providerId() {
        return "fastly";
    }

    @Override
    public Clock clock() {
        synchronized (lock) {
            return clock;
        }
    }

    /**
     * {@code fastly.apiToken} (a token told, else {@link #DEFAULT_TOKEN}, which it then accepts),
     * {@code fastly.serviceId} (the first service, else {@link #DEFAULT_SERVICE} for {@code *.example.com}) and
     * {@code fastly.endpoint}.
     */
    @Override
    public Map<String, String> clientConfig() {
        String token;
        String service;
        synchronized (lock) {
            token = tokens.isEmpty() ? null : tokens.keySet().iterator().next();
            service = services.isEmpty() ? null : services.keySet().iterator().next();
        }
        if (token == null) {
            apiToken(DEFAULT_TOKEN);
            token = DEFAULT_TOKEN;
        }
        if (service == null) {
            service(DEFAULT_SERVICE, "example.com", "*.example.com");
            service = DEFAULT_SERVICE;
        }
        return Map.of("fastly.apiToken", token, "fastly.serviceId", service, "fastly.endpoint", endpoint(),
                "fastly.timeout", CLIENT_TIMEOUT);
    }

    @Override
    public List<String> secrets() {
        synchronized (lock) {
            return List.copyOf(tokens.keySet());
        }
    }

    /**
     * Authentication: 401 {@code {"msg":"Provided credentials are missing or invalid"}}; permission: 403
     * {@code {"msg":"Forbidden"}}; a server error: the status with {@code {"msg":"Service unavailable"}}; a given
     * failure: its status with its message as {@code msg} (Fastly has no error codes).
     */
    @Override
    public FakeFastlyApi failNext(int requests, io.cdnpurge.fakes.Failure failure) {
        Objects.requireNonNull(failure, "failure cannot be null");
        switch (failure.kind()) {
            case AUTHENTICATION:
                return failNext(requests, 401, msg(failure.messageOr("Provided credentials are missing or invalid")));
            case PERMISSION:
                return failNext(requests, 403, msg(failure.messageOr("Forbidden")));
            case SERVER_ERROR:
                return failNext(requests, failure.status(), msg(failure.messageOr("Service unavailable")));
            default:
                return failNext(requests, failure.status(), msg(failure.messageOr("Error")));
        }
    }

    private static String msg(String text) {
        return "{\"msg\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    @Override
    public int purgeRequestCount() {
        synchronized (lock) {
            return purgeCalls.size();
        }
    }

    /** How many purge-all calls a clock hour allows; 1,000 as at Fastly unless set. */
    public FakeFastlyApi purgeAllLimit(int perHour) {
        synchronized (lock) {
            purgeAllLimit = new FakeFastlyRateLimit(positive(perHour, "perHour"));
        }
        return this;
    }

    /**
     * The next {@code count} purge calls get 429 with {@code Fastly-RateLimit-Remaining: 0} and
     * {@code Fastly-RateLimit-Reset} at the clock's now plus {@code wait}, in epoch seconds (rounded up). No
     * {@code Retry-After}: Fastly is not known to send one.
     */
    public FakeFastlyApi throttleNext(int count, Duration wait) {
        Objects.requireNonNull(wait, "wait cannot be null");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait cannot be negative, got " + wait);
        }
        return enqueue(count, new Scripted(null, wait, Effect.THROTTLE, null));
    }

    /** The next {@code count} purge calls get {@code httpStatus} with this JSON body. */
    public FakeFastlyApi failNext(int count, int httpStatus, String jsonBody) {
        return failNext(count, httpStatus, jsonBody, Map.of());
    }

    /** Like {@link #failNext(int, int, String)}, with response headers such as {@code Retry-After}. */
    public FakeFastlyApi failNext(int count, int httpStatus, String jsonBody, Map<String, String> headers) {
        Objects.requireNonNull(jsonBody, "jsonBody cannot be null");
        Objects.requireNonNull(headers, "headers cannot be null");
        if (httpStatus < 200 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 200-599, got " + httpStatus);
        }
        return enqueue(count, new Scripted(new Failure(httpStatus, jsonBody, headers), null, Effect.RESPOND, null));
    }

    /**
     * The next {@code count} purge calls get exactly this answer, whatever they hold: a status, headers and a body
     * the vendor would not send on its own (an HTML page from a proxy with 200, a 403 of unknown shape, a 503 with
     * {@code Retry-After}).
     */
    public FakeFastlyApi answerNext(int count, int httpStatus, Map<String, String> headers, String body) {
        MockResponse.Builder response = new MockResponse.Builder().code(httpStatus).body(body);
        headers.forEach(response::setHeader);
        return enqueue(count, new Scripted(null, null, Effect.RAW, response.build()));
    }

    /** The next {@code count} purge calls are read, then the connection is closed without an answer. */
    public FakeFastlyApi disconnectNext(int count) {
        return enqueue(count, new Scripted(null, null, Effect.DISCONNECT, null));
    }

    /** The next {@code count} purge calls are read and never answered, so the client's read timeout fires. */
    public FakeFastlyApi stallNext(int count) {
        return enqueue(count, new Scripted(null, null, Effect.STALL, null));
    }

    /** Every purge request so far, in arrival order, whatever the answer. */
    public List<FastlyPurgeCall> purgeCalls() {
        synchronized (lock) {
            return List.copyOf(purgeCalls);
        }
    }

    /** URLs of URL purges that succeeded, as sent ({@code host/path?query}), in order. */
    public List<String> purgedUrls() {
        return purgeCalls().stream().filter(call -> call.succeeded() && call.kind() == FastlyPurgeCall.Kind.URL)
                .map(call -> call.url().orElseThrow()).toList();
    }

    /** Surrogate keys of key purges that succeeded, in order, of every service. */
    public List<String> purgedKeys() {
        return purgeCalls().stream().filter(call -> call.succeeded() && call.kind() == FastlyPurgeCall.Kind.KEYS)
                .flatMap(call -> call.keys().stream()).toList();
    }

    /** How many purge-all calls succeeded. */
    public int purgeAllCount() {
        return (int) purgeCalls().stream()
                .filter(call -> call.succeeded() && call.kind() == FastlyPurgeCall.Kind.PURGE_ALL).count();
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

    /** All HTTP requests received, unknown routes included. */
    public int requestCount() {
        synchronized (lock) {
            return requestCount;
        }
    }

    /** Stops the server; a stalled call is released with a closed connection. */
    @Override
    public void close() {
        server.close();
    }

    private FakeFastlyApi enqueue(int count, Scripted scripted) {
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

    private enum Effect { RESPOND, RAW, THROTTLE, DISCONNECT, STALL }

    private record Scripted(Failure failure, Duration delay, Effect effect, MockResponse raw) {
    }

    /** Routes every request; holds the lock only while deciding, never while the server stalls or writes. */
    private final class Router extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            List<String> path = request.getUrl().pathSegments();
            synchronized (lock) {
                requestCount++;
                requestLines.add(request.getMethod() + " " + request.getTarget());
                FastlyPurgeCall.Builder call = FastlyPurgeCall.builder()
                        .method(request.getMethod())
                        .path(request.getTarget())
                        .soft(request.getHeaders().get("Fastly-Soft-Purge") != null)
                        .body(request.getBody() == null ? "" : request.getBody().utf8())
                        .headers(request.getHeaders().toMultimap());
                if (request.getMethod().equals("GET") && path.size() == 2 && path.get(0).equals("tokens")
                        && path.get(1).equals("self")) {
                    return tokenSelf(request);
                }
                if (request.getMethod().equals("GET") && path.size() == 1 && path.get(0).equals("current_user")) {
                    return currentUser(request);
                }
                if (path.size() >= 2 && path.get(0).equals("purge") && !path.get(1).isEmpty()) {
                    String target = request.getTarget();
                    call.kind(FastlyPurgeCall.Kind.URL).url(target.substring(target.indexOf("/purge/") + 7));
                    return record(call, request, () -> purgeUrl(request, path.get(1), call));
                }
                if (path.size() >= 3 && path.get(0).equals("service") && !path.get(1).isEmpty()) {
                    String service = path.get(1);
                    if (path.size() == 3 && path.get(2).equals("purge_all")) {
                        call.kind(FastlyPurgeCall.Kind.PURGE_ALL).serviceId(service);
                        return record(call, request, () -> purgeAll(request, service, call));
                    }
                    if (path.get(2).equals("purge")) {
                        List<String> keys = path.size() == 3 ? keysOf(request)
                                : List.of(String.join("/", path.subList(3, path.size())));
                        call.kind(FastlyPurgeCall.Kind.KEYS).serviceId(service).keys(keys == null ? List.of() : keys);
                        return record(call, request, () -> purgeKeys(request, service, keys, path.size() > 3, call));
                    }
                }
            }
            return FakeFastlyResponses.failure(FakeFastlyResponses.NO_ROUTE);
        }

        /** Answers a purge route: the script first, then the route's own checks; records the call either way. */
        private MockResponse record(FastlyPurgeCall.Builder call, RecordedRequest request,
                                    Supplier<MockResponse> route) {
            Scripted scripted = script.poll();
            MockResponse response;
            if (scripted == null) {
                response = request.getMethod().equals("POST") ? route.get()
                        : answer(call, Failure.of(405, "{\"msg\":\"Method not allowed\",\"detail\":\"Purges take "
                        + "POST\"}"));
            } else if (scripted.effect() == Effect.DISCONNECT) {
                response = FakeFastlyResponses.disconnect();
            } else if (scripted.effect() == Effect.STALL) {
                response = FakeFastlyResponses.stall();
            } else if (scripted.effect() == Effect.RAW) {
                call.status(scripted.raw().getCode());
                response = scripted.raw();
            } else if (scripted.effect() == Effect.THROTTLE) {
                response = answer(call, Failure.throttled(clock.instant().plus(scripted.delay())));
            } else {
                response = answer(call, scripted.failure());
            }
            purgeCalls.add(call.build());
            return response;
        }

        private MockResponse answer(FastlyPurgeCall.Builder call, Failure failure) {
            call.status(failure.status());
            return FakeFastlyResponses.failure(failure);
        }

        /** {@code GET /tokens/self}: the token's scope (space-separated) and services, as Fastly answers it. */
        private MockResponse tokenSelf(RecordedRequest request) {
            String key = request.getHeaders().get("Fastly-Key");
            Set<String> scopes = key == null ? null : tokens.get(key.trim());
            if (scopes == null) {
                return FakeFastlyResponses.failure(FakeFastlyResponses.UNAUTHORIZED);
            }
            com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode()
                    .put("id", "5x1Fa5tTokEnId0000000")
                    .put("user_id", "4y5K5trZocEAQYkesWlk7M")
                    .put("customer_id", "0x1Fa5tCustomer000000")
                    .put("name", "cdn-purge fake token")
                    .put("scope", String.join(" ", new java.util.TreeSet<>(scopes)))
                    .put("created_at", "2026-01-01T00:00:00Z")
                    .putNull("expires_at");
            com.fasterxml.jackson.databind.node.ArrayNode services = body.putArray("services");
            tokenServices.getOrDefault(key.trim(), List.of()).forEach(services::add);
            return FakeFastlyResponses.json(200, body.toString(), Map.of());
        }

        /** {@code GET /current_user}: the token's user, with the role that bounds what a global token may do. */
        private MockResponse currentUser(RecordedRequest request) {
            String key = request.getHeaders().get("Fastly-Key");
            if (key == null || !tokens.containsKey(key.trim())) {
                return FakeFastlyResponses.failure(FakeFastlyResponses.UNAUTHORIZED);
            }
            return FakeFastlyResponses.json(200, JSON.createObjectNode().put("id", "4y5K5trZocEAQYkesWlk7M")
                    .put("login", "jdoe@example.com").put("name", "J. Doe").put("role", userRole)
                    .put("customer_id", "0x1Fa5tCustomer000000").toString(), Map.of());
        }

        private Failure authenticate(RecordedRequest request, String neededScope) {
            String key = request.getHeaders().get("Fastly-Key");
            Set<String> scopes = key == null ? null : tokens.get(key.trim());
            if (scopes == null) {
                return FakeFastlyResponses.UNAUTHORIZED;
            }
            return scopes.contains("global") || scopes.contains(neededScope) ? null : Failure.forbidden(neededScope);
        }

        private MockResponse purgeUrl(RecordedRequest request, String host, FastlyPurgeCall.Builder call) {
            Failure failure = authenticate(request, "purge_select");
            if (failure == FakeFastlyResponses.UNAUTHORIZED) {
                return answer(call, failure);
            }
            if (serviceOfHost(host.toLowerCase(Locale.ROOT)) == null) {
                return answer(call, FakeFastlyResponses.NO_SERVICE_FOR_HOST);
            }
            if (failure != null) {
                return answer(call, failure);
            }
            String id = FakeFastlyResponses.newPurgeId(clock.instant());
            String url = request.getTarget().substring(request.getTarget().indexOf("/purge/") + 7);
            call.status(200).purgeIds(Map.of(url, id));
            ObjectNode body = FakeFastlyResponses.JSON.createObjectNode().put("status", "ok").put("id", id);
            return FakeFastlyResponses.json(200, body.toString(), Map.of());
        }

        private MockResponse purgeKeys(RecordedRequest request, String service, List<String> keys, boolean single,
                                       FastlyPurgeCall.Builder call) {
            Failure failure = checkService(request, service, "purge_select");
            if (failure == null) {
                failure = checkKeys(keys);
            }
            if (failure != null) {
                return answer(call, failure);
            }
            Map<String, String> ids = new LinkedHashMap<>();
            keys.forEach(key -> ids.put(key, FakeFastlyResponses.newPurgeId(clock.instant())));
            call.status(200).purgeIds(ids);
            ObjectNode body = FakeFastlyResponses.JSON.createObjectNode();
            if (single) {
                body.put("status", "ok").put("id", ids.values().iterator().next());
            } else {
                ids.forEach(body::put);
            }
            return FakeFastlyResponses.json(200, body.toString(), Map.of());
        }

        private MockResponse purgeAll(RecordedRequest request, String service, FastlyPurgeCall.Builder call) {
            Failure failure = checkService(request, service, "purge_all");
            if (failure == null && request.getHeaders().get("Fastly-Soft-Purge") != null) {
                failure = FakeFastlyResponses.SOFT_PURGE_ALL;
            }
            if (failure == null && !purgeAllLimit.tryAcquire(clock)) {
                failure = Failure.throttled(purgeAllLimit.reset(clock));
            }
            if (failure != null) {
                return answer(call, failure);
            }
            call.status(200);
            return FakeFastlyResponses.json(200, "{\"status\":\"ok\"}", Map.of(
                    "Fastly-RateLimit-Remaining", String.valueOf(purgeAllLimit.remaining(clock)),
                    "Fastly-RateLimit-Reset", FakeFastlyResponses.epochSeconds(purgeAllLimit.reset(clock))));
        }

        private Failure checkService(RecordedRequest request, String service, String scope) {
            Failure failure = authenticate(request, scope);
            if (failure == FakeFastlyResponses.UNAUTHORIZED) {
                return failure;
            }
            return services.containsKey(service) ? failure : Failure.unknownService(service);
        }

        private Failure checkKeys(List<String> keys) {
            if (keys == null || keys.isEmpty()) {
                return Failure.badRequest("Give surrogate keys as a JSON body {\"surrogate_keys\":[...]} or a "
                        + "Surrogate-Key header");
            }
            if (keys.size() > MAX_KEYS) {
                return FakeFastlyResponses.TOO_MANY_KEYS;
            }
            for (String key : keys) {
                if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                    return Failure.badRequest("Surrogate key is longer than " + MAX_KEY_BYTES + " bytes");
                }
                if (key.isEmpty() || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                    return Failure.badRequest("Surrogate key '" + key + "' is not printable ASCII without spaces");
                }
            }
            return null;
        }

        /** The keys of a bulk purge; null when neither the body nor the header holds a list of strings. */
        private List<String> keysOf(RecordedRequest request) {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            if (body.isBlank()) {
                String header = request.getHeaders().get("Surrogate-Key");
                return header == null || header.isBlank() ? null : List.of(header.trim().split(" +"));
            }
            try {
                JsonNode keys = FakeFastlyResponses.JSON.readTree(body).path("surrogate_keys");
                if (!keys.isArray()) {
                    return null;
                }
                List<String> values = new ArrayList<>();
                for (JsonNode key : keys) {
                    if (!key.isTextual()) {
                        return null;
                    }
                    values.add(key.asText());
                }
                return values;
            } catch (IOException e) {
                return null;
            }
        }

        private String serviceOfHost(String host) {
            for (Map.Entry<String, List<String>> service : services.entrySet()) {
                for (String domain : service.getValue()) {
                    if (domain.equals(host) || (domain.startsWith("*.") && host.endsWith(domain.substring(1)))) {
                        return service.getKey();
                    }
                }
            }
            return null;
        }
    }
}
