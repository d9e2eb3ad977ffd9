package io.cdnpurge.verify;

import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Edge verification, opt-in: after a purge has completed, requests the purged URLs from the edge, as a visitor
 * would, and reads the cache-status header each CDN sends ({@code CF-Cache-Status}, {@code Akamai-Cache-Status},
 * {@code X-Cache}) with {@code Age} to tell per URL whether the purge took:
 *
 * <pre>{@code
 * PurgeResult result = cdn.awaitCompletion(cdn.purge(request), Duration.ofMinutes(10));
 * try (EdgeVerifier verifier = EdgeVerifier.builder().timeout(Duration.ofSeconds(5)).build()) {
 *     EdgeReport report = verifier.verify(result);
 *     if (!report.allPurged()) {
 *         // "300 URLs checked at the edge: 298 purged, 1 not purged, 0 not cached, 1 unknown …"
 *         log.warn("{}", report);
 *     }
 * }
 * }</pre>
 *
 * <p>A miss, or a hit on a copy whose {@code Age} says it was cached after the purge started
 * ({@link io.cdnpurge.PurgeStats#started()}), is {@link EdgeCheck.Verdict#PURGED}; a hit on an older copy is
 * {@link EdgeCheck.Verdict#NOT_PURGED}. Each URL is requested once with {@code GET} (a {@code HEAD} is cached apart by
 * some CDNs), redirects not followed, a body read only when it is small (to reuse the connection); a URL target's
 * cache-key headers are sent with it, and the headers set with {@link Builder#header}. The request itself may cache the URL again: that is a visitor's request
 * and what the purge was for. An {@code Age} that a cache behind the CDN added makes a fresh copy look older: read
 * such a verdict with that in mind.
 *
 * <p>Which edge answers is the one DNS gives for the URL's host; with several CDNs behind one host, name each
 * client's edge ({@link Builder#edge}) and its URLs are requested from that CDN's addresses, with the URL's own host
 * name in TLS and {@code Host}. Every request is bounded by {@link Builder#timeout}; a URL that gets no answer is
 * {@link EdgeCheck.Verdict#UNKNOWN} saying why, never an exception. Thread-safe; close it to stop its threads.
 */
public final class EdgeVerifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeVerifier.class);
    private static final String HEADER_HINT = "no cache-status header (CF-Cache-Status, Akamai-Cache-Status or "
            + "X-Cache); Akamai sends one with the Return Cache Status behaviour, or X-Cache when the request has "
            + "Pragma: akamai-x-cache-on (EdgeVerifier.Builder.header)";

    /** Bodies up to this size are read so their connection can be reused. */
    private static final long DRAINED_BYTES = 64 * 1024;

    private final OkHttpClient http;
    private final Map<String, OkHttpClient> edges;
    private final Headers headers;
    private final Duration timeout;
    private final int concurrency;
    private final Clock clock;
    private final ExecutorService threads;
    private volatile boolean closed;

    private EdgeVerifier(Builder builder) {
        this.timeout = builder.timeout;
        this.concurrency = builder.concurrency;
        this.clock = builder.clock;
        this.headers = builder.headers.build();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "cdn-purge-edge-check-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.threads = pool;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(pool))
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (builder.proxy != null) {
            http.proxy(builder.proxy);
        }
        this.http = http.build();
        Map<String, OkHttpClient> edges = new LinkedHashMap<>();
        for (Map.Entry<String, String> edge : builder.edges.entrySet()) {
            edges.put(edge.getKey(), this.http.newBuilder().dns(new EdgeDns(edge.getValue())).build());
        }
        this.edges = edges;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A verifier with the defaults: 10 s a request, 8 at a time, the edges DNS gives. */
    public static EdgeVerifier create() {
        return builder().build();
    }

    /**
     * Checks the URL targets of a result against the instant its purge started: each through the edge of the client
     * that purged it when that edge is set ({@link Builder#edge}), else through the edge DNS gives. Other targets
     * (prefixes, tags, hosts) name no single URL: give URLs for them with {@link #verify(PurgeResult, Collection)}.
     *
     * @throws IllegalArgumentException when the result does not say when its purge started
     */
    public EdgeReport verify(PurgeResult result) {
        Objects.requireNonNull(result, "result cannot be null");
        Instant started = started(result);
        Set<Item> items = new LinkedHashSet<>();
        for (TargetOutcome outcome : result.outcomes()) {
            if (outcome.target().kind() == PurgeTarget.Kind.URL) {
                items.add(new Item(outcome.target(), edgeOf(outcome.provider())));
            }
        }
        if (items.isEmpty()) {
            LOG.warn("nothing to check at the edge: the result of {} has no URL targets; give the URLs its purge "
                    + "covered with verify(result, urls)", result.providerId());
        }
        return run(new ArrayList<>(items), started);
    }

    /**
     * Checks the given URLs after a purge (of tags, prefixes or anything), against the instant it started. A URL that
     * is also a URL target of the result goes through the edge of the client that purged it, when that edge is set.
     *
     * @throws IllegalArgumentException naming a URL that is not an absolute http(s) URL, before any request
     */
    public EdgeReport verify(PurgeResult result, Collection<String> urls) {
        Objects.requireNonNull(result, "result cannot be null");
        Instant started = started(result);
        List<PurgeTarget> targets = targets(urls);
        Map<PurgeTarget, List<String>> clients = new LinkedHashMap<>();
        for (TargetOutcome outcome : result.outcomes()) {
            clients.computeIfAbsent(outcome.target(), target -> new ArrayList<>()).add(outcome.provider());
        }
        Set<Item> items = new LinkedHashSet<>();
        for (PurgeTarget target : targets) {
            List<String> purgedBy = clients.get(target);
            if (purgedBy == null) {
                items.add(new Item(target, null));
            } else {
                for (String client : purgedBy) {
                    items.add(new Item(target, edgeOf(client)));
                }
            }
        }
        return run(new ArrayList<>(items), started);
    }

    /**
     * Checks the given URLs against the instant the purge started (taken just before it was sent).
     *
     * @throws IllegalArgumentException naming a URL that is not an absolute http(s) URL, before any request
     */
    public EdgeReport verify(Collection<String> urls, Instant purgeStarted) {
        Objects.requireNonNull(purgeStarted, "purgeStarted cannot be null");
        Set<Item> items = new LinkedHashSet<>();
        for (PurgeTarget target : targets(urls)) {
            items.add(new Item(target, null));
        }
        return run(new ArrayList<>(items), purgeStarted);
    }

    /** The client, when its own edge is set; null when the URL goes to the edge DNS gives, whichever CDN that is. */
    private String edgeOf(String client) {
        return edges.containsKey(client) ? client : null;
    }

    private static Instant started(PurgeResult result) {
        return result.stats().started().orElseThrow(() -> new IllegalArgumentException("the result of "
                + result.providerId() + " does not say when its purge started (PurgeStats.started() is empty); "
                + "give the instant: verify(urls, purgeStarted)"));
    }

    private static List<PurgeTarget> targets(Collection<String> urls) {
        Objects.requireNonNull(urls, "urls cannot be null");
        List<PurgeTarget> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String url : urls) {
            if (url == null) {
                problems.add("a URL is null");
                continue;
            }
            try {
                targets.add(PurgeTarget.url(url));
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot check at the edge: " + String.join("; ", problems)
                    + " (give absolute http or https URLs)");
        }
        return targets;
    }

    private EdgeReport run(List<Item> items, Instant started) {
        if (closed) {
            throw new IllegalStateException("this EdgeVerifier is closed");
        }
        if (items.isEmpty()) {
            return new EdgeReport(List.of());
        }
        long rounds = (items.size() + concurrency - 1) / concurrency;
        Duration limit = timeout.multipliedBy(rounds + 1);
        LOG.info("checking {} URL{} at the edge, {} at a time, each within {} s (all within {} s)", items.size(),
                items.size() == 1 ? "" : "s", concurrency, seconds(timeout), seconds(limit));
        // this check's own limit of requests at a time, whatever other checks run beside it
        Dispatcher dispatcher = new Dispatcher(threads);
        dispatcher.setMaxRequests(concurrency);
        dispatcher.setMaxRequestsPerHost(concurrency);
        OkHttpClient direct = http.newBuilder().dispatcher(dispatcher).build();
        Map<String, OkHttpClient> byEdge = new LinkedHashMap<>();
        edges.forEach((client, edge) -> byEdge.put(client, edge.newBuilder().dispatcher(dispatcher).build()));
        // every request is made before any is sent: one that cannot be made is a verdict, not an exception
        List<Call> calls = new ArrayList<>(items.size());
        List<CompletableFuture<EdgeCheck>> checks = new ArrayList<>(items.size());
        List<Integer> sendable = new ArrayList<>(items.size());
        for (Item item : items) {
            CompletableFuture<EdgeCheck> check = new CompletableFuture<>();
            checks.add(check);
            Request.Builder request = new Request.Builder().url(item.target.value()).headers(headers).get();
            try {
                item.target.headers().forEach(request::header);
            } catch (IllegalArgumentException e) {
                check.complete(new EdgeCheck(item.target.value(), item.client, EdgeCheck.Verdict.UNKNOWN, 0, null,
                        null, "not requested: its cache-key headers " + item.target.headers().keySet() + " cannot be "
                        + "sent in HTTP/1 (only printable ASCII)"));
                continue;
            }
            OkHttpClient client = item.client == null ? direct : byEdge.get(item.client);
            calls.add(client.newCall(request.build()));
            sendable.add(checks.size() - 1);
        }
        for (int i = 0; i < calls.size(); i++) {
            Item item = items.get(sendable.get(i));
            CompletableFuture<EdgeCheck> check = checks.get(sendable.get(i));
            calls.get(i).enqueue(new Callback() {
                @Override
                public void onFailure(Call failed, IOException e) {
                    check.complete(unanswered(item, e));
                }

                @Override
                public void onResponse(Call answered, Response response) {
                    try (response) {
                        check.complete(judge(item, response, started));
                        drainSmallBody(response);
                    } catch (RuntimeException e) {
                        check.complete(new EdgeCheck(item.target.value(), item.client, EdgeCheck.Verdict.UNKNOWN,
                                response.code(), null, null, "the answer could not be read: " + e));
                    }
                }
            });
        }
        awaitAll(checks, limit, calls);
        List<EdgeCheck> done = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Item item = items.get(i);
            EdgeCheck check = checks.get(i).getNow(new EdgeCheck(item.target.value(), item.client,
                    EdgeCheck.Verdict.UNKNOWN, 0, null, null, "no answer within " + seconds(limit)
                    + " s, the limit of the whole check (" + rounds + " rounds of " + seconds(timeout) + " s)"));
            LOG.debug("{}", check);
            done.add(check);
        }
        EdgeReport report = new EdgeReport(done);
        LOG.info("{}", report);
        return report;
    }

    /**
     * Reads a body of at most {@value #DRAINED_BYTES} bytes to its end, so that the connection serves the next URL;
     * a larger one is left unread and its connection closed.
     */
    private static void drainSmallBody(Response response) {
        long length = response.body().contentLength();
        if (length > 0 && length <= DRAINED_BYTES) {
            try {
                response.body().source().skip(length);
            } catch (IOException e) {
                // the verdict is made: the connection is closed with the response
            }
        }
    }

    private static void awaitAll(List<CompletableFuture<EdgeCheck>> checks, Duration limit, List<Call> calls) {
        try {
            CompletableFuture.allOf(checks.toArray(new CompletableFuture<?>[0])).get(limit.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.forEach(Call::cancel);
        } catch (TimeoutException e) {
            calls.forEach(Call::cancel);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an edge check failed unexpectedly", e.getCause());
        }
    }

    private EdgeCheck judge(Item item, Response response, Instant started) {
        Instant received = clock.instant();
        int code = response.code();
        CacheStatus status = CacheStatus.read(response::header);
        Duration age = age(response.header("Age"));
        String url = item.target.value();
        String answer = "HTTP " + code;
        if (status == null) {
            return new EdgeCheck(url, item.client, EdgeCheck.Verdict.UNKNOWN, code, null, age,
                    answer + ", " + HEADER_HINT);
        }
        String read = answer + ", " + status + (age == null ? "" : ", Age " + age.getSeconds());
        switch (status.state) {
            case NOT_CACHED:
                return new EdgeCheck(url, item.client, EdgeCheck.Verdict.NOT_CACHED, code, status.toString(), age,
                        read + ": the edge does not cache it");
            case MISS:
                return new EdgeCheck(url, item.client, EdgeCheck.Verdict.PURGED, code, status.toString(), age,
                        read + ": a miss, fetched from the origin");
            case OTHER:
                return new EdgeCheck(url, item.client, EdgeCheck.Verdict.UNKNOWN, code, status.toString(), age,
                        read + ": neither a hit nor a miss");
            default:
                break;
        }
        if (age == null) {
            return new EdgeCheck(url, item.client, EdgeCheck.Verdict.UNKNOWN, code, status.toString(), null,
                    read + ": a hit with no Age header, so when the copy was cached cannot be told");
        }
        // Age is whole seconds: the copy was cached between received - age - 1 s and received - age
        Duration since = Duration.between(started, received);
        String sinceText = "the purge started " + seconds(since) + " s before the answer";
        if (age.plusSeconds(1).compareTo(since) <= 0) {
            return new EdgeCheck(url, item.client, EdgeCheck.Verdict.PURGED, code, status.toString(), age,
                    read + ": a hit on a copy cached after the purge (" + sinceText + ")");
        }
        if (age.compareTo(since) > 0) {
            return new EdgeCheck(url, item.client, EdgeCheck.Verdict.NOT_PURGED, code, status.toString(), age,
                    read + ": a hit on a copy cached before the purge (" + sinceText + ")");
        }
        return new EdgeCheck(url, item.client, EdgeCheck.Verdict.UNKNOWN, code, status.toString(), age,
                read + ": a copy cached within a second of the purge starting (" + sinceText + "); check again");
    }

    private EdgeCheck unanswered(Item item, IOException e) {
        String why = e instanceof InterruptedIOException
                ? "no answer within " + seconds(timeout) + " s (EdgeVerifier.Builder.timeout)"
                : "no answer: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new EdgeCheck(item.target.value(), item.client, EdgeCheck.Verdict.UNKNOWN, 0, null, null, why);
    }

    /** The {@code Age} header: whole seconds, or null when absent or not a number. */
    static Duration age(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f",
                millis / 1000.0);
    }

    /** Stops the verifier's threads and drops its connections; a check after this is refused. */
    @Override
    public void close() {
        closed = true;
        threads.shutdownNow();
        http.connectionPool().evictAll();
    }

    /** A URL to request, and the client that purged it, if known. */
    private static final class Item {
        final PurgeTarget target;
        final String client;

        Item(PurgeTarget target, String client) {
            this.target = target;
            this.client = client;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Item && target.equals(((Item) other).target)
                    && Objects.equals(client, ((Item) other).client);
        }

        @Override
        public int hashCode() {
            return target.hashCode() * 31 + Objects.hashCode(client);
        }
    }

    /** Resolves every host name to the addresses of one CDN's edge host. */
    static final class EdgeDns implements Dns {
        private final String edgeHost;
        private final Dns resolver;

        EdgeDns(String edgeHost) {
            this(edgeHost, Dns.SYSTEM);
        }

        EdgeDns(String edgeHost, Dns resolver) {
            this.edgeHost = edgeHost;
            this.resolver = resolver;
        }

        @Override
        public List<InetAddress> lookup(String hostname) throws UnknownHostException {
            try {
                return resolver.lookup(edgeHost);
            } catch (UnknownHostException e) {
                UnknownHostException named = new UnknownHostException("the edge " + edgeHost + " given for "
                        + hostname + " does not resolve");
                named.initCause(e);
                throw named;
            }
        }
    }

    /** Builds an {@link EdgeVerifier}. Not thread-safe. */
    public static final class Builder {
        /** Characters a header name cannot have besides spaces and controls (RFC 9110, token). */
        private static final String SEPARATORS = "()<>@,;:\\\"/[]?={}";
        private Duration timeout = Duration.ofSeconds(10);
        private int concurrency = 8;
        private final Headers.Builder headers = new Headers.Builder().add("User-Agent", "cdn-purge-edge-check");
        private final Map<String, String> edges = new TreeMap<>();
        private Proxy proxy;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** How long one URL's request may take, connecting included (10 s unless set). */
        public Builder timeout(Duration perRequest) {
            Objects.requireNonNull(perRequest, "timeout cannot be null");
            if (perRequest.isZero() || perRequest.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + perRequest);
            }
            this.timeout = perRequest;
            return this;
        }

        /** How many URLs are requested at a time, 1 to 256 (8 unless set). */
        public Builder concurrency(int atATime) {
            if (atATime < 1 || atATime > 256) {
                throw new IllegalArgumentException("concurrency must be 1 to 256, was " + atATime);
            }
            this.concurrency = atATime;
            return this;
        }

        /**
         * A header every request carries, replacing one of the same name: {@code Pragma: akamai-x-cache-on} for
         * Akamai's {@code X-Cache}, {@code Fastly-Debug: 1}, a {@code User-Agent}, a staging site's credentials.
         * Values are never logged or reported.
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name cannot be null");
            Objects.requireNonNull(value, "value of header " + name + " cannot be null");
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && SEPARATORS.indexOf(c) < 0)) {
                throw new IllegalArgumentException("'" + name + "' is not a header name (letters, digits and "
                        + "!#$%&'*+-.^_`|~ only)");
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException("the value of header " + name + " has a character other than "
                        + "printable ASCII (a line break, a letter with an accent?); the value is not repeated here");
            }
            headers.set(name, value);
            return this;
        }

        /**
         * The edge of one client: URLs that client purged are requested from the addresses of {@code edgeHost}
         * (e.g. {@code d111111abcdef8.cloudfront.net}, {@code acme.global.ssl.fastly.net}) with their own host name
         * in TLS and {@code Host}, so each CDN behind one host name is checked, not only the one DNS gives.
         */
        public Builder edge(String clientName, String edgeHost) {
            Objects.requireNonNull(clientName, "clientName cannot be null");
            Objects.requireNonNull(edgeHost, "edgeHost cannot be null");
            if (edgeHost.isBlank() || !edgeHost.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.'
                    || c == '-' || c == ':')) {
                throw new IllegalArgumentException("the edge of client " + clientName + ", '" + edgeHost + "', is "
                        + "not a host name or address");
            }
            edges.put(clientName, edgeHost);
            return this;
        }

        /** An HTTP proxy every request goes through (the proxy then resolves host names: no {@link #edge}). */
        public Builder proxy(Proxy through) {
            this.proxy = Objects.requireNonNull(through, "proxy cannot be null");
            return this;
        }

        /** The clock answers are timed on, to compare with when the purge started (the system clock unless set). */
        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "clock cannot be null");
            return this;
        }

        /**
         * @throws IllegalStateException when both a proxy and edges are set: a proxy resolves host names itself
         */
        public EdgeVerifier build() {
            if (proxy != null && proxy.type() != Proxy.Type.DIRECT && !edges.isEmpty()) {
                throw new IllegalStateException("edges " + edges.keySet() + " cannot be reached through a proxy, "
                        + "which resolves host names itself; drop the proxy or the edges");
            }
            return new EdgeVerifier(this);
        }
    }
}
