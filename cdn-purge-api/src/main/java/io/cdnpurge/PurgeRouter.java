package io.cdnpurge;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client over several CDNs: each target goes to the named clients its {@link Route} names, they purge in
 * parallel, and one {@link PurgeResult} comes back. Thread-safe; closing it closes its clients.
 *
 * <pre>{@code
 * try (PurgeRouter cdn = CdnPurge.router()
 *         .client("cloudflare", CdnPurge.client("cloudflare", config))
 *         .client("akamai", CdnPurge.client("akamai", config))
 *         .route(Route.host("www.example.com").to("cloudflare", "akamai"))
 *         .route(Route.host("*.example.org").to("akamai"))
 *         .build()) {
 *     PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/").tag("news").build());
 *     result.parts().forEach(part -> System.out.println(part.providerId() + ": " + part.status()));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>A URL, a directory or a host goes to the clients of the route that covers it ({@link Route}); a tag, a CP code
 *       or everything to every client of the request's tenant, since none of them names a host.</li>
 *   <li>Nothing is dropped: a target no route covers, and a target a client cannot purge (a tag on CloudFront
 *       without tags, say), get a {@code FAILED} outcome saying why. A client that fails or throws fails its own
 *       targets, never the others'.</li>
 *   <li>{@link PurgeResult#outcomes()} holds one outcome per target and client, {@link TargetOutcome#provider()} the
 *       client's name; {@link PurgeResult#parts()} one result per client. The status is that of all outcomes.</li>
 *   <li>{@link #status} and {@link #awaitCompletion} ask each client about its own part, in parallel, within one
 *       timeout; {@link #plan} shows each client's calls ({@link PurgePlan#parts()}).</li>
 *   <li>Tenants: routes of a tenant serve only requests of that tenant ({@link PurgeRequest.Builder#tenant}); give
 *       each tenant clients of its own, so that one tenant's limits and throttling never slow another's.</li>
 * </ul>
 */
public final class PurgeRouter implements PurgeClient {
    private final String name;
    private final Map<String, PurgeClient> clients;
    private final List<Route> routes;
    private final List<BucketRoute> bucketRoutes;
    private final Map<String, List<String>> buckets;
    private final ExecutorService waiting;

    private PurgeRouter(Builder builder) {
        this.name = builder.name;
        this.clients = new LinkedHashMap<>(builder.clients);
        this.routes = List.copyOf(builder.routes);
        this.bucketRoutes = List.copyOf(new LinkedHashSet<>(builder.buckets));
        Map<String, Set<String>> hosts = new LinkedHashMap<>();
        for (BucketRoute bucket : bucketRoutes) {
            hosts.computeIfAbsent(bucket.bucket(), any -> new LinkedHashSet<>()).add(bucket.host());
        }
        Map<String, List<String>> origins = new LinkedHashMap<>();
        hosts.forEach((bucket, names) -> origins.put(bucket, List.copyOf(names)));
        this.buckets = java.util.Collections.unmodifiableMap(origins);
        AtomicInteger threads = new AtomicInteger();
        this.waiting = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "cdn-purge-" + name + "-await-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The router's name, which its results and plans carry. */
    @Override
    public String providerId() {
        return name;
    }

    /** The clients, by name, in the order given. */
    public Map<String, PurgeClient> clients() {
        return java.util.Collections.unmodifiableMap(clients);
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * The CDN hosts that serve each storage bucket (an S3 bucket, say), in the order given: an object {@code key} of
     * a bucket is the URLs {@code https://<host>/<key>} of its hosts ({@link #purgeObjects}).
     */
    public Map<String, List<String>> buckets() {
        return buckets;
    }

    /** The bucket routes, in the order given: each bucket's hosts, and the clients and action of each. */
    public List<BucketRoute> bucketRoutes() {
        return bucketRoutes;
    }

    /** What any of its clients can do: a kind, mode or action one client has, the router accepts. */
    @Override
    public PurgeCapabilities capabilities() {
        PurgeCapabilities.Builder union = PurgeCapabilities.builder();
        Set<PurgeMode> modes = EnumSet.noneOf(PurgeMode.class);
        Set<PurgeAction> actions = EnumSet.noneOf(PurgeAction.class);
        boolean statusApi = false;
        for (PurgeClient client : clients.values()) {
            PurgeCapabilities each = client.capabilities();
            for (PurgeTarget.Kind kind : PurgeTarget.Kind.values()) {
                each.limit(kind).ifPresent(limit -> union.kind(kind, limit));
            }
            modes.addAll(each.modes());
            actions.addAll(each.actions());
            statusApi |= each.statusApi();
        }
        if (!modes.isEmpty()) {
            PurgeMode[] rest = modes.toArray(new PurgeMode[0]);
            union.modes(rest[0], java.util.Arrays.copyOfRange(rest, 1, rest.length));
        }
        if (!actions.isEmpty()) {
            PurgeAction[] rest = actions.toArray(new PurgeAction[0]);
            union.actions(rest[0], java.util.Arrays.copyOfRange(rest, 1, rest.length));
        }
        return union.statusApi(statusApi).build();
    }

    /**
     * Where the targets of a request go: per client and action, and the outcomes of those that go nowhere. Each
     * client's share is the template request with its targets and action.
     */
    private static final class Split {
        final PurgeRequest template;
        final int targetCount;
        final Map<String, Map<PurgeAction, Set<PurgeTarget>>> byClient = new LinkedHashMap<>();
        final List<TargetOutcome> refused = new ArrayList<>();

        Split(PurgeRequest template, int targetCount) {
            this.template = template;
            this.targetCount = targetCount;
        }

        void add(String client, PurgeAction action, PurgeTarget target) {
            byClient.computeIfAbsent(client, any -> new java.util.EnumMap<>(PurgeAction.class))
                    .computeIfAbsent(action, any -> new LinkedHashSet<>()).add(target);
        }

        /** Each client's share: its name, request and targets. */
        List<Piece> pieces() {
            List<Piece> pieces = new ArrayList<>();
            byClient.forEach((client, byAction) -> byAction.forEach((action, targets) -> pieces.add(new Piece(client,
                    template.toBuilder().replaceTargets(targets).action(action).build(), targets))));
            return pieces;
        }
    }

    /** What one client is sent. */
    private static final class Piece {
        final String client;
        final PurgeRequest request;
        final Set<PurgeTarget> targets;

        Piece(String client, PurgeRequest request, Set<PurgeTarget> targets) {
            this.client = client;
            this.request = request;
            this.targets = targets;
        }
    }

    private Split split(PurgeRequest request) {
        Set<PurgeTarget> targets = new LinkedHashSet<>(request.targets());
        Split split = new Split(request, targets.size());
        String tenant = request.tenant().orElse(null);
        for (PurgeTarget target : targets) {
            route(split, target, tenant, request.action());
        }
        return split;
    }

    /** Sends a target where the routes of its tenant say, or records why it goes nowhere. */
    private void route(Split split, PurgeTarget target, String tenant, PurgeAction action) {
        Collection<String> chosen = clientsFor(target, tenant);
        if (chosen.isEmpty()) {
            split.refused.add(failed(name, target, "no route of " + name + " covers " + describe(target)
                    + (tenant == null ? "" : " for tenant " + tenant) + ": add a Route for it"));
            return;
        }
        for (String clientName : chosen) {
            if (supports(split, clientName, target, "its route sends it " + target + ", which the others of the "
                    + "route purge") && can(split, clientName, action, target, "the request asks it of " + target)) {
                split.add(clientName, action, target);
            }
        }
    }

    /** Whether the client can do the action; if not, a FAILED outcome says so. */
    private boolean can(Split split, String clientName, PurgeAction action, PurgeTarget target, String context) {
        if (clients.get(clientName).capabilities().actions().contains(action)) {
            return true;
        }
        split.refused.add(failed(clientName, target, clientName + " cannot " + action.name().toLowerCase(Locale.ROOT)
                + "; " + context));
        return false;
    }

    /** Whether the client can purge targets of this kind; if not, a FAILED outcome says so. */
    private boolean supports(Split split, String clientName, PurgeTarget target, String context) {
        PurgeClient client = clients.get(clientName);
        if (client.capabilities().supports(target.kind())) {
            return true;
        }
        split.refused.add(failed(clientName, target, clientName + " (" + client.providerId() + ") cannot purge by "
                + target.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "; " + context));
        return false;
    }

    private static String describe(PurgeTarget target) {
        return target.hostName().map(host -> "host " + host).orElse(target.toString());
    }

    private Collection<String> clientsFor(PurgeTarget target, String tenant) {
        Set<String> chosen = new LinkedHashSet<>();
        switch (target.kind()) {
            case URL:
            case PREFIX:
            case HOST: {
                String host = target.hostName().orElseThrow().toLowerCase(Locale.ROOT);
                String path = target.kind() == PurgeTarget.Kind.HOST ? null : pathOf(target.value());
                int best = 0;
                int bestPath = -1;
                for (Route route : routes) {
                    if (!route.servesTenant(tenant)) {
                        continue;
                    }
                    int match = route.hostMatch(host);
                    if (match == 0 || match < best) {
                        continue;
                    }
                    if (match > best) {
                        best = match;
                        bestPath = -1;
                        chosen.clear();
                    }
                    String routePath = route.path();
                    if (target.kind() == PurgeTarget.Kind.URL) {
                        if (routePath != null && !path.startsWith(routePath)) {
                            continue;
                        }
                        int length = routePath == null ? 0 : routePath.length();
                        if (length > bestPath) {
                            bestPath = length;
                            chosen.clear();
                        }
                        if (length == bestPath) {
                            chosen.addAll(route.clients());
                        }
                    } else if (path == null || routePath == null || path.startsWith(routePath)
                            || routePath.startsWith(path)) {
                        chosen.addAll(route.clients());
                    }
                }
                return chosen;
            }
            default:
                for (Route route : routes) {
                    if (route.servesTenant(tenant)) {
                        chosen.addAll(route.clients());
                    }
                }
                return chosen;
        }
    }

    private static String pathOf(String url) {
        String path = URI.create(url).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static TargetOutcome failed(String client, PurgeTarget target, String why) {
        return TargetOutcome.builder(client, target, TargetOutcome.Status.FAILED).error(new PurgeException(why))
                .build();
    }

    @Override
    public PurgePlan plan(PurgeRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return plan(split(request));
    }

    private PurgePlan plan(Split split) {
        PurgePlan.Builder plan = PurgePlan.builder(name).targetCount(split.targetCount);
        List<PurgePlan> parts = new ArrayList<>();
        long billable = 0;
        boolean anyBillable = false;
        int minimum = 0;
        for (Piece piece : split.pieces()) {
            PurgePlan part = relabel(piece.client, clients.get(piece.client).plan(piece.request));
            parts.add(part);
            part.calls().forEach(plan::call);
            minimum += part.minimumCalls();
            OptionalLong items = part.billableItems();
            if (items.isPresent()) {
                billable += items.getAsLong();
                anyBillable = true;
            }
            for (String note : part.notes()) {
                plan.note(piece.client + ": " + note);
            }
        }
        for (TargetOutcome refused : split.refused) {
            plan.note(refused.error().map(Throwable::getMessage).orElse(refused.toString()));
        }
        return plan.minimumCalls(minimum).billableItems(anyBillable ? OptionalLong.of(billable) : OptionalLong.empty())
                .parts(parts).build();
    }

    @Override
    public PurgeResult purge(PurgeRequest request) {
        try {
            return purgeAsync(request).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<PurgeResult> purgeAsync(PurgeRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return purge(split(request));
    }

    private CompletableFuture<PurgeResult> purge(Split split) {
        List<CompletableFuture<PurgeResult>> running = new ArrayList<>();
        Map<String, CompletableFuture<PurgeResult>> purging = new LinkedHashMap<>();
        for (Piece piece : split.pieces()) {
            // a client asked to purge and to load: it loads once its purge has ended, or it would load the old copy
            CompletableFuture<PurgeResult> before = piece.request.action() == PurgeAction.PURGE ? null
                    : purging.get(piece.client);
            CompletableFuture<PurgeResult> future = before == null ? send(piece)
                    : before.handle((done, error) -> null).thenCompose(done -> send(piece));
            // a client that fails fails its own targets, never the others'
            CompletableFuture<PurgeResult> part = future.handle((result, error) -> error == null
                    ? relabel(piece.client, result) : failedPart(piece.client, piece.targets, error));
            if (piece.request.action() == PurgeAction.PURGE) {
                purging.put(piece.client, part);
            }
            running.add(part);
        }
        return CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> {
                    List<PurgeResult> parts = new ArrayList<>();
                    running.forEach(part -> parts.add(part.join()));
                    return combine(parts, split.refused);
                });
    }

    private CompletableFuture<PurgeResult> send(Piece piece) {
        try {
            return clients.get(piece.client).purgeAsync(piece.request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Purges objects of a storage bucket: each key becomes {@code https://<host><path><key>} for every host of the
     * bucket ({@link #bucketRoutes()}), the key percent-encoded as a URL path ({@code /} kept; {@code +} sent as
     * {@code %2B}, since storage such as S3 reads a bare {@code +} as a space), sent through the routes or to the
     * clients a bucket route names, with its action. A client that is to purge and to load the same objects loads
     * once its purge has ended. One result: every URL and client has an outcome, and one a client cannot take is
     * {@code FAILED} saying why.
     *
     * @throws IllegalArgumentException naming the bucket when the router has none of that name, or the keys that are
     *                                  empty or have {@code .} or {@code ..} segments (a URL would name another
     *                                  object), before any request
     */
    public PurgeResult purgeObjects(String bucket, Collection<String> keys) {
        try {
            return purgeObjectsAsync(bucket, keys).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw e;
        }
    }

    /** {@link #purgeObjects}, without waiting. */
    public CompletableFuture<PurgeResult> purgeObjectsAsync(String bucket, Collection<String> keys) {
        return purge(objects(bucket, keys));
    }

    /** What {@link #purgeObjects} would send, per client; nothing is sent. */
    public PurgePlan planObjects(String bucket, Collection<String> keys) {
        return plan(objects(bucket, keys));
    }

    private Split objects(String bucket, Collection<String> keys) {
        Objects.requireNonNull(bucket, "bucket cannot be null");
        Objects.requireNonNull(keys, "keys cannot be null");
        List<BucketRoute> serving = new ArrayList<>();
        for (BucketRoute route : bucketRoutes) {
            if (route.bucket().equals(bucket)) {
                serving.add(route);
            }
        }
        if (serving.isEmpty()) {
            throw new IllegalArgumentException("no bucket " + bucket + " is configured" + (buckets.isEmpty()
                    ? ": add one with PurgeRouter.Builder.bucket" : "; its buckets are " + String.join(", ",
                    buckets.keySet())));
        }
        List<String> paths = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            if (key == null || key.isEmpty()) {
                problems.add(key == null ? "a key is null" : "a key is empty");
            } else if (("/" + key + "/").contains("/./") || ("/" + key + "/").contains("/../")) {
                problems.add("key '" + key + "' has a . or .. segment, which a URL resolves to another object");
            } else {
                paths.add(keyPath(key));
            }
        }
        if (!problems.isEmpty() || paths.isEmpty()) {
            throw new IllegalArgumentException("cannot purge objects of bucket " + bucket + ": " + (problems.isEmpty()
                    ? "no keys" : String.join(", ", problems)) + " (give the objects' keys, e.g. img/logo.png)");
        }
        PurgeRequest.Builder all = PurgeRequest.builder();
        Map<BucketRoute, List<PurgeTarget>> each = new LinkedHashMap<>();
        for (BucketRoute route : serving) {
            List<PurgeTarget> targets = each.computeIfAbsent(route, any -> new ArrayList<>());
            for (String path : paths) {
                for (String url : route.urls(path)) {
                    PurgeTarget target = PurgeTarget.url(url);
                    targets.add(target);
                    all.target(target);
                }
            }
        }
        PurgeRequest template = all.build();
        Split split = new Split(template, new LinkedHashSet<>(template.targets()).size());
        for (BucketRoute route : serving) {
            for (PurgeTarget target : each.get(route)) {
                if (route.clients().isEmpty()) {
                    route(split, target, null, route.action());
                    continue;
                }
                for (String clientName : route.clients()) {
                    if (can(split, clientName, route.action(), target, "bucket route " + route + " asks it")
                            && supports(split, clientName, target, "bucket route " + route + " sends it")) {
                        split.add(clientName, route.action(), target);
                    }
                }
            }
        }
        return split;
    }

    /**
     * A storage key as a URL path: {@code /} kept, bytes outside RFC 3986's path characters percent-encoded, and
     * {@code +}, which S3 reads as a space in a path.
     */
    static String keyPath(String key) {
        StringBuilder path = new StringBuilder(key.length() + 8);
        for (byte b : key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*,;=:@/".indexOf(c) >= 0) {
                path.append((char) c);
            } else {
                path.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return path.toString();
    }

    /** The plan of a client under the name this router gives it. */
    private static PurgePlan relabel(String clientName, PurgePlan plan) {
        if (plan.providerId().equals(clientName)) {
            return plan;
        }
        PurgePlan.Builder named = PurgePlan.builder(clientName).targetCount(plan.targetCount())
                .duplicatesRemoved(plan.duplicatesRemoved()).minimumCalls(plan.minimumCalls())
                .billableItems(plan.billableItems());
        plan.calls().forEach(named::call);
        plan.notes().forEach(named::note);
        return named.build();
    }

    /** The part of a client named in this router, its outcomes carrying that name. */
    private static PurgeResult relabel(String clientName, PurgeResult result) {
        if (result.providerId().equals(clientName)) {
            return result;
        }
        List<TargetOutcome> outcomes = new ArrayList<>(result.outcomes().size());
        for (TargetOutcome outcome : result.outcomes()) {
            outcomes.add(outcome.toBuilder().provider(clientName).build());
        }
        return PurgeResult.builder(clientName).outcomes(outcomes).stats(result.stats()).timedOut(result.timedOut())
                .build();
    }

    private static PurgeResult failedPart(String clientName, Set<PurgeTarget> targets, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        PurgeException failure = cause instanceof PurgeException ? (PurgeException) cause
                : new PurgeException(clientName + " failed: " + cause, cause);
        PurgeResult.Builder part = PurgeResult.builder(clientName);
        for (PurgeTarget target : targets) {
            part.outcome(TargetOutcome.builder(clientName, target, TargetOutcome.Status.FAILED).error(failure)
                    .build());
        }
        return part.build();
    }

    private PurgeResult combine(List<PurgeResult> parts, List<TargetOutcome> refused) {
        List<TargetOutcome> outcomes = new ArrayList<>();
        PurgeStats stats = PurgeStats.empty();
        boolean timedOut = false;
        for (PurgeResult part : parts) {
            outcomes.addAll(part.outcomes());
            stats = stats.plus(part.stats());
            timedOut |= part.timedOut();
        }
        outcomes.addAll(refused);
        return PurgeResult.builder(name).outcomes(outcomes).stats(stats).timedOut(timedOut).parts(parts).build();
    }

    /** The outcomes of a combined result that belong to no part: targets no client took. */
    private static List<TargetOutcome> refused(PurgeResult result) {
        Set<TargetOutcome> inParts = new LinkedHashSet<>();
        for (PurgeResult part : result.parts()) {
            if (part != result) {
                inParts.addAll(part.outcomes());
            }
        }
        List<TargetOutcome> rest = new ArrayList<>();
        for (TargetOutcome outcome : result.outcomes()) {
            if (!inParts.contains(outcome)) {
                rest.add(outcome);
            }
        }
        return rest;
    }

    /** Every client's check, in the order the clients were given, asked side by side. */
    @Override
    public List<AccessCheck> checkAccess() {
        List<CompletableFuture<List<AccessCheck>>> asked = new ArrayList<>();
        for (Map.Entry<String, PurgeClient> each : clients.entrySet()) {
            asked.add(CompletableFuture.supplyAsync(() -> each.getValue().checkAccess(), waiting)
                    .exceptionally(error -> List.of(AccessCheck.of(each.getKey(), AccessCheck.Verdict.UNREACHABLE,
                            "could not ask: " + (error.getCause() == null ? error : error.getCause())))));
        }
        List<AccessCheck> checks = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            String clientName = new ArrayList<>(clients.keySet()).get(i);
            for (AccessCheck check : asked.get(i).join()) {
                // under the name this router gives the client
                checks.add(AccessCheck.of(clientName, check.verdict(), check.detail()));
            }
        }
        return checks;
    }

    /** Every client's health, in the order the clients were given, under the names this router gives them. */
    @Override
    public List<ClientHealth> health() {
        List<ClientHealth> all = new ArrayList<>();
        for (Map.Entry<String, PurgeClient> each : clients.entrySet()) {
            for (ClientHealth health : each.getValue().health()) {
                all.add(new ClientHealth(each.getKey(), health.providerId(), health.breaker(),
                        health.requestsInFlight(), health.lastRequestAt().orElse(null),
                        health.lastFailure().orElse(null), health.rateHeadroom(), health.gauges()));
            }
        }
        return all;
    }

    /**
     * Asks about a purge by its vendor reference through the router's only client; a router of several clients
     * cannot tell which vendor gave the reference: ask that client ({@code clients().get(name)}).
     *
     * @throws IllegalStateException when the router has several clients
     */
    @Override
    public java.util.Optional<TargetOutcome.Status> status(String reference, String scope) {
        if (clients.size() != 1) {
            throw new IllegalStateException("router " + name + " has " + clients.size() + " clients ("
                    + String.join(", ", clients.keySet()) + "): ask the one whose vendor gave reference " + reference);
        }
        return clients.values().iterator().next().status(reference, scope);
    }

    @Override
    public PurgeResult status(PurgeResult result) {
        Objects.requireNonNull(result, "result cannot be null");
        List<PurgeResult> parts = new ArrayList<>();
        for (PurgeResult part : result.parts()) {
            PurgeClient client = clients.get(part.providerId());
            parts.add(client == null ? part : client.status(part));
        }
        return combine(parts, refused(result));
    }

    /** Waits for every client's part in parallel, each within the same timeout, and combines what they saw. */
    @Override
    public PurgeResult awaitCompletion(PurgeResult result, Duration timeout) {
        Objects.requireNonNull(result, "result cannot be null");
        Objects.requireNonNull(timeout, "timeout cannot be null");
        List<CompletableFuture<PurgeResult>> waits = new ArrayList<>();
        for (PurgeResult part : result.parts()) {
            PurgeClient client = clients.get(part.providerId());
            waits.add(client == null ? CompletableFuture.completedFuture(part)
                    : CompletableFuture.supplyAsync(() -> client.awaitCompletion(part, timeout), waiting)
                    .exceptionally(error -> part));
        }
        List<PurgeResult> parts = new ArrayList<>();
        waits.forEach(wait -> parts.add(wait.join()));
        return combine(parts, refused(result));
    }

    /** Closes every client; the first failure is thrown after all were tried. */
    @Override
    public void close() {
        waiting.shutdownNow();
        PurgeClients.closeEach(clients.values());
    }

    @Override
    public String toString() {
        return "PurgeRouter{" + name + ", clients " + clients.keySet() + ", " + routes.size() + " routes}";
    }

    /** Builds a {@link PurgeRouter}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, PurgeClient> clients = new LinkedHashMap<>();
        private final List<Route> routes = new ArrayList<>();
        private final List<BucketRoute> buckets = new ArrayList<>();
        private String name = "router";

        private Builder() {
        }

        /** The router's name, which its results carry ({@code router} unless set). */
        public Builder name(String routerName) {
            this.name = Objects.requireNonNull(routerName, "routerName cannot be null");
            return this;
        }

        /**
         * A client and the name routes call it by; the router closes it when closed. Results name the client by
         * {@code clientName}; its events, audit lines and logging context by the name it was created with
         * ({@link CdnPurge#client(String, PurgeConfig)}), so create it under the same name for logs that agree.
         */
        public Builder client(String clientName, PurgeClient client) {
            Objects.requireNonNull(clientName, "clientName cannot be null");
            Objects.requireNonNull(client, "client cannot be null");
            if (clients.putIfAbsent(clientName, client) != null) {
                throw new IllegalArgumentException("two clients are named " + clientName);
            }
            return this;
        }

        public Builder route(Route route) {
            Objects.requireNonNull(route, "route cannot be null");
            if (route.clients().isEmpty()) {
                throw new IllegalArgumentException("route " + route + " names no client: end it with to(…)");
            }
            routes.add(route);
            return this;
        }

        /** A CDN host serving a storage bucket's objects, through the routes ({@link PurgeRouter#purgeObjects}). */
        public Builder bucket(String bucket, String host) {
            return bucket(BucketRoute.of(bucket, host));
        }

        /** A bucket route: a host serving a bucket's objects, and the clients and action it asks for. */
        public Builder bucket(BucketRoute route) {
            buckets.add(Objects.requireNonNull(route, "route cannot be null"));
            return this;
        }

        /** @throws InvalidConfigurationException naming every route that names an unknown client */
        public PurgeRouter build() {
            List<String> problems = new ArrayList<>();
            if (clients.isEmpty()) {
                problems.add("a router needs at least one client");
            }
            if (routes.isEmpty() && buckets.isEmpty()) {
                problems.add("a router needs at least one route or bucket route");
            }
            for (Route route : routes) {
                for (String clientName : route.clients()) {
                    if (!clients.containsKey(clientName)) {
                        problems.add("route " + route + " names the client " + clientName + ", which the router does "
                                + "not have: its clients are " + String.join(", ", clients.keySet()));
                    }
                }
            }
            for (BucketRoute bucket : buckets) {
                for (String clientName : bucket.clients()) {
                    if (!clients.containsKey(clientName)) {
                        problems.add("bucket route " + bucket + " names the client " + clientName + ", which the "
                                + "router does not have: its clients are " + String.join(", ", clients.keySet()));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
            return new PurgeRouter(this);
        }
    }
}
