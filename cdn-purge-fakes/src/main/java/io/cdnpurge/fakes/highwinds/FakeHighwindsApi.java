package io.cdnpurge.fakes.highwinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdnpurge.fakes.Failure;
import io.cdnpurge.fakes.internal.ScriptedFake;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Highwinds's StrikeTracker API for purges on MockWebServer, as documented (CDNWS examples, the official striketracker
 * client, the support articles on purging and its rate limit):
 * <ol>
 *   <li>{@code POST /api/v1/accounts/{accountHash}/purge} with {@code {"list":[{"url", "recursive", "invalidateOnly",
 *       "purgeAllDynamic"}]}}: the flags must be JSON booleans (a string {@code "false"} is 400), a URL
 *       {@code //host/path} or {@code http(s)://host/path}; 200 {@code {"id": …}}.</li>
 *   <li>At most {@link #window(int, Duration) 100 URLs per account in any 60 seconds}: a request that would pass it is
 *       refused whole, 429 {@code {"error":"Account URL purge limit warning. … You may retry this request in N
 *       seconds.","code":429}} with {@code Retry-After: N}.</li>
 *   <li>{@code GET …/purge/{id}}: {@code {"progress": 0.0…1.0}}, rising on the fake's clock until
 *       {@link #completionDelay(Duration) 10 seconds} after acceptance.</li>
 *   <li>{@code Authorization: Bearer} with an API token it was told or a token it minted and that has not expired;
 *       else 401 {@code {"error":"This endpoint requires authentication","code":203}}. {@code POST /auth/token}
 *       (form {@code grant_type=password}) mints a token for a user it was told, valid for
 *       {@link #tokenLifetime(Duration) one hour}. {@code GET /api/v1/users/me} gives the account hash.</li>
 * </ol>
 * Thread-safe.
 */
public final class FakeHighwindsApi extends ScriptedFake<FakeHighwindsApi> {
    /** The account {@link #clientConfig()} purges unless told another. */
    public static final String DEFAULT_ACCOUNT = "a1b2c3d4";
    /** The API token {@link #clientConfig()} registers when the test told the fake none. */
    public static final String DEFAULT_TOKEN = "hw-fake-token-9c8b7a6f5e4d";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> apiTokens = new LinkedHashSet<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Map<String, Instant> minted = new HashMap<>();
    private final List<HighwindsPurge> purges = new ArrayList<>();
    private final ArrayDeque<Instant[]> window = new ArrayDeque<>();
    private final Map<String, Instant> jobs = new HashMap<>();
    private String account = DEFAULT_ACCOUNT;
    private String contentRole = "EDIT";
    private Duration completionDelay = Duration.ofSeconds(10);
    private Duration tokenLifetime = Duration.ofHours(1);
    private int windowPermits = 100;
    private Duration windowLength = Duration.ofSeconds(60);
    private boolean statusForbidden;
    private int tokensMinted;
    private int throttled;
    private int ids;

    private FakeHighwindsApi() {
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1 for account {@link #DEFAULT_ACCOUNT}, knowing no token. */
    public static FakeHighwindsApi start() {
        FakeHighwindsApi fake = new FakeHighwindsApi();
        fake.startServer("Highwinds");
        return fake;
    }

    @Override
    public String providerId() {
        return "highwinds";
    }

    /** The base URL to configure, like {@code http://127.0.0.1:PORT}. */
    @Override
    public String endpoint() {
        return base();
    }

    /** Accepts {@code Authorization: Bearer <token>}; may be called several times. */
    public FakeHighwindsApi apiToken(String token) {
        synchronized (lock) {
            apiTokens.add(Objects.requireNonNull(token, "token cannot be null"));
        }
        return this;
    }

    /** A user whose password {@code POST /auth/token} exchanges for a token. */
    public FakeHighwindsApi user(String username, String password) {
        synchronized (lock) {
            users.put(Objects.requireNonNull(username, "username cannot be null"),
                    Objects.requireNonNull(password, "password cannot be null"));
        }
        return this;
    }

    /** How long a minted token is valid; one hour unless set ({@code expires_in} says so). */
    public FakeHighwindsApi tokenLifetime(Duration lifetime) {
        synchronized (lock) {
            tokenLifetime = Objects.requireNonNull(lifetime, "lifetime cannot be null");
        }
        return this;
    }

    /** Every token minted so far expires now, as a lifetime passing mid-purge would make it. */
    public FakeHighwindsApi expireMintedTokens() {
        synchronized (lock) {
            Instant now = clock().instant();
            minted.replaceAll((token, expiry) -> now);
        }
        return this;
    }

    /** The account hash this fake serves. */
    public FakeHighwindsApi account(String accountHash) {
        synchronized (lock) {
            account = Objects.requireNonNull(accountHash, "accountHash cannot be null");
        }
        return this;
    }

    /** The rate limit: at most {@code permits} URLs in any {@code length}; 100 in 60 s unless set. */
    public FakeHighwindsApi window(int permits, Duration length) {
        synchronized (lock) {
            windowPermits = permits;
            windowLength = Objects.requireNonNull(length, "length cannot be null");
        }
        return this;
    }

    /** How long after acceptance a job's progress reaches 1; 10 seconds unless set. */
    public FakeHighwindsApi completionDelay(Duration delay) {
        synchronized (lock) {
            completionDelay = Objects.requireNonNull(delay, "delay cannot be null");
        }
        return this;
    }

    /** Every later progress question gets 403, as for a user who may purge but not read jobs. */
    public FakeHighwindsApi forbidStatusQuestions() {
        synchronized (lock) {
            statusForbidden = true;
        }
        return this;
    }

    /**
     * The user's content role in {@code GET /api/v1/users/me} ({@code roles.userAccount.content}): {@code EDIT} unless
     * set; StrikeTracker's permissions are {@code NONE}, {@code VIEW} and {@code EDIT}.
     */
    public FakeHighwindsApi contentRole(String role) {
        synchronized (lock) {
            contentRole = Objects.requireNonNull(role, "role cannot be null");
        }
        return this;
    }

    /** {@code highwinds.apiToken} (a token told, else {@link #DEFAULT_TOKEN}), the account, the endpoint, a timeout. */
    @Override
    public Map<String, String> clientConfig() {
        String token;
        String hash;
        synchronized (lock) {
            token = apiTokens.isEmpty() ? null : apiTokens.iterator().next();
            hash = account;
        }
        if (token == null) {
            apiToken(DEFAULT_TOKEN);
            token = DEFAULT_TOKEN;
        }
        return Map.of("highwinds.apiToken", token, "highwinds.accountHash", hash, "highwinds.endpoint", endpoint(),
                "highwinds.timeout", CLIENT_TIMEOUT);
    }

    /** The API tokens and passwords it accepts, and every token it minted. */
    @Override
    public List<String> secrets() {
        synchronized (lock) {
            List<String> all = new ArrayList<>(apiTokens);
            all.addAll(users.values());
            all.addAll(minted.keySet());
            return all;
        }
    }

    /**
     * Authentication: 401 {@code {"error":"This endpoint requires authentication","code":203}}; permission: 403; a
     * server error: the status; a given failure: its status, message and numeric code.
     */
    @Override
    public FakeHighwindsApi failNext(int requests, Failure failure) {
        Objects.requireNonNull(failure, "failure cannot be null");
        switch (failure.kind()) {
            case AUTHENTICATION:
                return enqueue(requests, error(401, failure.messageOr("This endpoint requires authentication"),
                        Integer.parseInt(failure.codeOr("203"))));
            case PERMISSION:
                return enqueue(requests, error(403, failure.messageOr("Forbidden"),
                        Integer.parseInt(failure.codeOr("403"))));
            default:
                return enqueue(requests, error(failure.status(), failure.messageOr(failure.kind()
                        == Failure.Kind.SERVER_ERROR ? "Service Unavailable" : "Bad Request"),
                        Integer.parseInt(failure.codeOr(String.valueOf(failure.status())))));
        }
    }

    @Override
    public FakeHighwindsApi throttleNext(int requests, Duration retryAfter) {
        long seconds = Math.max(0, (retryAfter.toMillis() + 999) / 1000);
        return enqueue(requests, limitAnswer(seconds));
    }

    /** Every purge request received, whatever the answer, in order. */
    public List<HighwindsPurge> purges() {
        synchronized (lock) {
            return List.copyOf(purges);
        }
    }

    @Override
    public int purgeRequestCount() {
        synchronized (lock) {
            return purges.size();
        }
    }

    /** The URLs of accepted purges, as sent ({@code //host/path} or with a scheme), in order. */
    @Override
    public List<String> purgedUrls() {
        List<String> urls = new ArrayList<>();
        for (HighwindsPurge purge : purges()) {
            if (purge.accepted()) {
                purge.items().forEach(item -> urls.add(item.url()));
            }
        }
        return urls;
    }

    /** How many requests the window refused with 429 (scripted throttles not counted). */
    public int windowRefusals() {
        synchronized (lock) {
            return throttled;
        }
    }

    /** How many tokens {@code POST /auth/token} minted. */
    public int tokensMinted() {
        synchronized (lock) {
            return tokensMinted;
        }
    }

    private static MockResponse error(int status, String message, int code) {
        ObjectNode body = JSON.createObjectNode().put("error", message).put("code", code);
        return json(status, body);
    }

    private static MockResponse limitAnswer(long seconds) {
        return new MockResponse.Builder().code(429).setHeader("Retry-After", seconds)
                .setHeader("Content-Type", "application/json")
                .body(JSON.createObjectNode().put("error", "Account URL purge limit warning. You have purged too "
                        + "many URLs in the last minute. You may retry this request in " + seconds + " seconds.")
                        .put("code", 429).toString()).build();
    }

    private static MockResponse json(int status, JsonNode body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    private static boolean isPurge(RecordedRequest request, List<String> path) {
        return request.getMethod().equals("POST") && path.size() == 5 && path.get(0).equals("api")
                && path.get(1).equals("v1") && path.get(2).equals("accounts") && path.get(4).equals("purge");
    }

    @Override
    protected MockResponse scripted(RecordedRequest request, MockResponse answer) {
        if (isPurge(request, request.getUrl().pathSegments())) {
            List<HighwindsPurge.Item> items = new Router().items(request);
            purges.add(new HighwindsPurge(items == null ? List.of() : items, answer.getCode(), null,
                    request.getHeaders().get("X-Application-Id")));
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
            boolean purge = isPurge(request, path);
            List<HighwindsPurge.Item> items = purge ? items(request) : null;
            String applicationId = request.getHeaders().get("X-Application-Id");
            if (request.getMethod().equals("POST") && path.equals(List.of("auth", "token"))) {
                return mint(request);
            }
            if (!authorized(request)) {
                MockResponse denied = error(401, "This endpoint requires authentication", 203);
                return purge ? record(items, denied, 401, null, applicationId) : denied;
            }
            if (request.getMethod().equals("GET") && path.equals(List.of("api", "v1", "users", "me"))) {
                com.fasterxml.jackson.databind.node.ObjectNode me = JSON.createObjectNode().put("id", 4242)
                        .put("accountHash", account).put("username", "purger").put("accountName", "Acme")
                        .put("userType", "Normal").put("status", "ACTIVE");
                me.putObject("roles").putObject("userAccount").put("report", "VIEW").put("account", "VIEW")
                        .put("content", contentRole).put("configuration", "VIEW");
                return json(200, me);
            }
            boolean known = path.size() >= 4 && path.get(3).equals(account);
            if (purge) {
                if (!known) {
                    return record(items, error(404, "Account not found", 404), 404, null, applicationId);
                }
                return purge(items, applicationId);
            }
            if (request.getMethod().equals("GET") && path.size() == 6 && path.get(2).equals("accounts")
                    && path.get(4).equals("purge")) {
                if (statusForbidden) {
                    return error(403, "Forbidden", 403);
                }
                Instant created = known ? jobs.get(path.get(5)) : null;
                if (created == null) {
                    return error(404, "Purge job not found", 404);
                }
                long elapsed = Duration.between(created, clock().instant()).toMillis();
                double progress = completionDelay.isZero() ? 1.0
                        : Math.min(1.0, elapsed / (double) completionDelay.toMillis());
                return json(200, JSON.createObjectNode().put("progress", progress));
            }
            return error(404, "Not Found", 404);
        }

        private MockResponse mint(RecordedRequest request) {
            Map<String, String> form = new HashMap<>();
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String password = users.get(form.get("username"));
            if (!"password".equals(form.get("grant_type")) || password == null
                    || !password.equals(form.get("password"))) {
                return error(401, "Invalid username or password", 401);
            }
            tokensMinted++;
            String token = "hw-minted-" + tokensMinted + "-" + Integer.toHexString(Objects.hash(form.get("username"),
                    tokensMinted, clock().instant()));
            minted.put(token, clock().instant().plus(tokenLifetime));
            return json(200, JSON.createObjectNode().put("access_token", token).put("token_type", "bearer")
                    .put("expires_in", tokenLifetime.toSeconds()));
        }

        private boolean authorized(RecordedRequest request) {
            String header = request.getHeaders().get("Authorization");
            if (header == null || !header.startsWith("Bearer ")) {
                return false;
            }
            String token = header.substring("Bearer ".length()).trim();
            Instant expiry = minted.get(token);
            return apiTokens.contains(token) || expiry != null && clock().instant().isBefore(expiry);
        }

        private MockResponse purge(List<HighwindsPurge.Item> items, String applicationId) {
            if (items == null || items.isEmpty()) {
                return record(items, error(400, "Invalid purge request: list must hold URLs with boolean flags",
                        400), 400, null, applicationId);
            }
            Instant now = clock().instant();
            while (!window.isEmpty() && !window.peekFirst()[0].plus(windowLength).isAfter(now)) {
                window.pollFirst();
            }
            if (window.size() + items.size() > windowPermits) {
                throttled++;
                // room comes when enough of the oldest URLs leave the window
                int over = window.size() + items.size() - windowPermits;
                Iterator<Instant[]> each = window.iterator();
                Instant free = now;
                for (int i = 0; i < over && each.hasNext(); i++) {
                    free = each.next()[0].plus(windowLength);
                }
                long seconds = Math.max(1, (Duration.between(now, free).toMillis() + 999) / 1000);
                return record(items, limitAnswer(seconds), 429, null, applicationId);
            }
            for (int i = 0; i < items.size(); i++) {
                window.addLast(new Instant[] {now});
            }
            String id = "job-" + (++ids);
            jobs.put(id, now);
            return record(items, json(200, JSON.createObjectNode().put("id", id)), 200, id, applicationId);
        }

        private MockResponse record(List<HighwindsPurge.Item> items, MockResponse response, int status, String id,
                                    String applicationId) {
            purges.add(new HighwindsPurge(items == null ? List.of() : items, status, id, applicationId));
            return response;
        }

        /** The list's items, or null when the body is not the documented shape (flags must be booleans). */
        private List<HighwindsPurge.Item> items(RecordedRequest request) {
            JsonNode body;
            try {
                body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
            } catch (Exception e) {
                return null;
            }
            if (body == null || !body.path("list").isArray()) {
                return null;
            }
            List<HighwindsPurge.Item> items = new ArrayList<>();
            for (JsonNode item : body.path("list")) {
                String url = item.path("url").asText("");
                boolean urlOk = url.startsWith("//") || url.startsWith("http://") || url.startsWith("https://");
                for (String flag : List.of("recursive", "invalidateOnly", "purgeAllDynamic")) {
                    if (item.has(flag) && !item.path(flag).isBoolean()) {
                        return null;
                    }
                }
                if (!urlOk) {
                    return null;
                }
                items.add(new HighwindsPurge.Item(url, item.path("recursive").asBoolean(false),
                        item.path("invalidateOnly").asBoolean(false), item.path("purgeAllDynamic").asBoolean(false)));
            }
            return items;
        }
    }
}
