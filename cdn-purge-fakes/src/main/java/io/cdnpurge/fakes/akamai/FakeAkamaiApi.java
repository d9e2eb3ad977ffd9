package io.cdnpurge.fakes.akamai;

import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.internal.NoDelayServerSocketFactory;
import io.cdnpurge.testing.FakeClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdnpurge.fakes.akamai.FakeAkamaiBuckets.Type;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fake of Akamai's Fast Purge API (CCU v3) on a local {@link MockWebServer}, strict enough to prove a client
 * correct: it verifies every EdgeGrid signature with its own implementation, enforces the 50,000-byte body limit
 * and the account's token buckets (refused requests take no tokens), and records every call.
 *
 * <pre>{@code
 * try (FakeAkamaiApi akamai = FakeAkamaiApi.start().clock(clock)) {
 *     // configure the client with akamai.host = akamai.host(), akamai.clientToken = akamai.clientToken(), ...
 *     // and akamai.endpoint = akamai.endpoint(), then purge ...
 *     assertThat(akamai.purgedObjects()).contains("https://www.example.com/a.css");
 * }
 * }</pre>
 *
 * <p>Route: {@code POST /ccu/v3/{invalidate|delete}/{url|cpcode|tag}/{production|staging}}, optional
 * {@code ?accountSwitchKey=}. Checks, in order, the first failure answering with problem JSON
 * ({@code title, detail, httpStatus, supportId}):
 * <ol>
 *   <li>a scripted answer ({@link #throttleNext}, {@link #failNext}, ...) replaces everything below;</li>
 *   <li>another method 405; another path 404;</li>
 *   <li>EdgeGrid: no or malformed {@code Authorization}, unknown client or access token, a timestamp more than 5
 *       minutes from the fake's clock, a nonce seen before, or a signature that does not match: 401;</li>
 *   <li>a {@code Content-Type} other than JSON 415; a body over 50,000 bytes 413;</li>
 *   <li>a body other than {@code {"objects":[…]}} with a non-empty list, CP codes that are not JSON integers (the
 *       spec's type; whether Akamai also takes strings is not documented, so the fake refuses them), URLs that are
 *       not absolute http(s) URLs or ARLs, or a non-ASCII URL ({@code bad URL}): 400;</li>
 *   <li>no request token, or too few object tokens: 429 with Akamai's titles, body members and
 *       {@code X-Ratelimit-*} headers, and no {@code Retry-After}.</li>
 * </ol>
 * Then 201 with {@code purgeId}, {@code supportId} and {@code estimatedSeconds} ({@link #estimatedSeconds(int)}, 5
 * unless set). The 401 and 404 details and the
 * nonce rule are the fake's own wording and choice: Akamai does not document them.
 *
 * <p>Thread-safe.
 */
public final class FakeAkamaiApi implements FakeVendorApi {
    /** Akamai's limit on a request body. */
    public static final int MAX_BODY_BYTES = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final List<String> requestLines = new ArrayList<>();
    private final ArrayDeque<Answer> script = new ArrayDeque<>();
    private final List<AkamaiPurgeCall> calls = new ArrayList<>();
    private final Set<String> nonces = new HashSet<>();
    private String host = "akab-fake0000000000-0000000000000000.purge.akamaiapis.net";
    private String clientToken = "akab-client-token-fake-0000000000000000";
    private String clientSecret = "ZmFrZS1jbGllbnQtc2VjcmV0LTAwMDAwMDAwMDAwMDA=";
    private String accessToken = "akab-access-token-fake-0000000000000000";
    private Clock clock = new FakeClock();
    private FakeAkamaiBuckets buckets = new FakeAkamaiBuckets(clock);
    private boolean rateLimited = true;
    private int estimatedSeconds = 5;
    private int requestCount;
    private int ids;

    private FakeAkamaiApi() {
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1, with a made-up credential and full buckets. */
    public static FakeAkamaiApi start() {
        FakeAkamaiApi fake = new FakeAkamaiApi();
        NoDelayServerSocketFactory.startOnLoopback(fake.server, fake.new Router(), "Akamai");
        return fake;
    }

    /** The base URL to configure the client with ({@code akamai.endpoint}), like {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The one credential this fake accepts; signatures are checked for {@code host}, not the fake's address. */
    public FakeAkamaiApi credential(String apiHost, String token, String secret, String access) {
        synchronized (lock) {
            this.host = Objects.requireNonNull(apiHost, "host cannot be null");
            this.clientToken = Objects.requireNonNull(token, "clientToken cannot be null");
            this.clientSecret = Objects.requireNonNull(secret, "clientSecret cannot be null");
            this.accessToken = Objects.requireNonNull(access, "accessToken cannot be null");
        }
        return this;
    }

    public String host() {
        synchronized (lock) {
            return host;
        }
    }

    public String clientToken() {
        synchronized (lock) {
            return clientToken;
        }
    }

    public String clientSecret() {
        synchronized (lock) {
            return clientSecret;
        }
    }

    public String accessToken() {
        synchronized (lock) {
            return accessToken;
        }
    }

    /**
     * The clock of signature timestamps and bucket refills (refills the buckets to full), shared with the clients
     * made with {@link #options()}; a clock of its own unless set.
     */
    /** The {@code estimatedSeconds} a purge's answer gives (5 unless set), which clients wait before calling it done. */
    public FakeAkamaiApi estimatedSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("estimatedSeconds cannot be negative, was " + seconds);
        }
        synchronized (lock) {
            estimatedSeconds = seconds;
        }
        return this;
    }

    public FakeAkamaiApi clock(Clock newClock) {
        synchronized (lock) {
            this.clock = Objects.requireNonNull(newClock, "clock cannot be null");
            this.buckets = new FakeAkamaiBuckets(newClock);
        }
        return this;
    }

    @Override
    public String providerId() {
        return "akamai";
    }

    @Override
    public Clock clock() {
        synchronized (lock) {
            return clock;
        }
    }

    /** The four credential keys of the one credential it accepts, {@code akamai.endpoint} and a read timeout. */
    @Override
    public Map<String, String> clientConfig() {
        synchronized (lock) {
            return Map.of("akamai.host", host, "akamai.clientToken", clientToken, "akamai.clientSecret",
                    clientSecret, "akamai.accessToken", accessToken, "akamai.endpoint", endpoint(),
                    "akamai.timeout", CLIENT_TIMEOUT);
        }
    }

    @Override
    public List<String> secrets() {
        synchronized (lock) {
            return List.of(clientToken, clientSecret, accessToken);
        }
    }

    /**
     * Authentication: 401 "Unauthorized" (the signature does not match); permission: 403 "unauthorized arl"; a
     * server error: the status, "Service Unavailable"; a given failure: its status, its code as the problem's
     * {@code title} and its message as {@code detail}.
     */
    @Override
    public FakeAkamaiApi failNext(int requests, io.cdnpurge.fakes.Failure failure) {
        Objects.requireNonNull(failure, "failure cannot be null");
        switch (failure.kind()) {
            case AUTHENTICATION:
                return failNext(requests, 401, failure.codeOr("Unauthorized"),
                        failure.messageOr("The signature does not match"));
            case PERMISSION:
                return failNext(requests, 403, failure.codeOr("unauthorized arl"),
                        failure.messageOr("The client may not purge these objects"));
            case SERVER_ERROR:
                return failNext(requests, failure.status(), failure.codeOr("Service Unavailable"),
                        failure.messageOr("try again later"));
            default:
                return failNext(requests, failure.status(), failure.codeOr("Error"), failure.messageOr("error"));
        }
    }

    @Override
    public int purgeRequestCount() {
        synchronized (lock) {
            return calls.size();
        }
    }

    /** The objects of accepted URL purges, as Akamai received them. */
    @Override
    public List<String> purgedUrls() {
        return purgedObjects();
    }

    /** Admits every well-formed request: no token buckets. */
    public FakeAkamaiApi withoutRateLimits() {
        synchronized (lock) {
            rateLimited = false;
        }
        return this;
    }

    /**
     * The next {@code count} purge calls get a 429 for their object type whose body and headers tell a client to
     * wait {@code wait}: {@code rateLimitRemaining} 0 and {@code X-Ratelimit-Limit-Per-Second-Objects} set so that
     * the request's objects take exactly that long to refill.
     */
    public FakeAkamaiApi throttleNext(int count, Duration wait) {
        Objects.requireNonNull(wait, "wait cannot be null");
        if (wait.isZero() || wait.isNegative()) {
            throw new IllegalArgumentException("wait must be positive, got " + wait);
        }
        return enqueue(count, new Answer(null, 429, null, wait));
    }

    /**
     * The next {@code count} purge calls get a 429 with Akamai's body members and no rate headers, e.g.
     * {@code ("Rate Limit exceeded", 100, 1, 0)} for an empty request bucket.
     */
    public FakeAkamaiApi failNextWith429(int count, String title, long rateLimit, long currentRequestSize,
                                         long remaining) {
        Objects.requireNonNull(title, "title cannot be null");
        ObjectNode body = JSON.createObjectNode()
                .put("supportId", "scripted")
                .put("title", title)
                .put("httpStatus", 429)
                .put("rateLimit", rateLimit)
                .put("rateLimitCurrentRequestSize", currentRequestSize)
                .put("rateLimitRemaining", remaining);
        return enqueue(count, new Answer(new MockResponse.Builder().code(429)
                .setHeader("Content-Type", "application/api-problem+json").body(body.toString()).build(),
                429, title, null));
    }

    /** The next {@code count} purge calls get {@code httpStatus} with a problem body. */
    public FakeAkamaiApi failNext(int count, int httpStatus, String title, String detail) {
        Objects.requireNonNull(title, "title cannot be null");
        Objects.requireNonNull(detail, "detail cannot be null");
        return enqueue(count, problem(httpStatus, title, detail, "scripted"));
    }

    /** The next {@code count} purge calls are read, then the connection is closed without an answer. */
    public FakeAkamaiApi disconnectNext(int count) {
        return enqueue(count, new Answer(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket())
                .build(), 0, null, null));
    }

    /** The next {@code count} purge calls are read and never answered, so the client's read timeout fires. */
    public FakeAkamaiApi stallNext(int count) {
        return enqueue(count, new Answer(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE)
                .build(), 0, null, null));
    }

    /** Every purge request so far, in arrival order, whatever the answer. */
    public List<AkamaiPurgeCall> purgeCalls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** The objects of accepted purges, in order, as their JSON text. */
    public List<String> purgedObjects() {
        return purgeCalls().stream().filter(AkamaiPurgeCall::succeeded)
                .flatMap(call -> call.objects().stream()).toList();
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

    /** All HTTP requests received. */
    public int requestCount() {
        synchronized (lock) {
            return requestCount;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** An answer decided: what to send, and what to record of it; {@code throttle} marks a scripted 429. */
    private record Answer(MockResponse response, int status, String title, Duration throttle) {
    }

    /**
     * The next {@code count} purge calls get exactly this answer, whatever they hold: a status, headers and a body
     * the vendor would not send on its own (an HTML page from a proxy with 200, a 403 of unknown shape, a 503 with
     * {@code Retry-After}).
     */
    public FakeAkamaiApi answerNext(int count, int httpStatus, Map<String, String> headers, String body) {
        MockResponse.Builder response = new MockResponse.Builder().code(httpStatus).body(body);
        headers.forEach(response::setHeader);
        return enqueue(count, new Answer(response.build(), httpStatus, null, null));
    }

    private FakeAkamaiApi enqueue(int count, Answer response) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                script.add(response);
            }
        }
        return this;
    }

    private static Answer problem(int status, String title, String detail, String supportId) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", "https://problems.luna.akamaiapis.net/ccu/v3/" + status)
                .put("title", title)
                .put("detail", detail)
                .put("httpStatus", status)
                .put("supportId", supportId);
        return new Answer(new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/problem+json")
                .body(body.toString()).build(), status, title, null);
    }

    /** Akamai's examples show the same value in both; the fake makes them differ so clients can be told apart. */
    private static String purgeId(String supportId) {
        return supportId.replace("edcp-fake-", "edcp-purge-");
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(value < 1 ? 10 : 2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Decides every answer under the lock; MockWebServer does the stalling and writing outside it. */
    private final class Router extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            synchronized (lock) {
                requestCount++;
                requestLines.add(request.getMethod() + " " + request.getTarget());
                String supportId = "edcp-fake-" + (++ids);
                HttpUrl url = request.getUrl();
                List<String> path = url.pathSegments();
                byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
                Parsed parsed = Parsed.of(path, body, request.getHeaders().get("Content-Type"));
                Answer answer = answer(request, url, parsed, body, supportId);
                if (parsed.type != null) {
                    calls.add(new AkamaiPurgeCall(path.get(2), path.get(3), path.get(4), parsed.objects, body.length,
                            new String(body, StandardCharsets.UTF_8), lowerCase(request.getHeaders()),
                            url.queryParameter("accountSwitchKey"), answer.status(), answer.title(),
                            answer.status() == 201 ? purgeId(supportId) : null, supportId));
                }
                return answer.response();
            }
        }

        private Answer answer(RecordedRequest request, HttpUrl url, Parsed parsed, byte[] body, String supportId) {
            Answer scripted = script.poll();
            if (scripted != null && scripted.throttle() != null) {
                return scriptedThrottle(parsed, scripted.throttle(), supportId);
            }
            if (scripted != null) {
                return scripted;
            }
            if (!request.getMethod().equals("POST")) {
                return problem(405, "Method Not Allowed", "Fast Purge takes POST", supportId);
            }
            List<String> path = url.pathSegments();
            if (parsed.type == null && path.size() == 4 && path.get(0).equals("ccu") && path.get(1).equals("v3")
                    && path.get(2).equals("rate-limit-status") && Type.ofPath(path.get(3)) != null) {
                return rateLimitStatus(request, url, body, Type.ofPath(path.get(3)), supportId);
            }
            if (parsed.type == null) {
                return problem(404, "Not Found", "no Fast Purge operation at " + url.encodedPath(), supportId);
            }
            String unsigned = checkSignature(request, url, body);
            if (unsigned != null) {
                return problem(401, "Unauthorized", unsigned, supportId);
            }
            if (parsed.contentType == null || !parsed.contentType.toLowerCase(Locale.ROOT)
                    .startsWith("application/json")) {
                return problem(415, "Unsupported Media Type", "Content-Type must be application/json", supportId);
            }
            if (body.length > MAX_BODY_BYTES) {
                return problem(413, "Request Entity Too Large", "The request body is " + body.length
                        + " bytes; the limit is " + MAX_BODY_BYTES, supportId);
            }
            if (parsed.bodyProblem != null) {
                return problem(400, parsed.badUrl ? "bad URL" : "Bad Request", parsed.bodyProblem, supportId);
            }
            if (rateLimited) {
                FakeAkamaiBuckets.Verdict verdict = buckets.take(parsed.type, parsed.objects.size());
                if (!verdict.admitted) {
                    return throttled(parsed, verdict, supportId);
                }
                return accepted(supportId, verdict, parsed.type);
            }
            return accepted(supportId, null, parsed.type);
        }

        private String checkSignature(RecordedRequest request, HttpUrl url, byte[] body) {
            String authorization = request.getHeaders().get("Authorization");
            Map<String, String> fields = FakeAkamaiSignature.fields(authorization);
            if (fields == null || !fields.keySet().containsAll(
                    List.of("client_token", "access_token", "timestamp", "nonce", "signature"))) {
                return "The request has no EdgeGrid Authorization header";
            }
            if (!clientToken.equals(fields.get("client_token")) || !accessToken.equals(fields.get("access_token"))) {
                return "The client token or access token is not valid";
            }
            Instant timestamp = FakeAkamaiSignature.timestamp(fields.get("timestamp"));
            if (timestamp == null || Duration.between(timestamp, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
                return "The request timestamp is invalid or too far from the server's time";
            }
            if (!nonces.add(fields.get("nonce"))) {
                return "The nonce was used before";
            }
            String target = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
            String expected = FakeAkamaiSignature.signature(request.getMethod(), host, target, List.of(), body,
                    131_072, FakeAkamaiSignature.authData(authorization), fields.get("timestamp"), clientSecret);
            return expected.equals(fields.get("signature")) ? null : "The signature does not match";
        }

        private Answer accepted(String supportId, FakeAkamaiBuckets.Verdict verdict, Type type) {
            int estimate;
            synchronized (lock) {
                estimate = estimatedSeconds;
            }
            ObjectNode body = JSON.createObjectNode()
                    .put("httpStatus", 201)
                    .put("detail", "Request accepted")
                    .put("estimatedSeconds", estimate)
                    .put("purgeId", purgeId(supportId))
                    .put("supportId", supportId);
            MockResponse.Builder response = new MockResponse.Builder().code(201)
                    .setHeader("Content-Type", "application/json").body(body.toString());
            if (verdict != null) {
                rateLimitHeaders(response, verdict, type);
            }
            return new Answer(response.build(), 201, null, null);
        }

        private Answer throttled(Parsed parsed, FakeAkamaiBuckets.Verdict verdict, String supportId) {
            String title = verdict.requestsExhausted ? "Rate Limit exceeded"
                    : parsed.type.title + " Rate Limit exceeded";
            ObjectNode body = JSON.createObjectNode()
                    .put("supportId", supportId)
                    .put("title", title)
                    .put("httpStatus", 429)
                    .put("describedBy", "https://developer.akamai.com/api/core_features/fast_purge/v3.html#httpcodes")
                    .put("rateLimit", verdict.requestsExhausted ? FakeAkamaiBuckets.REQUEST_BUCKET : parsed.type.size)
                    .put("rateLimitCurrentRequestSize", verdict.requestsExhausted ? 1 : parsed.objects.size())
                    .put("rateLimitRemaining",
                            verdict.requestsExhausted ? verdict.requestsRemaining : verdict.objectsRemaining);
            MockResponse.Builder response = new MockResponse.Builder().code(429)
                    .setHeader("Content-Type", "application/api-problem+json").body(body.toString());
            return new Answer(rateLimitHeaders(response, verdict, parsed.type).build(), 429, title, null);
        }

        private Answer scriptedThrottle(Parsed parsed, Duration wait, String supportId) {
            if (parsed.type == null) {
                return problem(404, "Not Found", "no Fast Purge operation here", supportId);
            }
            int size = Math.max(1, parsed.objects.size());
            String title = parsed.type.title + " Rate Limit exceeded";
            ObjectNode body = JSON.createObjectNode()
                    .put("supportId", supportId)
                    .put("title", title)
                    .put("httpStatus", 429)
                    .put("rateLimit", parsed.type.size)
                    .put("rateLimitCurrentRequestSize", size)
                    .put("rateLimitRemaining", 0);
            return new Answer(new MockResponse.Builder().code(429)
                    .setHeader("Content-Type", "application/api-problem+json")
                    .setHeader("X-Ratelimit-Remaining-Objects", "0")
                    .setHeader("X-Ratelimit-Limit-Per-Second-Objects", decimal(size * 1000.0 / wait.toMillis()))
                    .body(body.toString()).build(), 429, title, null);
        }

        /**
         * {@code POST /ccu/v3/rate-limit-status/{type}}: signed like a purge, purges nothing, takes no token, and
         * answers 201 with the buckets' {@code X-Ratelimit-*} headers.
         */
        private Answer rateLimitStatus(RecordedRequest request, HttpUrl url, byte[] body, Type type,
                                       String supportId) {
            String unsigned = checkSignature(request, url, body);
            if (unsigned != null) {
                return problem(401, "Unauthorized", unsigned, supportId);
            }
            ObjectNode answer = JSON.createObjectNode().put("httpStatus", 201)
                    .put("detail", "Request accepted").put("supportId", supportId);
            return new Answer(rateLimitHeaders(new MockResponse.Builder().code(201)
                    .setHeader("Content-Type", "application/json"), buckets.peek(type), type)
                    .body(answer.toString()).build(), 201, null, null);
        }

        private MockResponse.Builder rateLimitHeaders(MockResponse.Builder response,
                                                      FakeAkamaiBuckets.Verdict verdict, Type type) {
            return response
                    .setHeader("X-Ratelimit-Limit", String.valueOf(FakeAkamaiBuckets.REQUEST_BUCKET))
                    .setHeader("X-Ratelimit-Limit-Per-Second", decimal(FakeAkamaiBuckets.REQUESTS_PER_SECOND))
                    .setHeader("X-Ratelimit-Remaining", String.valueOf(verdict.requestsRemaining))
                    .setHeader("X-Ratelimit-Limit-Objects", String.valueOf(type.size))
                    .setHeader("X-Ratelimit-Limit-Per-Second-Objects", decimal(type.perSecond))
                    .setHeader("X-Ratelimit-Remaining-Objects", String.valueOf(verdict.objectsRemaining));
        }
    }

    private static Map<String, List<String>> lowerCase(Headers headers) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        headers.toMultimap().forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), values));
        return out;
    }

    /** The path and body of a request, checked against the Fast Purge spec. */
    private static final class Parsed {
        Type type;
        String contentType;
        final List<String> objects = new ArrayList<>();
        String bodyProblem;
        boolean badUrl;

        static Parsed of(List<String> path, byte[] body, String contentType) {
            Parsed parsed = new Parsed();
            parsed.contentType = contentType;
            if (path.size() != 5 || !path.get(0).equals("ccu") || !path.get(1).equals("v3")
                    || !(path.get(2).equals("invalidate") || path.get(2).equals("delete"))
                    || !(path.get(4).equals("production") || path.get(4).equals("staging"))) {
                return parsed;
            }
            parsed.type = Type.ofPath(path.get(3));
            if (parsed.type != null) {
                parsed.bodyProblem = parsed.readBody(body);
            }
            return parsed;
        }

        private String readBody(byte[] body) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                return "The body is not JSON";
            }
            if (json == null || !json.isObject() || json.size() != 1 || !json.path("objects").isArray()) {
                return "The body must be an object with one member, objects";
            }
            if (json.path("objects").isEmpty()) {
                return "objects is empty";
            }
            for (JsonNode object : json.path("objects")) {
                objects.add(object.isTextual() ? object.asText() : object.toString());
                String problem = objectProblem(object);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        private String objectProblem(JsonNode object) {
            if (type == Type.CPCODE) {
                return object.isIntegralNumber() && object.asLong() > 0 ? null
                        : "CP code " + object + " is not a positive JSON integer";
            }
            if (!object.isTextual() || object.asText().isEmpty()) {
                return "object " + object + " is not a non-empty string";
            }
            String text = object.asText();
            if (type == Type.URL) {
                if (!text.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                    badUrl = true;
                    return text + " has a character that is not printable ASCII";
                }
                String lower = text.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("http://") && !lower.startsWith("https://") && !text.startsWith("/L/")) {
                    badUrl = true;
                    return text + " is neither an absolute http(s) URL nor an ARL";
                }
            }
            return null;
        }
    }
}
