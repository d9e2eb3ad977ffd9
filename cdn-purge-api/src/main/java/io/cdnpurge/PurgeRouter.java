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
    private final Map<String, List<String>> buckets;
    private final ExecutorService waiting;

    private PurgeRouter(Builder builder) {
        this.name = builder.name;
        this.clients = new LinkedHashMap<>(builder.clients);
        this.routes = List.copyOf(builder.routes);
        Map<String, List<String>> origins = new LinkedHashMap<>();
        builder.buckets.forEach((bucket, hosts) -> origins.put(bucket, List.copyOf(hosts)));
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
     * a bucket is the URLs {@code https://<host>/<key>} of its hosts, which the routes then send to their clients.
     */
    public Map<String, List<String>> buckets() {
        return buckets;
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

    /** Where the targets of a request go: per client, and the outcomes of those that go nowhere. */
    private static final class Split {
        final Map<String, Set<PurgeTarget>> byClient = new LinkedHashMap<>();
        final List<TargetOutcome> refused = new ArrayList<>();
    }

    private Split split(PurgeRequest request) {
        Split split = new Split();
        String tenant = request.tenant().orElse(null);
        for (PurgeTarget target : new LinkedHashSet<>(request.targets())) {
            Collection<String> chosen = clientsFor(target, tenant);
            if (chosen.isEmpty()) {
                split.refused.add(failed(name, target, "no route of " + name + " covers " + describe(target)
                        + (tenant == null ? "" : " for tenant " + tenant) + ": add a Route for it"));
                continue;
            }
            for (String clientName : chosen) {
                PurgeClient client = clients.get(clientName);
                if (!client.capabilities().supports(target.kind())) {
                    split.refused.add(failed(clientName, target, clientName + " (" + client.providerId()
                            + ") cannot purge by " + target.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + "; its route sends it " + target + ", which the others of the route purge"));
                    continue;
                }
                split.byClient.computeIfAbsent(clientName, any -> new LinkedHashSet<>()).add(target);
            }
        }
        return split;
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

    private static PurgeRequest part(PurgeRequest request, Set<PurgeTarget> targets) {
        return request.toBuilder().replaceTargets(targets).build();
    }

    @Override
    public PurgePlan plan(PurgeRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        Split split = split(request);
        PurgePlan.Builder plan = PurgePlan.builder(name).targetCount(new LinkedHashSet<>(request.targets()).size());
        List<PurgePlan> parts = new ArrayList<>();
        long billable = 0;
        boolean anyBillable = false;
        int minimum = 0;
        for (Map.Entry<String, Set<PurgeTarget>> each : split.byClient.entrySet()) {
            PurgePlan part = relabel(each.getKey(), clients.get(each.getKey()).plan(part(request, each.getValue())));
            parts.add(part);
            part.calls().forEach(plan::call);
            minimum += part.minimumCalls();
            OptionalLong items = part.billableItems();
            if (items.isPresent()) {
                billable += items.getAsLong();
                anyBillable = true;
            }
            for (String note : part.notes()) {
                plan.note(each.getKey() + ": " + note);
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
        Split split = split(request);
        Map<String, CompletableFuture<PurgeResult>> running = new LinkedHashMap<>();
        for (Map.Entry<String, Set<PurgeTarget>> each : split.byClient.entrySet()) {
            String clientName = each.getKey();
            Set<PurgeTarget> targets = each.getValue();
            CompletableFuture<PurgeResult> future;
            try {
                future = clients.get(clientName).purgeAsync(part(request, targets));
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            // a client that fails fails its own targets, never the others'
            running.put(clientName, future.handle((result, error) -> error == null ? relabel(clientName, result)
                    : failedPart(clientName, targets, error)));
        }
        return CompletableFuture.allOf(running.values().toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> {
                    List<PurgeResult> parts = new ArrayList<>();
                    running.values().forEach(part -> parts.add(part.join()));
                    return combine(parts, split.refused);
                });
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
        private final Map<String, Set<String>> buckets = new LinkedHashMap<>();
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

        /** A CDN host serving a storage bucket's objects ({@link PurgeRouter#buckets()}). */
        public Builder bucket(String bucket, String host) {
            Objects.requireNonNull(bucket, "bucket cannot be null");
            Objects.requireNonNull(host, "host cannot be null");
            buckets.computeIfAbsent(bucket, any -> new LinkedHashSet<>()).add(host.toLowerCase(Locale.ROOT));
            return this;
        }

        /** @throws InvalidConfigurationException naming every route that names an unknown client */
        public PurgeRouter build() {
            List<String> problems = new ArrayList<>();
            if (clients.isEmpty()) {
                problems.add("a router needs at least one client");
            }
            if (routes.isEmpty()) {
                problems.add("a router needs at least one route");
            }
            for (Route route : routes) {
                for (String clientName : route.clients()) {
                    if (!clients.containsKey(clientName)) {
                        problems.add("route " + route + " names the client " + clientName + ", which the router does "
                                + "not have: its clients are " + String.join(", ", clients.keySet()));
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
