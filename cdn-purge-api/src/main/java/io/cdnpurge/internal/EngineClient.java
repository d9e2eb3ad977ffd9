package io.cdnpurge.internal;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeStats;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.spi.PurgeBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The engine: the one {@link PurgeClient} implementation behind every provider. */
public final class EngineClient implements PurgeClient {
    private final PurgeBackend backend;
    private final String id;
    private final PurgeCapabilities capabilities;
    private final EngineSettings settings;
    private final Clock clock;
    private final RateLimiter limiter;
    private final CallRunner runner;
    private final Redactor redactor;
    private final Events events;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.Set<CompletableFuture<PurgeResult>> inFlight = ConcurrentHashMap.newKeySet();

    public EngineClient(PurgeBackend backend, PurgeConfig config, ClientOptions options) {
        this.backend = Objects.requireNonNull(backend, "backend cannot be null");
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        this.id = backend.providerId();
        PurgeCapabilities declared = backend.capabilities();
        this.settings = EngineSettings.from(id, config, declared.rateLimits());
        this.capabilities = declared.toBuilder().rateLimits(settings.rateLimits).build();
        this.clock = options.clock();
        this.limiter = new RateLimiter(settings.rateLimitEnabled ? settings.rateLimits : List.of(), clock);
        this.redactor = new Redactor(backend.secrets());
        this.events = new Events(id, options.listeners(), redactor, clock);
        this.runner = new CallRunner(backend, settings, limiter, events, options);
        this.executor = newExecutor(settings.concurrency);
    }

    /** A thread of one client's pool, so the client can tell when it is called from its own threads. */
    private static final class EngineThread extends Thread {
        final EngineClient owner;

        EngineThread(Runnable task, String name, EngineClient owner) {
            super(task, name);
            this.owner = owner;
            setDaemon(true);
        }
    }

    private ExecutorService newExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> new EngineThread(task, "cdn-purge-" + id + "-" + counter.incrementAndGet(),
                this);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public String providerId() {
        return id;
    }

    @Override
    public PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public PurgePlan plan(PurgeRequest request) {
        ensureOpen();
        validate(request);
        Planner.Plan plan = Planner.plan(request, backend, capabilities, redactor);
        List<String> notes = new ArrayList<>();
        plan.unscoped.forEach((target, error) -> notes.add(target + " cannot be sent: "
                + events.redact(error.getMessage())));
        return new PurgePlan(id, plan.calls, plan.distinct.size(), plan.duplicates, plan.minimumCalls, notes,
                billable(plan.batches));
    }

    /** The sum of the batches' billable items, or empty when the provider does not bill per item. */
    private java.util.OptionalLong billable(List<io.cdnpurge.spi.PurgeBatch> batches) {
        long total = 0;
        boolean billed = false;
        for (io.cdnpurge.spi.PurgeBatch batch : batches) {
            java.util.OptionalInt items = backend.billableItems(batch);
            if (items.isPresent()) {
                billed = true;
                total += items.getAsInt();
            }
        }
        return billed ? java.util.OptionalLong.of(total) : java.util.OptionalLong.empty();
    }

