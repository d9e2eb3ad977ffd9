package io.cdnpurge.fakes.cloudfront;

import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.internal.NoDelayServerSocketFactory;
import io.cdnpurge.testing.FakeClock;

import io.cdnpurge.fakes.cloudfront.FakeCloudFrontAccount.Scope;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontXml.Failure;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A fake of the CloudFront invalidation API (REST-XML, API version {@code 2020-05-31}) on a local
 * {@link MockWebServer}, strict enough to prove a client correct: it checks SigV4 (fully once
 * {@link #credentials credentials} are set), the {@code InvalidationBatch}, the CallerReference rules and the in-flight
 * quotas the way CloudFront does, answers in CloudFront's XML, and keeps every invalidation.
 *
 * <pre>{@code
 * try (FakeCloudFrontApi cloudFront = FakeCloudFrontApi.start()
 *         .credentials("AKIDEXAMPLE", "secret")
 *         .distribution("EDFDVBD6EXAMPLE", "www.example.com")
 *         .clock(clock)) {
 *     cloudFront.throttleNext(1);
 *     // point the client at cloudFront.endpoint() (region us-east-1) and purge ...
 *     assertThat(cloudFront.invalidations()).singleElement()
 *             .extracting(CloudFrontInvalidation::paths).isEqualTo(List.of("/a.css"));
 * }
 * }</pre>
 *
 * <p>Routes, relative to {@link #endpoint()}: {@code POST|GET /2020-05-31/distribution/{id}/invalidation}
 * (CreateInvalidation, ListInvalidations), {@code GET /2020-05-31/distribution/{id}/invalidation/{invalidationId}}
 * (GetInvalidation), {@code GET /2020-05-31/distribution} (ListDistributions), {@code GET
 * /2020-05-31/distribution-tenant/{id}} (GetDistributionTenant: the tenant and its {@code DistributionId}), and the
 * same three invalidation routes under {@code /2020-05-31/distribution-tenant/{id}}. Lists take {@code Marker} (the id after which to go on)
 * and {@code MaxItems} (100 by default). Checks, in order; the first failure answers with an {@code ErrorResponse}:
 * <ol>
 *   <li>a scripted answer ({@link #throttleNext}, {@link #failNext}) replaces everything below;</li>
 *   <li>another path: 404 {@code NotFound}; another method on a known path: 405 {@code MethodNotAllowed} (the
 *       fake's own codes);</li>
 *   <li>no {@code Authorization} or {@code X-Amz-Date}: 403 {@code MissingAuthenticationToken}; a header that is
 *       not SigV4: 400 {@code IncompleteSignature}; a credential scope other than
 *       {@code <yyyymmdd of X-Amz-Date>/us-east-1/cloudfront/aws4_request}: 403 {@code SignatureDoesNotMatch}
 *       naming the wrong part. With credentials set: an unknown key 403 {@code InvalidClientTokenId}, {@code host}
 *       not signed 400 {@code IncompleteSignature}, a wrong signature 403 {@code SignatureDoesNotMatch} with the
 *       canonical request and string to sign the fake expected. The request time is not compared with the clock;</li>
 *   <li>an action {@link #deny denied}: 403 {@code AccessDenied};</li>
 *   <li>an unknown distribution: 404 {@code NoSuchDistribution}; tenant: 404 {@code EntityNotFound}; invalidation:
 *       404 {@code NoSuchInvalidation};</li>
 *   <li>for a create: no body 400 {@code MissingBody}; bad XML, a root other than {@code InvalidationBatch} in the
 *       2020-05-31 namespace or a non-numeric {@code Quantity} 400 {@code MalformedInput}; {@code Quantity} not the
 *       number of {@code Items} 400 {@code InconsistentQuantities}; no paths, no {@code CallerReference}, or a path
 *       not starting with {@code /} or {@code #}, over 4,000 characters or with a {@code *} before its end (a
 *       {@code #tag}: 1–256 printable ASCII characters, no comma, no {@code *}) 400 {@code InvalidArgument};</li>
 *   <li>a CallerReference used before in the same distribution or tenant: the same set of paths answers 201 with
 *       the earlier invalidation and stores nothing; other paths 409 {@code InvalidationBatchAlreadyExists};</li>
 *   <li>file or wildcard paths in progress on the distribution (its tenants' included) plus the batch's over the
 *       {@link #quotas quotas}: 400 {@code TooManyInvalidationsInProgress}.</li>
 * </ol>
 * An invalidation is {@code InProgress} until its {@code CreateTime} plus the {@link #completionDelay completion
 * delay} on the fake's clock, then {@code Completed}. Distribution routes show only invalidations made through them,
 * tenant routes only the tenant's. Every answer carries {@code Content-Type: text/xml} and {@code x-amz-request-id}.
 *
 * <p>Thread-safe: configure, script and inspect from any thread while the client sends concurrently.
 */
public final class FakeCloudFrontApi implements FakeVendorApi {
    private static final String VERSION = "2020-05-31";

    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final List<String> requestLines = new ArrayList<>();
    private final FakeCloudFrontAccount account = new FakeCloudFrontAccount();
    private final Map<String, String> secrets = new java.util.LinkedHashMap<>();
    private final Set<String> denied = new HashSet<>();
    private final ArrayDeque<Failure> script = new ArrayDeque<>();
    private final ArrayDeque<MockResponse> rawAnswers = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private Clock clock = new FakeClock();
    private int dropsLeft;
    private int stallsLeft;
    private String scriptedAction;

    private FakeCloudFrontApi() {
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1; it knows no distributions until told. */
    public static FakeCloudFrontApi start() {
        FakeCloudFrontApi fake = new FakeCloudFrontApi();
        NoDelayServerSocketFactory.startOnLoopback(fake.server, fake.new Router(), "CloudFront");
        return fake;
    }

    /** The endpoint to configure the client with, like {@code http://127.0.0.1:PORT} (no trailing slash). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * Accepts this key and verifies every signature made with it; may be called for several keys. Until a key is
     * set, any SigV4 header with a CloudFront credential scope passes and signatures are not checked.
     */
    public FakeCloudFrontApi credentials(String accessKeyId, String secretAccessKey) {
        Objects.requireNonNull(accessKeyId, "accessKeyId cannot be null");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey cannot be null");
        synchronized (lock) {
            secrets.put(accessKeyId, secretAccessKey);
        }
        return this;
    }

    /**
     * The clock of {@code CreateTime} and of completion, shared with the clients made with {@link #options()}; a
     * clock of its own unless set. Read at every request.
     */
    public FakeCloudFrontApi clock(Clock newClock) {
        Objects.requireNonNull(newClock, "clock cannot be null");
        synchronized (lock) {
            clock = newClock;
        }
        return this;
    }

    /** The key {@link #clientConfig()} registers when the test told the fake none. */
    public static final String DEFAULT_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    /** The secret of {@link #DEFAULT_ACCESS_KEY}. */
    public static final String DEFAULT_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** The distribution {@link #clientConfig()} registers, for {@code www.example.com}, when the test told none. */
    public static final String DEFAULT_DISTRIBUTION = "E2QWRUHAPOMQZL";

    @Override
    public String providerId() {
        return "cloudfront";
    }

    @Override
    public Clock clock() {
        synchronized (lock) {
            return clock;
        }
    }

    /**
     * {@code cloudfront.accessKeyId} and {@code .secretAccessKey} (a key told, else {@link #DEFAULT_ACCESS_KEY},
     * which it then accepts), {@code cloudfront.distributionId} (the first distribution, else
     * {@link #DEFAULT_DISTRIBUTION} for {@code www.example.com}), {@code cloudfront.region} and
     * {@code cloudfront.endpoint}.
     */
    @Override
    public Map<String, String> clientConfig() {
        String key;
        String secret;
        String distribution;
        synchronized (lock) {
            key = secrets.isEmpty() ? null : secrets.keySet().iterator().next();
            secret = key == null ? null : secrets.get(key);
            distribution = account.firstDistribution();
        }
        if (key == null) {
            credentials(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
            key = DEFAULT_ACCESS_KEY;
            secret = DEFAULT_SECRET_KEY;
        }
        if (distribution == null) {
            distribution(DEFAULT_DISTRIBUTION, "www.example.com");
            distribution = DEFAULT_DISTRIBUTION;
        }
        return Map.of("cloudfront.accessKeyId", key, "cloudfront.secretAccessKey", secret,
                "cloudfront.distributionId", distribution, "cloudfront.region", "us-east-1",
                "cloudfront.endpoint", endpoint(), "cloudfront.timeout", CLIENT_TIMEOUT);
    }

    @Override
    public List<String> secrets() {
        synchronized (lock) {
            return List.copyOf(secrets.values());
        }
    }

    /**
     * Authentication: 403 {@code InvalidClientTokenId}; permission: 403 {@code AccessDenied} (for every action, as
     * {@link #deny} does for one); a server error: the status, {@code ServiceUnavailable}; a given failure: its status,
     * its code and message. {@code Type} is {@code Receiver} for a 5xx status, else {@code Sender}.
     */
    @Override
    public FakeCloudFrontApi failNext(int requests, io.cdnpurge.fakes.Failure failure) {
        Objects.requireNonNull(failure, "failure cannot be null");
        switch (failure.kind()) {
            case AUTHENTICATION:
                return failNext(requests, 403, failure.codeOr("InvalidClientTokenId"),
                        failure.messageOr("The security token included in the request is invalid."));
            case PERMISSION:
                return failNext(requests, 403, failure.codeOr("AccessDenied"),
                        failure.messageOr("User is not authorized to perform this action."));
            case SERVER_ERROR:
                return failNext(requests, failure.status(), failure.codeOr("ServiceUnavailable"),
                        failure.messageOr("CloudFront is temporarily unavailable."));
            default:
                return failNext(requests, failure.status(), failure.codeOr("InvalidArgument"),
                        failure.messageOr("error"));
        }
    }

    /** Like {@link #throttleNext(int)}: CloudFront's {@code Throttling} answer names no wait, so none is sent. */
    @Override
    public FakeCloudFrontApi throttleNext(int requests, Duration retryAfter) {
        return throttleNext(requests);
    }

    /** The next {@code requests} requests are read and the connection is closed without an answer (nothing stored). */
    @Override
    public FakeCloudFrontApi disconnectNext(int requests) {
        positive(requests);
        synchronized (lock) {
            for (int i = 0; i < requests; i++) {
                rawAnswers.add(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
            }
        }
        return this;
    }

    /** CreateInvalidation requests received (distribution or tenant), whatever the answer. */
    @Override
    public int purgeRequestCount() {
        synchronized (lock) {
            return (int) requests.stream().filter(request -> request.getMethod().equals("POST")).count();
        }
    }

    /** The paths of every invalidation stored, in order. */
    @Override
    public List<String> purgedUrls() {
        List<String> paths = new ArrayList<>();
        for (CloudFrontInvalidation invalidation : invalidations()) {
            paths.addAll(invalidation.paths());
        }
        return paths;
    }

    /** How long after its {@code CreateTime} an invalidation stays {@code InProgress}; 2 seconds unless set. */
    public FakeCloudFrontApi completionDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay cannot be null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay cannot be negative, got " + delay);
        }
        synchronized (lock) {
            account.completionDelay(delay);
        }
        return this;
    }

    /** Registers a distribution with its CNAME aliases; its domain name is {@code <lower-case id>.cloudfront.net}. */
    public FakeCloudFrontApi distribution(String distributionId, String... aliases) {
        requireId(distributionId, "distributionId");
        List<String> names = Arrays.stream(aliases).map(alias -> Objects.requireNonNull(alias,
                "alias cannot be null")).toList();
        synchronized (lock) {
            account.distribution(distributionId, names);
        }
        return this;
    }

    /**
     * Registers a distribution tenant of a distribution registered before. Its invalidations count against the
     * distribution's quotas. No route of the fake shows the domains; they are accepted for symmetry with
     * {@link #distribution}.
     */
    public FakeCloudFrontApi tenant(String tenantId, String distributionId, String... domains) {
        requireId(tenantId, "tenantId");
        requireId(distributionId, "distributionId");
        Arrays.stream(domains).forEach(domain -> Objects.requireNonNull(domain, "domain cannot be null"));
        synchronized (lock) {
            if (!account.hasDistribution(distributionId)) {
                throw new IllegalArgumentException("distribution '" + distributionId + "' of tenant '" + tenantId
                        + "' is not registered; call distribution(...) first");
            }
            account.tenant(tenantId, distributionId);
        }
        return this;
    }

    /** In-flight limits per distribution: 3,000 file paths and 15 wildcard paths, as at CloudFront, unless set. */
    public FakeCloudFrontApi quotas(int filePathsInFlight, int wildcardPathsInFlight) {
        if (filePathsInFlight < 0 || wildcardPathsInFlight < 0) {
            throw new IllegalArgumentException("quotas cannot be negative, got " + filePathsInFlight + " and "
                    + wildcardPathsInFlight);
        }
        synchronized (lock) {
            account.quotas(filePathsInFlight, wildcardPathsInFlight);
        }
        return this;
    }

    /**
     * Refuses one IAM action with 403 {@code AccessDenied}: {@code cloudfront:CreateInvalidation},
     * {@code cloudfront:GetInvalidation}, {@code cloudfront:ListInvalidations}, {@code cloudfront:ListDistributions},
     * {@code cloudfront:CreateInvalidationForDistributionTenant},
     * {@code cloudfront:GetInvalidationForDistributionTenant} or {@code cloudfront:ListInvalidationsForDistributionTenant}.
     */
    public FakeCloudFrontApi deny(String action) {
        Objects.requireNonNull(action, "action cannot be null");
        Set<String> known = Arrays.stream(Operation.values()).map(op -> op.action).collect(Collectors.toSet());
        if (!known.contains(action)) {
            throw new IllegalArgumentException("action '" + action + "' is not one of " + known);
        }
        synchronized (lock) {
            denied.add(action);
        }
        return this;
    }

    /** The next {@code count} requests, of any operation, get 400 {@code Throttling} "Rate exceeded". */
    public FakeCloudFrontApi throttleNext(int count) {
        return enqueue(count, new Failure(400, "Throttling", "Rate exceeded"));
    }

    /**
     * The next {@code count} requests, of any operation, get this status and error; {@code Type} is
     * {@code Receiver} for a 5xx status, else {@code Sender}.
     */
    public FakeCloudFrontApi failNext(int count, int httpStatus, String code, String message) {
        Objects.requireNonNull(code, "code cannot be null");
        Objects.requireNonNull(message, "message cannot be null");
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 400-599, got " + httpStatus);
        }
        return enqueue(count, new Failure(httpStatus, code, message));
    }

    /**
     * The next {@code count} CreateInvalidation requests (distribution or tenant) that no scripted answer takes are
     * processed as usual, an accepted one stored, and then the connection is closed without an answer, so the client
     * sees an {@link IOException} for an invalidation that exists.
     */
    public FakeCloudFrontApi dropResponseNext(int count) {
        positive(count);
        synchronized (lock) {
            dropsLeft += count;
        }
        return this;
    }

    /**
     * The next {@code count} requests (of the {@link #scriptOnly} action, if set) get exactly this answer, whatever they hold: a status, headers and a body
     * the vendor would not send on its own (an HTML page from a proxy with 200, a 403 of unknown shape, a 503 with
     * {@code Retry-After}).
     */
    public FakeCloudFrontApi answerNext(int count, int httpStatus, Map<String, String> headers, String body) {
        MockResponse.Builder response = new MockResponse.Builder().code(httpStatus).body(body);
        headers.forEach(response::setHeader);
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                rawAnswers.add(response.build());
            }
        }
        return this;
    }

    /**
     * Scripted answers ({@link #throttleNext}, {@link #failNext}, {@link #stallNext}) go only to requests of this IAM
     * action, such as {@code cloudfront:CreateInvalidation}; other requests are answered as usual meanwhile.
     */
    public FakeCloudFrontApi scriptOnly(String action) {
        Objects.requireNonNull(action, "action cannot be null");
        synchronized (lock) {
            scriptedAction = action;
        }
        return this;
    }

    /**
     * The next {@code count} requests (any operation, or those of {@link #scriptOnly}) are read and never answered nor processed, until the client
     * gives up or the fake is closed: a timeout.
     */
    public FakeCloudFrontApi stallNext(int count) {
        positive(count);
        synchronized (lock) {
            stallsLeft += count;
        }
        return this;
    }

    /**
     * Stores someone else's invalidation on a registered distribution, created now and in progress: paths
     * {@code /other-1} … {@code /other-<filePaths>} and {@code /other-dir-1/*} … It is not checked against the
     * quotas, so a test can fill them exactly.
     *
     * @return its id
     */
    public String inProgressInvalidation(String distributionId, int filePaths, int wildcardPaths) {
        requireId(distributionId, "distributionId");
        if (filePaths < 0 || wildcardPaths < 0 || filePaths + wildcardPaths == 0) {
            throw new IllegalArgumentException("an invalidation needs at least one path, got " + filePaths
                    + " file and " + wildcardPaths + " wildcard paths");
        }
        synchronized (lock) {
            if (!account.hasDistribution(distributionId)) {
                throw new IllegalArgumentException("distribution '" + distributionId + "' is not registered");
            }
            return account.inProgress(distributionId, filePaths, wildcardPaths, clock.instant()).id();
        }
    }

    /** Every invalidation stored, in creation order, those of {@link #inProgressInvalidation} included. */
    public List<CloudFrontInvalidation> invalidations() {
        synchronized (lock) {
            return account.invalidations();
        }
    }

    /** Every HTTP request received, in arrival order, whatever the answer (MockWebServer's record of it). */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** How many times the fake answered {@code TooManyInvalidationsInProgress}. */
    public int tooManyInvalidationsAnswers() {
        synchronized (lock) {
            return account.tooManyInvalidationsAnswers();
        }
    }

    /** The most file paths ever in progress at once on one distribution (its tenants' included). */
    public int maxFilePathsInFlight() {
        synchronized (lock) {
            return account.maxFilePathsInFlight();
        }
    }

    /** The most wildcard paths ever in progress at once on one distribution (its tenants' included). */
    public int maxWildcardPathsInFlight() {
        synchronized (lock) {
            return account.maxWildcardPathsInFlight();
        }
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
            return requests.size();
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    private FakeCloudFrontApi enqueue(int count, Failure failure) {
        positive(count);
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                script.add(failure);
            }
        }
        return this;
    }

    private static void positive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
    }

    private static void requireId(String id, String name) {
        Objects.requireNonNull(id, name + " cannot be null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(name + " cannot be empty");
        }
    }

    /** The operations, each with its HTTP method and IAM action. */
    private enum Operation {
        LIST_DISTRIBUTIONS("GET", "cloudfront:ListDistributions"),
        GET_TENANT("GET", "cloudfront:GetDistributionTenant"),
        CREATE("POST", "cloudfront:CreateInvalidation"),
        GET("GET", "cloudfront:GetInvalidation"),
        LIST("GET", "cloudfront:ListInvalidations"),
        TENANT_CREATE("POST", "cloudfront:CreateInvalidationForDistributionTenant"),
        TENANT_GET("GET", "cloudfront:GetInvalidationForDistributionTenant"),
        TENANT_LIST("GET", "cloudfront:ListInvalidationsForDistributionTenant");

        final String method;
        final String action;

        Operation(String method, String action) {
            this.method = method;
            this.action = action;
        }

        boolean tenant() {
            return name().startsWith("TENANT_") || this == GET_TENANT;
        }

        boolean create() {
            return this == CREATE || this == TENANT_CREATE;
        }
    }

    /** An operation and the ids from its path; {@code resourceId} is the distribution's or tenant's. */
    private record Route(Operation operation, String resourceId, String invalidationId) {

        /** The route of a request, or a 404 or 405 failure. */
        static Route of(String method, List<String> path) {
            List<Operation> candidates = new ArrayList<>();
            String resource = path.size() > 2 ? path.get(2) : null;
            String invalidation = path.size() > 4 ? path.get(4) : null;
            if (path.size() >= 2 && path.get(0).equals(VERSION)) {
                boolean distribution = path.get(1).equals("distribution");
                boolean tenant = path.get(1).equals("distribution-tenant");
                boolean invalidations = path.size() >= 4 && path.get(3).equals("invalidation");
                if (distribution && path.size() == 2) {
                    candidates.add(Operation.LIST_DISTRIBUTIONS);
                } else if (tenant && path.size() == 3) {
                    candidates.add(Operation.GET_TENANT);
                } else if ((distribution || tenant) && invalidations && path.size() == 4) {
                    candidates.add(tenant ? Operation.TENANT_CREATE : Operation.CREATE);
                    candidates.add(tenant ? Operation.TENANT_LIST : Operation.LIST);
                } else if ((distribution || tenant) && invalidations && path.size() == 5) {
                    candidates.add(tenant ? Operation.TENANT_GET : Operation.GET);
                }
            }
            if (candidates.isEmpty()) {
                throw new Failure(404, "NotFound", "The fake CloudFront API has no operation at /"
                        + String.join("/", path) + "; it serves /" + VERSION + "/distribution, /" + VERSION
                        + "/distribution[-tenant]/{Id}/invalidation and .../invalidation/{Id}");
            }
            for (Operation operation : candidates) {
                if (operation.method.equals(method)) {
                    return new Route(operation, resource, invalidation);
                }
            }
            throw new Failure(405, "MethodNotAllowed", method + " is not allowed here; use "
                    + candidates.stream().map(op -> op.method).collect(Collectors.joining(" or ")));
        }

        String resourceArn() {
            String kind = operation.tenant() ? "distribution-tenant/" : "distribution/";
            return "arn:aws:cloudfront::" + FakeCloudFrontXml.ACCOUNT + ":" + kind
                    + (resourceId == null ? "*" : resourceId);
        }
    }

    /** Decides every answer under the lock; MockWebServer writes it (or drops the connection) outside it. */
    private final class Router extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String requestId = UUID.randomUUID().toString();
            synchronized (lock) {
                requests.add(request);
                requestLines.add(request.getMethod() + " " + request.getTarget());
                boolean scriptable = scriptedAction == null || scriptedAction.equals(actionOf(request));
                if (scriptable && stallsLeft > 0) {
                    stallsLeft--;
                    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
                }
                MockResponse raw = scriptable ? rawAnswers.poll() : null;
                if (raw != null) {
                    return raw;
                }
                Failure scripted = scriptable ? script.poll() : null;
                if (scripted != null) {
                    return error(scripted, requestId);
                }
                Route route = null;
                MockResponse response;
                try {
                    route = Route.of(request.getMethod(), request.getUrl().pathSegments());
                    response = answer(request, route, requestId);
                } catch (Failure failure) {
                    response = error(failure, requestId);
                }
                if (route != null && route.operation().create() && dropsLeft > 0) {
                    dropsLeft--;
                    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
                }
                return response;
            }
        }

        private String actionOf(RecordedRequest request) {
            try {
                return Route.of(request.getMethod(), request.getUrl().pathSegments()).operation().action;
            } catch (Failure unknownRoute) {
                return null;
            }
        }

        private MockResponse answer(RecordedRequest request, Route route, String requestId) {
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
            Failure unsigned = FakeCloudFrontSigV4.check(request.getMethod(), request.getTarget(),
                    request.getHeaders().toMultimap(), body, secrets);
            if (unsigned != null) {
                throw unsigned;
            }
            Operation operation = route.operation();
            if (denied.contains(operation.action)) {
                throw new Failure(403, "AccessDenied", "User: arn:aws:iam::" + FakeCloudFrontXml.ACCOUNT
                        + ":user/test is not authorized to perform: " + operation.action + " on resource: "
                        + route.resourceArn());
            }
            Instant now = clock.instant();
            if (operation == Operation.LIST_DISTRIBUTIONS) {
                return ok(account.listDistributions(marker(request), request.getUrl().queryParameter("MaxItems")),
                        requestId);
            }
            Scope scope = operation.tenant() ? account.tenantScope(route.resourceId())
                    : account.distributionScope(route.resourceId());
            if (operation == Operation.GET_TENANT) {
                return FakeCloudFrontXml.response(200, FakeCloudFrontXml.distributionTenant(scope.tenantId(),
                        scope.distributionId()), requestId, Map.of("ETag", "E" + Math.abs(scope.hashCode())));
            }
            if (operation.create()) {
                CloudFrontInvalidation created = account.create(scope, FakeCloudFrontXml.parseBatch(body), now);
                String location = endpoint() + "/" + VERSION + (operation.tenant() ? "/distribution-tenant/"
                        : "/distribution/") + route.resourceId() + "/invalidation/" + created.id();
                return FakeCloudFrontXml.response(201, FakeCloudFrontXml.invalidation(created,
                        account.status(created, now)), requestId, Map.of("Location", location));
            }
            if (route.invalidationId() != null) {
                CloudFrontInvalidation found = account.get(scope, route.invalidationId());
                return ok(FakeCloudFrontXml.invalidation(found, account.status(found, now)), requestId);
            }
            return ok(account.list(scope, marker(request), request.getUrl().queryParameter("MaxItems"), now),
                    requestId);
        }

        private String marker(RecordedRequest request) {
            String marker = request.getUrl().queryParameter("Marker");
            return marker == null ? "" : marker;
        }

        private MockResponse ok(String xml, String requestId) {
            return FakeCloudFrontXml.response(200, xml, requestId, Map.of());
        }

        private MockResponse error(Failure failure, String requestId) {
            return FakeCloudFrontXml.response(failure.status, FakeCloudFrontXml.error(failure, requestId),
                    requestId, Map.of());
        }
    }
}
