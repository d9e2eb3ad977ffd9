package io.cdnpurge.edgecast.internal;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.edgecast.EdgecastPlatform;
import io.cdnpurge.http.HttpJson;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.http.Json;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.CompletionCheck;
import io.cdnpurge.spi.InFlightQuota;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.VendorRequests;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Edgecast's purge and load calls on the classic MCC REST API, under {@code /v2/mcc/customers/{account}}:
 * <ul>
 *   <li>one target: {@code PUT /edge/purge} with {@code {"MediaPath":"https://cdn.example.com/a.css","MediaType":3}};</li>
 *   <li>several targets of one platform: {@code PUT /edge/bulkpurge} with {@code MediaPath} as an array, one call
 *       instead of many (every element still counts against the outstanding limit);</li>
 *   <li>{@link PurgeAction#PREFETCH}: {@code PUT /edge/load}, one file per request (Edgecast has no bulk load), and a
 *       load is per protocol: {@code https://…/a.css} loads the https object only.</li>
 * </ul>
 * A directory ({@code PurgeTarget.prefix}) is the recursive pattern {@code <prefix>*}; with wide targets allowed, a
 * host is {@code http://<host>/*} (a purge covers http and https alike) and everything is that for each configured
 * host. Completion is polled with {@code GET /edge/purge/{id}}, {@code /edge/load/{id}} or
 * {@code /edge/bulkpurge/{id}}. At most {@code maxOutstanding} requests may be outstanding per account, each bulk
 * element counted: the engine waits for room ({@link InFlightQuota}) instead of provoking Edgecast's 400.
 */
public final class EdgecastBackend implements PurgeBackend {
    /** The unit of the outstanding limit: purge and load requests, each bulk element one. */
    static final String UNIT = "requests";

    private final String token;
    private final String account;
    private final HttpSettings settings;
    private final EdgecastPlatform platform;
    private final Map<String, EdgecastPlatform> platforms = new LinkedHashMap<>();
    private final boolean wideTargets;
    private final List<String> hosts;
    private final int maxOutstanding;
    private final Clock clock;
    private final OkHttpClient http;
    private final PurgeCapabilities capabilities;
    private final Secrets secrets;
    private final InFlightQuota quota;

    public EdgecastBackend(String token, String account, HttpSettings settings, EdgecastPlatform platform,
                           Map<String, String> platformsByHost, boolean wideTargets, List<String> hosts,
                           int maxOutstanding, Clock clock) {
        this.token = token;
        this.account = account.toUpperCase(Locale.ROOT);
        this.settings = settings;
        this.platform = platform;
        platformsByHost.forEach((host, name) -> platforms.put(host, platformNamed(name)));
        this.wideTargets = wideTargets;
        this.hosts = List.copyOf(hosts);
        this.maxOutstanding = maxOutstanding;
        this.clock = clock;
        this.http = HttpJson.client(settings);
        this.capabilities = capabilities(maxOutstanding);
        this.secrets = Secrets.of(token);
        this.quota = new OutstandingQuota();
    }

    private static EdgecastPlatform platformNamed(String name) {
        for (EdgecastPlatform candidate : EdgecastPlatform.values()) {
            if (candidate.toString().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no platform '" + name + "'");
    }

    /**
     * What Edgecast can do: purge or load URLs, purge directories, hosts and everything (the last two when allowed),
     * up to {@code maxOutstanding} targets per call (a bulk purge); one kind of purge, so both modes send it.
     */
    public static PurgeCapabilities capabilities(int maxOutstanding) {
        return PurgeCapabilities.builder()
                .kind(Kind.URL, BatchLimit.items(maxOutstanding))
                .kind(Kind.PREFIX, BatchLimit.items(maxOutstanding))
                .kind(Kind.HOST, BatchLimit.items(maxOutstanding))
                .kind(Kind.EVERYTHING, BatchLimit.items(1))
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE)
                .actions(PurgeAction.PURGE, PurgeAction.PREFETCH)
                .statusApi(true)
                .build();
    }

    @Override
    public String providerId() {
        return "edgecast";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        String p = settings.clientName() + ".";
        if (request.action() == PurgeAction.PREFETCH && target.kind() != Kind.URL) {
            return Optional.of(target + ": Edgecast loads files one by one; prefetch their URLs (PurgeTarget.url)");
        }
        if (target.kind() == Kind.URL && !target.headers().isEmpty()) {
            return Optional.of(target + ": Edgecast purges a URL without cache-key headers; purge it without them");
        }
        if ((target.kind() == Kind.HOST || target.kind() == Kind.EVERYTHING) && !wideTargets) {
            return Optional.of(target + " is sent to Edgecast as a recursive purge of a whole host (http://<host>/*), "
                    + "which refills the cache from the origin; set " + p + "wideTargets=true to allow it, or purge "
                    + "directories (PurgeTarget.prefix)");
        }
        if (target.kind() == Kind.EVERYTHING && hosts.isEmpty()) {
            return Optional.of("everything() on Edgecast purges every host listed in " + p + "hosts, and none is "
                    + "listed: set " + p + "hosts=cdn.example.com,… or purge the hosts (PurgeTarget.host)");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> alternative(Kind kind) {
        if (kind == Kind.TAG || kind == Kind.CP_CODE) {
            return Optional.of("Edgecast purges by URL and by directory only; purge the objects' directory "
                    + "(PurgeTarget.prefix) or their URLs");
        }
        return Optional.empty();
    }

    /** The platform's {@code MediaType}: one call is one platform. Everything is split in the call itself. */
    @Override
    public Scope scope(PurgeTarget target) {
        if (target.kind() == Kind.EVERYTHING) {
            return Scope.of(String.valueOf(platform.mediaType()));
        }
        return Scope.of(String.valueOf(platformOf(target.hostName().orElseThrow()).mediaType()));
    }

    EdgecastPlatform platformOf(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (true) {
            EdgecastPlatform mapped = platforms.get(name);
            if (mapped != null) {
                return mapped;
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return platform;
            }
            name = name.substring(dot + 1);
        }
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        return new EdgecastCall(batch, this);
    }

    /** The requests a batch becomes: loads one by one, one purge or bulk purge per platform. */
    List<EdgecastCall.Step> steps(PurgeBatch batch) {
        List<EdgecastCall.Step> steps = new ArrayList<>();
        if (batch.action() == PurgeAction.PREFETCH) {
            for (PurgeTarget target : batch.targets()) {
                steps.add(new EdgecastCall.Step(EdgecastCall.Operation.LOAD, Integer.parseInt(batch.scope()),
                        List.of(target.value()), List.of(target)));
            }
            return steps;
        }
        if (batch.kind() == Kind.EVERYTHING) {
            Map<EdgecastPlatform, List<String>> byPlatform = new LinkedHashMap<>();
            for (String host : hosts) {
                byPlatform.computeIfAbsent(platformOf(host), any -> new ArrayList<>()).add("http://" + host + "/*");
            }
            byPlatform.forEach((on, paths) -> steps.add(new EdgecastCall.Step(paths.size() == 1
                    ? EdgecastCall.Operation.PURGE : EdgecastCall.Operation.BULK_PURGE, on.mediaType(), paths,
                    batch.targets())));
            return steps;
        }
        List<String> paths = new ArrayList<>();
        for (PurgeTarget target : batch.targets()) {
            paths.add(mediaPath(target));
        }
        steps.add(new EdgecastCall.Step(paths.size() == 1 ? EdgecastCall.Operation.PURGE
                : EdgecastCall.Operation.BULK_PURGE, Integer.parseInt(batch.scope()), paths, batch.targets()));
        return steps;
    }

    /** The {@code MediaPath} of a target: a URL as it is, a directory recursively, a host whole. */
    static String mediaPath(PurgeTarget target) {
        switch (target.kind()) {
            case PREFIX:
                return target.value().endsWith("/") ? target.value() + "*" : target.value() + "/*";
            case HOST:
                return "http://" + target.value() + "/*";
            default:
                return target.value();
        }
    }

    /** Sends one step through the engine; its id. */
    String send(EdgecastCall.Step step, VendorRequests requests) {
        String path = step.operation.path;
        return requests.send(PurgeEvent.Purpose.PURGE, "PUT /edge/" + path + " " + step.describe(), () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("MediaPath", step.operation == EdgecastCall.Operation.BULK_PURGE ? step.mediaPaths
                    : step.mediaPaths.get(0));
            body.put("MediaType", step.mediaType);
            Request request = HttpJson.request().header("Authorization", "TOK:" + token)
                    .url(settings.url(account, "edge", path).build()).put(HttpJson.jsonBody(body)).build();
            VendorResponse response = VendorResponse.execute(http, request, providerId());
            if (response.status() != 200) {
                throw EdgecastErrors.of(response, clock, settings.clientName(), account, "PUT /edge/" + path);
            }
            String id = idOf(response.json());
            if (id == null) {
                throw VendorErrors.unrecognised(providerId(), response, "{\"Id\":…}", null);
            }
            return id;
        });
    }

    private static String idOf(Json json) {
        for (String field : List.of("Id", "id", "ID")) {
            Json id = json.path(field);
            if (id.isTextual() && !id.asText().isBlank() || id.isNumber()) {
                return id.asText();
            }
        }
        return null;
    }

    /** Whether the request with this id has completed, asked through the engine. */
    boolean complete(EdgecastCall.Operation operation, String id, VendorRequests requests) {
        String path = operation.path;
        return requests.send(PurgeEvent.Purpose.STATUS, "GET /edge/" + path + "/" + id, () -> {
            Request request = HttpJson.request().header("Authorization", "TOK:" + token)
                    .url(settings.url(account, "edge", path, id).build()).get().build();
            VendorResponse response = VendorResponse.execute(http, request, providerId());
            if (response.status() != 200) {
                throw EdgecastErrors.of(response, clock, settings.clientName(), account, "GET /edge/" + path);
            }
            Json json = response.json();
            if (json.isObject() && json.size() == 0) {
                // Edgecast answers an unknown id with an empty object
                throw new PurgeServiceException("edgecast knows no " + operation.noun + " " + id + " on account "
                        + account, 200, null, null, false, null);
            }
            if (operation == EdgecastCall.Operation.BULK_PURGE) {
                Json details = json.path("Status_Details");
                String completedAt = details.path("Completed_at").asText("");
                String status = details.path("Status").asText("");
                return !completedAt.isBlank() || status.equalsIgnoreCase("completed")
                        || status.equalsIgnoreCase("complete") || status.equalsIgnoreCase("done");
            }
            return !json.path("CompleteDate").asText("").isBlank();
        });
    }

    @Override
    public Optional<InFlightQuota> inFlightQuota() {
        return Optional.of(quota);
    }

    /**
     * The limit of outstanding purge and load requests per account: the pool is the account, whatever the platform.
     * Edgecast cannot list what is outstanding, so the engine counts this client's own requests until they complete,
     * and a 400 for the limit caused by others (the MCC, another client) is back-pressure it waits out.
     */
    private final class OutstandingQuota implements InFlightQuota {
        @Override
        public String pool(String scope, VendorRequests requests) {
            return "account " + account;
        }

        @Override
        public Map<String, Integer> limits(String pool) {
            return Map.of(UNIT, maxOutstanding);
        }

        @Override
        public List<Work> inFlight(String pool, VendorRequests requests) {
            return List.of();
        }

        @Override
        public boolean isQuotaFull(PurgeException error) {
            return error instanceof PurgeThrottledException && ((PurgeThrottledException) error).vendorCode()
                    .filter(EdgecastErrors.OUTSTANDING_FULL::equals).isPresent();
        }
    }

    /**
     * {@code GET /v2/mcc/customers/{account}/edge/purge/{id}} of an id no purge has: Edgecast answers the token and
     * account it accepts with an empty object, and a token it refuses with 403 Access Denied. A purge is a PUT, a
     * privilege of its own that no GET shows.
     * (<a href="https://developer.edgecast.com/cdn/api/Content/Media_Management/Get_Purge_Request.htm">Get Purge
     * Request</a>)
     */
    @Override
    public AccessCheck checkAccess(String clientName, VendorRequests requests) {
        try {
            complete(EdgecastCall.Operation.PURGE, "cdnpurgeaccesscheck", requests);
        } catch (PurgeServiceException e) {
            if (e.httpStatus() != 200) {
                throw e;
            }
            // the empty object for an unknown id: the token and the account were accepted
        }
        return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "the REST token is accepted for "
                + "account " + account + " (a purge look-up answered); purging is a PUT, which needs its own "
                + "privilege in the MCC user's web services access, not shown read-only");
    }

    /**
     * A check of purges by the reference their outcome carried: one request id, or several joined by commas (a call
     * of several requests). The reference does not say whether an id is a purge, a load or a bulk purge: each is
     * asked in turn, on the first question, until Edgecast knows the id.
     */
    @Override
    public Optional<CompletionCheck> completionCheck(String reference, String scope) {
        List<String> ids = List.of(reference.split(","));
        for (String id : ids) {
            if (!id.matches("[A-Za-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("'" + reference + "' is not an Edgecast request id (or ids joined "
                        + "by commas)");
            }
        }
        Map<String, EdgecastCall.Operation> known = new java.util.concurrent.ConcurrentHashMap<>();
        return Optional.of(requests -> {
            boolean all = true;
            for (String id : ids) {
                all &= completeAny(id, known, requests);
            }
            return all ? TargetOutcome.Status.SUCCEEDED : TargetOutcome.Status.IN_PROGRESS;
        });
    }

    private boolean completeAny(String id, Map<String, EdgecastCall.Operation> known, VendorRequests requests) {
        EdgecastCall.Operation operation = known.get(id);
        if (operation != null) {
            return complete(operation, id, requests);
        }
        for (EdgecastCall.Operation each : List.of(EdgecastCall.Operation.PURGE, EdgecastCall.Operation.LOAD,
                EdgecastCall.Operation.BULK_PURGE)) {
            try {
                boolean done = complete(each, id, requests);
                known.put(id, each);
                return done;
            } catch (PurgeServiceException e) {
                // an id Edgecast does not know answers an empty object, or 400: the next operation may know it
                if (!(e.httpStatus() == 200 || e.httpStatus() == 400 || e.httpStatus() == 404)) {
                    throw e;
                }
            }
        }
        throw new PurgeServiceException("edgecast knows no purge, load or bulk purge " + id + " on account "
                + account, 404, null, null, false, null);
    }

    /** A completion check over every request of a call: complete when all are. */
    CompletionCheck completion(List<EdgecastCall.Step> steps, List<String> ids) {
        boolean[] done = new boolean[ids.size()];
        return requests -> {
            boolean all = true;
            for (int i = 0; i < ids.size(); i++) {
                if (!done[i]) {
                    done[i] = complete(steps.get(i).operation, ids.get(i), requests);
                    all &= done[i];
                }
            }
            return all ? TargetOutcome.Status.SUCCEEDED : TargetOutcome.Status.IN_PROGRESS;
        };
    }

    BatchResult.Builder result() {
        return BatchResult.builder(200);
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
        return "EdgecastBackend{" + settings.endpoint() + ", account " + account + ", token=[REDACTED]}";
    }
}