    @Override
    public PurgeResult purge(PurgeRequest request) {
        Thread current = Thread.currentThread();
        if (current instanceof EngineThread && ((EngineThread) current).owner == this) {
            // blocking here would wait for calls queued behind this very thread: a deadlock
            throw new IllegalStateException("purge() was called from one of this " + id + " client's own threads "
                    + "(a PurgeListener or a purgeAsync callback); use purgeAsync() there instead");
        }
        try {
            return purgeAsync(request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<PurgeResult> purgeAsync(PurgeRequest request) {
        Instant start;
        try {
            ensureOpen();
            validate(request);
            start = clock.instant();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<PurgeResult> result = new CompletableFuture<>();
        inFlight.add(result);
        result.whenComplete((done, error) -> inFlight.remove(result));
        try {
            CompletableFuture.supplyAsync(() -> Planner.plan(request, backend, capabilities, redactor), executor)
                    .thenCompose(plan -> execute(plan, start))
                    .whenComplete((done, error) -> {
                        if (error == null) {
                            result.complete(done);
                        } else {
                            Throwable cause = error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause() : error;
                            // a call submitted after close() began is rejected by the stopping pool: say why
                            result.completeExceptionally(cause instanceof RejectedExecutionException
                                    ? closedWhileRunning() : cause);
                        }
                    });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(closedWhileRunning());
        }
        return result;
    }

    private PurgeException closedWhileRunning() {
        return new PurgeException("this " + id + " client was closed while the purge was running: some calls may "
                + "have been sent, others not; purge the same request again with an open client");
    }

    private CompletableFuture<PurgeResult> execute(Planner.Plan plan, Instant start) {
        events.emit(events.event(PurgeEvent.Type.PLANNED).calls(plan.calls.size()).items(plan.distinct.size())
                .detail(plan.calls.size() + " calls (minimum " + plan.minimumCalls + ") for " + plan.distinct.size()
                        + " targets, " + plan.duplicates + " duplicates removed"));
        CallRunner.Counters counters = new CallRunner.Counters();
        List<CompletableFuture<List<TargetOutcome>>> futures = new ArrayList<>();
        for (int i = 0; i < plan.batches.size(); i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(
                    () -> runner.run(plan.batches.get(index), plan.calls.get(index).description(), index + 1,
                            plan.batches.size(), counters), executor));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            Map<PurgeTarget, TargetOutcome> byTarget = new HashMap<>();
            plan.unscoped.forEach((target, error) -> byTarget.put(target,
                    TargetOutcome.failed(target, redactor.scrubError(error))));
            for (CompletableFuture<List<TargetOutcome>> future : futures) {
                for (TargetOutcome outcome : future.join()) {
                    byTarget.put(outcome.target(), outcome);
                }
            }
            List<TargetOutcome> outcomes = new ArrayList<>(plan.distinct.size());
            for (PurgeTarget target : plan.distinct) {
                outcomes.add(Objects.requireNonNull(byTarget.get(target), () -> "no outcome for " + target));
            }
            PurgeStats stats = new PurgeStats(plan.calls.size(), counters.requests.get(), counters.retries.get(),
                    counters.throttled.get(), Duration.between(start, clock.instant()),
                    billable(plan.batches).isPresent() ? java.util.OptionalLong.of(counters.billable.get())
                            : java.util.OptionalLong.empty());
            PurgeResult result = new PurgeResult(id, outcomes, stats);
            events.emit(events.event(PurgeEvent.Type.COMPLETED).calls(plan.calls.size()).items(outcomes.size())
                    .duration(stats.elapsed()).detail(result.status() + ", " + stats));
            return result;
        });
    }

    /** Every check that needs no network: supported kinds, modes and actions, then the vendor's own rules. */
    private void validate(PurgeRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        List<String> unsupported = new ArrayList<>();
        Map<PurgeTarget.Kind, List<PurgeTarget>> byKind = new EnumMap<>(PurgeTarget.Kind.class);
        for (PurgeTarget target : request.targets()) {
            byKind.computeIfAbsent(target.kind(), kind -> new ArrayList<>()).add(target);
        }
        byKind.forEach((kind, targets) -> {
            if (!capabilities.supports(kind)) {
                unsupported.add(targets.size() + " " + kindName(kind) + " target(s) such as " + targets.get(0)
                        + ": " + id + " cannot purge by " + kindName(kind) + "; it supports "
                        + capabilities.kinds().stream().map(EngineClient::kindName).collect(Collectors.joining(", "))
                        + backend.alternative(kind).map(advice -> ": " + advice).orElse(""));
            }
        });
        if (!capabilities.modes().contains(request.mode())) {
            unsupported.add("mode " + request.mode() + ": " + id + " supports " + capabilities.modes());
        }
        if (!capabilities.actions().contains(request.action())) {
            unsupported.add("action " + request.action() + ": " + id + " supports " + capabilities.actions());
        }
        if (!unsupported.isEmpty()) {
            throw new UnsupportedPurgeException(id, unsupported);
        }
        List<String> problems = new ArrayList<>();
        for (PurgeTarget target : new java.util.LinkedHashSet<>(request.targets())) {
            Optional<String> problem = backend.problem(target, request);
            if (problem.isPresent()) {
                problems.add(problem.get());
                continue;
            }
            BatchLimit limit = capabilities.limit(target.kind()).orElseThrow();
            if (limit.hasByteLimit()) {
                int bytes = limit.envelopeBytes() + backend.itemBytes(target);
                if (bytes > limit.maxBytes()) {
                    problems.add(target + " needs " + bytes + " bytes in a request body, over " + id + "'s limit of "
                            + limit.maxBytes() + ": shorten it");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPurgeRequestException(problems);
        }
    }

    static String kindName(PurgeTarget.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    public PurgeResult status(PurgeResult result) {
        ensureOpen();
        Objects.requireNonNull(result, "result cannot be null");
        if (result.status() != PurgeResult.Status.IN_PROGRESS && result.status() != PurgeResult.Status.PARTIAL) {
            return result;
        }
        Instant now = clock.instant();
        Map<String, TargetOutcome.Status> asked = new HashMap<>();
        List<TargetOutcome> updated = new ArrayList<>();
        boolean changed = false;
        for (TargetOutcome outcome : result.outcomes()) {
            TargetOutcome next = outcome;
            if (outcome.status() == TargetOutcome.Status.IN_PROGRESS) {
                next = check(outcome, now, asked);
            }
            changed |= next != outcome;
            updated.add(next);
        }
        return changed ? result.withOutcomes(updated) : result;
    }

    private TargetOutcome check(TargetOutcome outcome, Instant now, Map<String, TargetOutcome.Status> asked) {
        String reference = outcome.vendorReference().orElse(null);
        if (capabilities.statusApi() && reference != null) {
            TargetOutcome.Status status;
            try {
                String scope = backend.scope(outcome.target());
                status = asked.computeIfAbsent(scope + "\n" + reference, key -> backend.completion(scope, reference));
                if (status != TargetOutcome.Status.IN_PROGRESS) {
                    runner.tracker().ifPresent(tracker -> tracker.completed(scope, reference));
                }
            } catch (PurgeException e) {
                if (e.retryable()) {
                    return outcome;
                }
                return TargetOutcome.failed(outcome.target(), e);
            }
            if (status == TargetOutcome.Status.SUCCEEDED) {
                return TargetOutcome.succeeded(outcome.target(), reference)
                        .withRequestId(outcome.requestId().orElse(null));
            }
            if (status == TargetOutcome.Status.FAILED) {
                return TargetOutcome.failed(outcome.target(), new PurgeServiceException(id + " reports that purge "
                        + reference + " failed: purge its targets again, or quote the reference to " + id
                        + " support if it keeps failing", 0, null, null, false, null));
            }
            return outcome;
        }
        Optional<Instant> eta = outcome.estimatedCompletion();
        if (eta.isPresent() && !eta.get().isAfter(now)) {
            return TargetOutcome.succeeded(outcome.target(), reference)
                    .withRequestId(outcome.requestId().orElse(null));
        }
        return outcome;
    }

    @Override
    public PurgeResult awaitCompletion(PurgeResult result, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout cannot be null");
        Instant deadline = clock.instant().plus(timeout);
        Duration poll = settings.initialPoll;
        PurgeResult current = status(result);
        while (hasInProgress(current)) {
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return current;
            }
            Duration wait;
            if (capabilities.statusApi()) {
                wait = poll;
                poll = min(poll.multipliedBy(2), settings.maxPoll);
            } else {
                Optional<Instant> eta = current.estimatedCompletion();
                if (eta.isEmpty()) {
                    return current;
                }
                wait = Duration.between(now, eta.get());
            }
            wait = min(wait, Duration.between(now, deadline));
            try {
                runner.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = status(current);
        }
        return current;
    }

    private static boolean hasInProgress(PurgeResult result) {
        return result.outcomes().stream().anyMatch(o -> o.status() == TargetOutcome.Status.IN_PROGRESS);
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this " + id + " client is closed: create a new one");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            executor.shutdownNow();
            // calls still queued will never run: their purges end now, loudly, instead of never
            for (CompletableFuture<PurgeResult> pending : List.copyOf(inFlight)) {
                pending.completeExceptionally(closedWhileRunning());
            }
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "PurgeClient{" + id + ", " + settings.concurrency + " concurrent calls, " + settings.maxAttempts
                + " attempts}";
    }
}
