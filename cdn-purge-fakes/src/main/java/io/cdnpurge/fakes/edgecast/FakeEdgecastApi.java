package io.cdnpurge.fakes.edgecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdnpurge.fakes.Failure;
import io.cdnpurge.fakes.internal.ScriptedFake;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edgecast's classic MCC REST API for purge and load on MockWebServer, as documented (Purge Content, Load Content,
 * Bulk Purge Content, Get Purge Request, Status Codes and Error Messages):
 * <ol>
 *   <li>{@code PUT /v2/mcc/customers/{account}/edge/purge}, {@code /edge/load} with {@code {"MediaPath": "<url>",
 *       "MediaType": 2|3|8|14}}, {@code /edge/bulkpurge} with {@code MediaPath} as an array; 200 {@code {"Id": …}}.
 *       Anything else is 400 {@code {"Message": …}}: a body that is not that JSON, a {@code MediaPath} that is not an
 *       {@code http(s)://} URL, another {@code MediaType}.</li>
 *   <li>{@code Authorization: TOK:<token>} (the scheme in any case) with a token it was told; otherwise 401
 *       {@code {"Message":"Access Denied"}}. Another account number: 400 {@code {"Message":"Invalid account
 *       number"}}.</li>
 *   <li>At most {@link #maxOutstanding(int) 50} purge and load requests outstanding per account, each bulk element
 *       counted; a request over that gets 400 with a message about the limit (the wording is the fake's: Edgecast
 *       documents the status only).</li>
 *   <li>A request completes {@link #completionDelay(Duration) 5 seconds} after it was accepted, on the fake's clock:
 *       {@code GET /edge/purge/{id}} and {@code /edge/load/{id}} answer {@code CompleteDate} null until then,
 *       {@code GET /edge/bulkpurge/{id}} {@code Status_Details.Status} {@code in-progress} then {@code completed};
 *       an unknown id gets 200 {@code {}}, as at Edgecast.</li>
 * </ol>
 * Thread-safe.
 */
public final class FakeEdgecastApi extends ScriptedFake<FakeEdgecastApi> {
    /** The account {@link #clientConfig()} uses unless told another. */
    public static final String DEFAULT_ACCOUNT = "C16C";
    /** The token {@link #clientConfig()} registers when the test told the fake none. */
    public static final String DEFAULT_TOKEN = "edgecast-fake-token-1f2e3d4c-5b6a";
    private static final String BASE = "/v2/mcc/customers";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUTH = Pattern.compile("(?i)tok:(.+)");
    private static final Set<Integer> MEDIA_TYPES = Set.of(2, 3, 8, 14);
    private static final DateTimeFormatter COMPLETE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BULK_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Set<String> tokens = new LinkedHashSet<>();
    private final List<EdgecastRequest> calls = new ArrayList<>();
    private final Map<String, Outstanding> requests = new LinkedHashMap<>();
    private String account = DEFAULT_ACCOUNT;
    private Duration completionDelay = Duration.ofSeconds(5);
    private int maxOutstanding = 50;
    private boolean statusForbidden;
    private int limitAnswers;
    private int mostOutstanding;
    private int ids;

    /** One accepted request: what it was, how many elements it counts, when it completes. */
    private record Outstanding(String operation, List<String> mediaPaths, int mediaType, Instant created,
                               Instant completes) {
    }

    private FakeEdgecastApi() {
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1 for account {@link #DEFAULT_ACCOUNT}, knowing no token. */
    public static FakeEdgecastApi start() {
        FakeEdgecastApi fake = new FakeEdgecastApi();
        fake.startServer("Edgecast");
        return fake;
    }

    @Override
    public String providerId() {
        return "edgecast";
    }

    /** The base URL to configure, like {@code http://127.0.0.1:PORT/v2/mcc/customers}; the account follows it. */
    @Override
    public String endpoint() {
        return base() + BASE;
    }

    /** Accepts {@code Authorization: TOK:<token>}; may be called several times. */
    public FakeEdgecastApi apiToken(String token) {
        Objects.requireNonNull(token, "token cannot be null");
        synchronized (lock) {
            tokens.add(token);
        }
        return this;
    }

    /** The one account number this fake serves. */
    public FakeEdgecastApi account(String accountNumber) {
        synchronized (lock) {
            account = Objects.requireNonNull(accountNumber, "accountNumber cannot be null").toUpperCase(Locale.ROOT);
        }
        return this;
    }

    /** How long after acceptance a request completes, on the fake's clock; 5 seconds unless set. */
    public FakeEdgecastApi completionDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay cannot be null");
        synchronized (lock) {
            completionDelay = delay;
        }
        return this;
    }

    /** The most purge and load requests outstanding at once, bulk elements counted; 50 unless set. */
    public FakeEdgecastApi maxOutstanding(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        synchronized (lock) {
            maxOutstanding = max;
        }
        return this;
    }

    /**
     * Requests outstanding that this fake's clients did not send: they fill the limit until they complete, as purges
     * made in the MCC or by another tool would.
     */
    public FakeEdgecastApi outstandingElsewhere(int count) {
        synchronized (lock) {
            Instant now = clock().instant();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                paths.add("http://other.example.com/" + i);
            }
            requests.put(nextId(), new Outstanding("bulkpurge", paths, 3, now, now.plus(completionDelay)));
        }
        return this;
    }

    /** Every later status question ({@code GET /edge/…/{id}}) gets 403 Access Denied, as for a token that may not ask. */
    public FakeEdgecastApi forbidStatusQuestions() {
        synchronized (lock) {
            statusForbidden = true;
        }
        return this;
    }

    /** {@code edgecast.apiToken} (a token told, else {@link #DEFAULT_TOKEN}), the account, the endpoint, a timeout. */
    @Override
    public Map<String, String> clientConfig() {
        String token;
        String accountNumber;
        synchronized (lock) {
            token = tokens.isEmpty() ? null : tokens.iterator().next();
            accountNumber = account;
        }
        if (token == null) {
            apiToken(DEFAULT_TOKEN);
            token = DEFAULT_TOKEN;
        }
        return Map.of("edgecast.apiToken", token, "edgecast.accountNumber", accountNumber, "edgecast.endpoint",
                endpoint(), "edgecast.timeout", CLIENT_TIMEOUT);
    }

    @Override
    public List<String> secrets() {
        synchronized (lock) {
            return List.copyOf(tokens);
        }
    }

    /**
     * Authentication: 401 {@code {"Message":"Access Denied"}}; permission: 403 the same; a server error: the status
     * with {@code {"Message":"Service Unavailable"}}; a given failure: its status and message ({@code Message}).
     */
    @Override
    public FakeEdgecastApi failNext(int requestCount, Failure failure) {
        Objects.requireNonNull(failure, "failure cannot be null");
        switch (failure.kind()) {
            case AUTHENTICATION:
                return enqueue(requestCount, error(401, failure.messageOr("Access Denied")));
            case PERMISSION:
                return enqueue(requestCount, error(403, failure.messageOr("Access Denied")));
            case SERVER_ERROR:
                return enqueue(requestCount, error(failure.status(), failure.messageOr("Service Unavailable")));
            default:
                return enqueue(requestCount, error(failure.status(), failure.messageOr("Bad Request")));
        }
    }

    /** The next requests get 429 with {@code Retry-After} in whole seconds (Edgecast documents no rate limit). */
    @Override
    public FakeEdgecastApi throttleNext(int requestCount, Duration retryAfter) {
        long seconds = Math.max(0, (retryAfter.toMillis() + 999) / 1000);
        return enqueue(requestCount, new MockResponse.Builder().code(429).setHeader("Retry-After", seconds)
                .setHeader("Content-Type", "application/json").body("{\"Message\":\"Too Many Requests\"}").build());
    }

    /** Every PUT received (purge, bulk purge, load), whatever the answer, in order. */
    public List<EdgecastRequest> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** Purge, bulk purge and load requests received, whatever the answer. */
    @Override
    public int purgeRequestCount() {
        synchronized (lock) {
            return calls.size();
        }
    }

    /** The media paths of accepted purges and bulk purges, in order (loads are in {@link #loadedUrls()}). */
    @Override
    public List<String> purgedUrls() {
        List<String> urls = new ArrayList<>();
        for (EdgecastRequest call : calls()) {
            if (call.accepted() && !call.operation().equals("load")) {
                urls.addAll(call.mediaPaths());
            }
        }
        return urls;
    }

    /** The media paths of accepted loads, in order. */
    public List<String> loadedUrls() {
        List<String> urls = new ArrayList<>();
        for (EdgecastRequest call : calls()) {
            if (call.accepted() && call.operation().equals("load")) {
                urls.addAll(call.mediaPaths());
            }
        }
        return urls;
    }

    /** How many times the fake refused a request for the outstanding limit. */
    public int outstandingLimitAnswers() {
        synchronized (lock) {
            return limitAnswers;
        }
    }

    /** The most elements ever outstanding at once. */
    public int mostOutstanding() {
        synchronized (lock) {
            return mostOutstanding;
        }
    }

    private String nextId() {
        ids++;
        return String.format(Locale.ROOT, "%08x%04x", 0x5b8e3c00 + ids, ids);
    }

    /** Elements outstanding now: accepted, not yet complete. */
    private int outstanding(Instant now) {
        int count = 0;
        for (Outstanding request : requests.values()) {
            if (now.isBefore(request.completes())) {
                count += request.mediaPaths().size();
            }
        }
        return count;
    }

    private static MockResponse error(int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("Message", message);
        return json(status, body);
    }

    private static MockResponse json(int status, JsonNode body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    @Override
    protected MockResponse scripted(RecordedRequest request, MockResponse answer) {
        List<String> path = request.getUrl().pathSegments();
        if (request.getMethod().equals("PUT") && path.size() == 6) {
            Map.Entry<Integer, JsonNode> parsed = new Router().parse(request, path.get(5));
            calls.add(new EdgecastRequest(path.get(5), new Router().mediaPaths(parsed.getValue()),
                    parsed.getValue().path("MediaType").asInt(0), answer.getCode(), null,
                    request.getHeaders().get("Authorization")));
        }
        return answer;
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        return new Router().dispatch(request);
    }

    private final class Router {
        MockResponse dispatch(RecordedRequest request) {
            List<String> path = request.getUrl().pathSegments();
            // v2 / mcc / customers / {account} / edge / {operation} [/ {id}]
            boolean edge = path.size() >= 6 && path.get(0).equals("v2") && path.get(1).equals("mcc")
                    && path.get(2).equals("customers") && path.get(4).equals("edge");
            String operation = edge ? path.get(5) : "";
            boolean put = request.getMethod().equals("PUT") && path.size() == 6
                    && Set.of("purge", "bulkpurge", "load").contains(operation);
            boolean get = request.getMethod().equals("GET") && path.size() == 7
                    && Set.of("purge", "bulkpurge", "load").contains(operation);
            if (!put && !get) {
                return error(404, "Not Found");
            }
            String authorization = request.getHeaders().get("Authorization");
            Map.Entry<Integer, JsonNode> parsed = put ? parse(request, operation) : null;
            List<String> paths = parsed == null ? List.of() : mediaPaths(parsed.getValue());
            int mediaType = parsed == null ? 0 : parsed.getValue().path("MediaType").asInt(0);
            return answer(request, path, operation, put, parsed, paths, mediaType, authorization);
        }

        private MockResponse answer(RecordedRequest request, List<String> path, String operation, boolean put,
                                    Map.Entry<Integer, JsonNode> parsed, List<String> paths, int mediaType,
                                    String authorization) {
            Matcher auth = AUTH.matcher(authorization == null ? "" : authorization.trim());
            if (!auth.matches() || !tokens.contains(auth.group(1).trim())) {
                return record(put, operation, paths, mediaType, 401, null, authorization,
                        error(401, "Access Denied"));
            }
            if (!path.get(3).equalsIgnoreCase(account)) {
                return record(put, operation, paths, mediaType, 400, null, authorization,
                        error(400, "Invalid account number"));
            }
            Instant now = clock().instant();
            if (!put) {
                return statusForbidden ? error(403, "Access Denied") : status(operation, path.get(6), now);
            }
            if (parsed.getKey() != 200) {
                return record(true, operation, paths, mediaType, 400, null, authorization,
                        error(400, parsed.getValue().path("Message").asText()));
            }
            int outstanding = outstanding(now);
            if (outstanding + paths.size() > maxOutstanding) {
                limitAnswers++;
                return record(true, operation, paths, mediaType, 400, null, authorization, error(400, "Exceeded "
                        + "the maximum number of concurrent purge and load requests (" + maxOutstanding + ")"));
            }
            String id = nextId();
            requests.put(id, new Outstanding(operation, paths, mediaType, now, now.plus(completionDelay)));
            mostOutstanding = Math.max(mostOutstanding, outstanding + paths.size());
            return record(true, operation, paths, mediaType, 200, id, authorization,
                    json(200, JSON.createObjectNode().put("Id", id)));
        }

        private MockResponse record(boolean put, String operation, List<String> paths, int mediaType, int status,
                                    String id, String authorization, MockResponse response) {
            if (put) {
                calls.add(new EdgecastRequest(operation, paths, mediaType, status, id, authorization));
            }
            return response;
        }

        private MockResponse status(String operation, String id, Instant now) {
            Outstanding known = requests.get(id);
            if (known == null || !known.operation().equals(operation)) {
                return json(200, JSON.createObjectNode());
            }
            boolean complete = !now.isBefore(known.completes());
            if (operation.equals("bulkpurge")) {
                ObjectNode details = JSON.createObjectNode().put("Count", known.mediaPaths().size())
                        .put("Status", complete ? "completed" : "in-progress")
                        .put("Created_at", BULK_DATE.format(known.created()));
                if (complete) {
                    details.put("Completed_at", BULK_DATE.format(known.completes()));
                } else {
                    details.putNull("Completed_at");
                }
                ObjectNode body = JSON.createObjectNode();
                body.set("Status_Details", details);
                return json(200, body);
            }
            ObjectNode body = JSON.createObjectNode().put("AccountNumber", account).put("Id", id)
                    .put("InDate", COMPLETE_DATE.format(known.created()))
                    .put("MediaPath", known.mediaPaths().get(0)).put("MediaTypeId", known.mediaType());
            if (complete) {
                body.put("CompleteDate", COMPLETE_DATE.format(known.completes()));
            } else {
                body.putNull("CompleteDate");
            }
            body.putArray("Regions");
            return json(200, body);
        }

        /** 200 with the body, or 400 with {@code {"Message": why}}. */
        private Map.Entry<Integer, JsonNode> parse(RecordedRequest request, String operation) {
            JsonNode body;
            try {
                body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
            } catch (Exception e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                return Map.entry(400, JSON.createObjectNode().put("Message", "The request body is not valid JSON"));
            }
            JsonNode paths = body.path("MediaPath");
            boolean bulk = operation.equals("bulkpurge");
            if (bulk ? !paths.isArray() || paths.isEmpty() : !paths.isTextual()) {
                return Map.entry(400, JSON.createObjectNode().put("Message", bulk ? "MediaPath must be a list of "
                        + "URLs" : "MediaPath must be a URL"));
            }
            for (JsonNode item : bulk ? paths : JSON.createArrayNode().add(paths)) {
                String text = item.asText("");
                if (!item.isTextual() || !(text.startsWith("http://") || text.startsWith("https://"))) {
                    return Map.entry(400, JSON.createObjectNode().put("Message", "Invalid MediaPath: " + text));
                }
            }
            if (!body.path("MediaType").isInt() || !MEDIA_TYPES.contains(body.path("MediaType").asInt())) {
                return Map.entry(400, JSON.createObjectNode().put("Message", "Invalid MediaType"));
            }
            return Map.entry(200, body);
        }

        private List<String> mediaPaths(JsonNode body) {
            JsonNode paths = body.path("MediaPath");
            List<String> list = new ArrayList<>();
            if (paths.isArray()) {
                paths.forEach(item -> list.add(item.asText()));
            } else if (paths.isTextual()) {
                list.add(paths.asText());
            }
            return list;
        }
    }
}
