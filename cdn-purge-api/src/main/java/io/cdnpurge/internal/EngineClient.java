package io.cdnpurge.internal;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.AccessCheck;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeStats;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.spi.CompletionCheck;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The engine: the one {@link PurgeClient} implementation behind every provider. */
public final class EngineClient implements PurgeClient {
    /**
     * How long past its deadline a purge may still be finishing calls already under way (a read timeout) before its
     * future is given up on: a last resort, so that nothing, an {@link Error} in a pool thread included, leaves a
     * caller blocked for ever.
     */
    private static final Duration GRACE = Duration.ofMinutes(2);

    private final PurgeBackend backend;
    private final String id;
    /** The client's name: the prefix of its keys (the provider id unless the client is named). */
    private final String name;
    /** The client as messages name it: {@code cloudflare}, or {@code eu (cloudflare)} for a named client. */
    private final String label;
    private final PurgeCapabilities capabilities;
    private final EngineSettings settings;
    private final EngineCore core;
    private final InFlightTracker tracker;
    private final CallRunner runner;
    private final Completion completion;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<CompletableFuture<PurgeResult>> inFlight = ConcurrentHashMap.newKeySet();
    private static final PurgeTarget.Kind[] KINDS = PurgeTarget.Kind.values();
    /** What sets a purge's deadline, for messages: {@code cloudflare.deadline (PT15M)}. */
    private final String deadlineName;
    /** The client whose purge runs on this thread, inline: a purge() from its listeners would wait for itself. */
    private static final ThreadLocal<EngineClient> PURGING = new ThreadLocal<>();

    /** A client named by the backend's provider id, reading only the engine's keys of the config. */
    public EngineClient(PurgeBackend backend, PurgeConfig config, ClientOptions options) {
        this(backend, EngineSettings.engineOnly(Objects.requireNonNull(backend, "backend cannot be null")
                .providerId(), Objects.requireNonNull(config, "config cannot be null"),
                backend.capabilities().rateLimits()), options);
    }

    /** A client of settings read and checked against the provider's schema and the engine's. */
    public EngineClient(PurgeBackend backend, ClientSettings clientSettings, ClientOptions options) {
        this.backend = Objects.requireNonNull(backend, "backend cannot be null");
        Objects.requireNonNull(clientSettings, "settings cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        this.id = backend.providerId();
        this.name = clientSettings.name();
        this.label = name.equals(id) ? id : name + " (" + id + ")";
        PurgeCapabilities declared = backend.capabilities();
        this.settings = EngineSettings.from(clientSettings, declared.rateLimits());
        for (String secret : clientSettings.secretValues()) {
            backend.secrets().add(secret);
        }
        this.capabilities = withinItemLimits(declared.toBuilder().rateLimits(settings.rateLimits).build());
        this.core = new EngineCore(backend, capabilities, settings, options, name);
        this.tracker = core.quota == null ? null : new InFlightTracker(core, core.quota);
        this.runner = new CallRunner(core, tracker);
        this.completion = new Completion(core, tracker);
        this.executor = newExecutor(settings.concurrency);
        this.deadlineName = name + ".deadline (" + settings.deadline + ")";
    }

    /**
     * The capabilities with no call larger than an item limit of its kind can hold at once (a token bucket's burst,
     * a sliding window's permits): a larger call could never be admitted, and the vendor would refuse it.
     */
    private static PurgeCapabilities withinItemLimits(PurgeCapabilities capabilities) {
        PurgeCapabilities.Builder builder = capabilities.toBuilder();
        capabilities.limits().forEach((kind, limit) -> {
            long most = limit.maxItems();
            for (io.cdnpurge.RateLimit rate : capabilities.rateLimits()) {
                if (rate.unit() == io.cdnpurge.RateLimit.Unit.ITEMS && rate.appliesTo(kind)) {
                    most = Math.min(most, rate.burst());
                }
            }
            if (most < limit.maxItems()) {
                builder.kind(kind, limit.hasByteLimit() ? BatchLimit.itemsAndBytes((int) most, limit.maxBytes(),
                        limit.envelopeBytes(), limit.separatorBytes()) : BatchLimit.items((int) most));
            }
        });
        return builder.build();
    }

    /**
     * A thread of one client's pool, so the client can tell when it is called from its own threads, and learns when
     * one dies of an error its tasks could not catch (out of memory while completing a future).
     */
    private static final class EngineThread extends Thread {
        final EngineClient owner;

        EngineThread(Runnable task, String name, EngineClient owner) {
            super(task, name);
            this.owner = owner;
            setDaemon(true);
            setUncaughtExceptionHandler((thread, error) -> owner.threadDied(error));
        }
    }

    /** The last error a pool thread died of, and how many have died; neither allocates when set. */
    private volatile Throwable diedOf;
    private final AtomicInteger deaths = new AtomicInteger();

    /**
     * A pool thread died: the futures of the purges under way may never complete, so they end now with the error,
     * as far as memory allows; {@link #purge} also sees the death while it waits.
     */
    private void threadDied(Throwable error) {
        diedOf = error;
        deaths.incrementAndGet();
        try {
            for (CompletableFuture<PurgeResult> pending : List.copyOf(inFlight)) {
                pending.completeExceptionally(error);
            }
        } catch (Throwable ignored) {
            // out of memory again: purge() notices the death while it waits
        }
    }

    private ExecutorService newExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> new EngineThread(task, "cdn-purge-" + name + "-" + counter.incrementAndGet(),
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

    /** The calls a purge would make, without any request: scopes only the vendor knows are shown as look-ups. */
    @Override
    public PurgePlan plan(PurgeRequest request) {
        ensureOpen();
        Planner.Distinct distinct = validate(request);
        Planner.Placement placement = Planner.place(distinct, backend);
        Planner.Plan plan = Planner.plan(request, placement, Map.of(), Map.of(), backend, capabilities, core.redactor,
                true);
        PurgePlan.Builder result = PurgePlan.builder(name).targetCount(plan.distinct.size())
                .duplicatesRemoved(plan.duplicates).minimumCalls(plan.minimumCalls).billableItems(billable(plan.calls));
        plan.planned.forEach(result::call);
        plan.lookups.forEach(lookup -> result.note("the " + lookup + " is looked up from " + id + " when purging; "
                + "a plan sends no request"));
        for (Planner.Failed failed : plan.unscoped) {
            PurgeTarget first = plan.distinct.get(failed.indices.get(0));
            result.note((failed.indices.size() == 1 ? first.toString() : failed.indices.size() + " targets such as "
                    + first) + " cannot be sent: " + core.events.redact(failed.error.getMessage()));
        }
        return result.build();
    }

    /** The sum of the calls' billable items, or empty when the provider does not bill per item. */
    private static OptionalLong billable(List<PurgeCall> calls) {
        long total = 0;
        boolean billed = false;
        for (PurgeCall call : calls) {
            java.util.OptionalInt items = call.billableItems();
            if (items.isPresent()) {
                billed = true;
                total += items.getAsInt();
            }
        }
        return billed ? OptionalLong.of(total) : OptionalLong.empty();
    }

    /**
     * Plans on the caller's thread, makes the look-ups and a plan's only call there too, and hands the calls of a
     * larger plan to the client's pool: a purge of a few URLs costs no thread hand-off.
     */
    @Override
    public PurgeResult purge(PurgeRequest request) {
        Thread current = Thread.currentThread();
        if (current instanceof EngineThread && ((EngineThread) current).owner == this || PURGING.get() == this) {
            // blocking here would wait for calls queued behind this very thread, or for this purge's own slot
            throw new IllegalStateException("purge() was called from within a purge of this " + label + " client (a "
                    + "PurgeListener or a purgeAsync callback); use purgeAsync() there instead");
        }
        ensureOpen();
        Planner.Distinct distinct = validate(request);
        Context context = newContext(request);
        int deathsBefore = deaths.get();
        EngineClient outer = PURGING.get();
        PURGING.set(this);
        Planner.Plan plan;
        try {
            plan = plan(request, distinct, context);
            distinct = null;
            if (plan.callCount() <= 1) {
                List<CallOutcome> outcomes = plan.callCount() == 0 ? List.of() : List.of(runner.run(plan, 0, context));
                return assemble(plan, outcomes, context);
            }
        } catch (PurgeException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw new PurgeException("the " + label + " purge ended with " + e + "; some calls may have been sent, "
                    + "others not: purge the same request again", e);
        } finally {
            // set, not removed: a removed value is made again, for a few bytes, by the next purge on this thread
            PURGING.set(outer);
        }
        CompletableFuture<PurgeResult> future = register();
        try {
            execute(plan, context).whenComplete((done, error) -> finish(future, done, error));
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closedWhileRunning());
        }
        return await(future, deathsBefore);
    }

    /** Waits for a purge run by the pool, noticing a pool thread that dies under it. */
    private PurgeResult await(CompletableFuture<PurgeResult> future, int deathsBefore) {
        while (true) {
            try {
                return future.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                if (deaths.get() != deathsBefore) {
                    // a thread of this client died under the purge: its calls may never be answered
                    Throwable cause = diedOf;
                    throw new PurgeException("the " + label + " purge ended: a thread of this client died of " + cause
                            + "; some calls may have been sent, others not: purge the same request again", cause);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                cause = explain(cause, label, settings.deadline);
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new PurgeException("the " + label + " purge ended with " + cause + "; some calls may have been "
                        + "sent, others not: purge the same request again", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PurgeException("interrupted while waiting for the " + label + " purge: some calls may have "
                        + "been sent, others not; its result is lost", e);
            }
        }
    }

    private Context newContext(PurgeRequest request) {
        Instant start = core.clock.instant();
        return new Context(start, start.plus(settings.deadline), deadlineName, purgeId(),
                request.tenant().orElse(null));
    }

    /** An id for a purge, unique enough to find its events and log lines: random, 12 hex digits. */
    private static String purgeId() {
        long bits = java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        String hex = Long.toHexString(bits);
        return "000000000000".substring(hex.length()) + hex;
    }

    /**
     * A purge's future, known to {@link #close} and to the pool's threads until it completes, and given up on
     * {@link #GRACE} after the deadline whatever happens.
     */
    private CompletableFuture<PurgeResult> register() {
        CompletableFuture<PurgeResult> result = new CompletableFuture<>();
        inFlight.add(result);
        result.whenComplete((done, error) -> inFlight.remove(result));
        result.orTimeout(settings.deadline.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    @Override
    public CompletableFuture<PurgeResult> purgeAsync(PurgeRequest request) {
        Context context;
        Planner.Distinct distinct;
        try {
            ensureOpen();
            distinct = validate(request);
            context = newContext(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<PurgeResult> result = register();
        try {
            CompletableFuture.supplyAsync(() -> {
                return plan(request, distinct, context);
            }, executor).thenCompose(plan -> execute(plan, context))
                    .whenComplete((done, error) -> finish(result, done, error));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(closedWhileRunning());
        }
        return result.handle((done, error) -> {
            if (error == null) {
                return done;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            throw new CompletionException(explain(cause, label, settings.deadline));
        });
    }

    private void finish(CompletableFuture<PurgeResult> result, PurgeResult done, Throwable error) {
        if (error == null) {
            result.complete(done);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RejectedExecutionException) {
            // a call submitted after close() began is rejected by the stopping pool: say why
            result.completeExceptionally(closedWhileRunning());
        } else if (cause instanceof PurgeException || cause instanceof IllegalStateException) {
            result.completeExceptionally(cause);
        } else {
            result.completeExceptionally(new PurgeException("the " + label + " purge ended with " + cause + "; some "
                    + "calls may have been sent, others not: purge the same request again", cause));
        }
    }

    private PurgeException closedWhileRunning() {
        return new PurgeException("this " + label + " client was closed while the purge was running: some calls may "
                + "have been sent, others not; purge the same request again with an open client");
    }

    /** What the look-ups found. */
    private static final class Found {
        /** Nothing to look up: nothing found. */
        static final Found NONE = new Found(Map.of(), Map.of());
        final Map<String, String> scopes;
        final Map<String, PurgeException> failures;

        Found(Map<String, String> scopes, Map<String, PurgeException> failures) {
            this.scopes = scopes;
            this.failures = failures;
        }
    }

    /**
     * Makes the placement's look-ups, one after the other so that each can profit from what the ones before it
     * learnt (a Cloudflare zone covers its sibling hosts).
     */
    private Found lookUp(Planner.Placement placement, Context context) {
        if (placement.lookups().isEmpty()) {
            return Found.NONE;
        }
        Found found = new Found(new HashMap<>(), new HashMap<>());
        for (String key : placement.lookups()) {
            try {
                found.scopes.put(key, Objects.requireNonNull(backend.lookUp(key,
                        new Exchange(core, context, CallInfo.none(), false)), "scope"));
            } catch (PurgeException e) {
                found.failures.put(key, core.events.redact(e));
            } catch (RuntimeException e) {
                found.failures.put(key, new PurgeException(label + " provider failed unexpectedly looking up '"
                        + key + "' (" + e.getClass().getName() + "); please report it", e));
            }
        }
        return found;
    }

    /** Places the targets, makes the look-ups and plans the calls; the placement is not kept. */
    private Planner.Plan plan(PurgeRequest request, Planner.Distinct distinct, Context context) {
        Planner.Placement placement = Planner.place(distinct, backend);
        Found found = lookUp(placement, context);
        Planner.Plan plan = Planner.plan(request, placement, found.scopes, found.failures, backend, capabilities,
                core.redactor, false);
        if (core.events.wants(PurgeEvent.Type.PLANNED)) {
            core.events.emit(core.events.event(PurgeEvent.Type.PLANNED, context).calls(plan.callCount())
                    .items(plan.distinct.size()).detail(plan.callCount() + " calls (minimum " + plan.minimumCalls
                            + ") for " + plan.distinct.size() + " targets, " + plan.duplicates
                            + " duplicates removed"));
        }
        return plan;
    }

    /** Runs the plan's calls on the pool. */
    private CompletableFuture<PurgeResult> execute(Planner.Plan plan, Context context) {
        List<CompletableFuture<CallOutcome>> futures = new ArrayList<>(plan.callCount());
        for (int i = 0; i < plan.callCount(); i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(() -> runner.run(plan, index, context), executor));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<CallOutcome> outcomes = new ArrayList<>(futures.size());
            futures.forEach(future -> outcomes.add(future.join()));
            return assemble(plan, outcomes, context);
        });
    }

    /** The result: one outcome per distinct target, in the order of the request. */
    private PurgeResult assemble(Planner.Plan plan, List<CallOutcome> calls, Context context) {
        List<CallOutcome> all = calls;
        if (!plan.unscoped.isEmpty()) {
            all = new ArrayList<>(calls);
            for (Planner.Failed failed : plan.unscoped) {
                all.add(CallOutcome.failed(plan.distinct, failed.indices, null,
                        core.redactor.scrubError(failed.error)));
            }
        }
        OutcomeList outcomes = OutcomeList.of(name, plan.distinct.size(), all);
        PurgeStats stats = PurgeStats.builder().calls(plan.callCount()).requests(context.requests.get())
                .retries(context.retries.get()).throttled(context.throttled.get())
                .elapsed(Duration.between(context.start, core.clock.instant())).started(context.start)
                .billableItems(context.billed ? OptionalLong.of(context.billable.get()) : OptionalLong.empty())
                .build();
        PurgeResult result = PurgeResult.builder(name).outcomes(outcomes).stats(stats).build();
        if (core.events.wants(PurgeEvent.Type.COMPLETED)) {
            core.events.emit(core.events.event(PurgeEvent.Type.COMPLETED, context).calls(plan.callCount())
                    .items(outcomes.size()).duration(stats.elapsed()).detail(result.status() + ", " + stats)
                    .result(result));
        }
        return result;
    }

    /**
     * Every check that needs no network: supported kinds, modes and actions, then the vendor's own rules.
     *
     * @return the request's distinct targets
     */
    private Planner.Distinct validate(PurgeRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        List<String> unsupported = new ArrayList<>();
        PurgeTarget.Kind[] kinds = KINDS;
        int[] counts = new int[kinds.length];
        PurgeTarget[] examples = new PurgeTarget[kinds.length];
        for (PurgeTarget target : request.targets()) {
            int kind = target.kind().ordinal();
            if (counts[kind]++ == 0) {
                examples[kind] = target;
            }
        }
        for (PurgeTarget.Kind kind : kinds) {
            if (counts[kind.ordinal()] > 0 && !capabilities.supports(kind)) {
                unsupported.add(counts[kind.ordinal()] + " " + kindName(kind) + " target(s) such as "
                        + examples[kind.ordinal()] + ": " + id + " cannot purge by " + kindName(kind) + "; it supports "
                        + capabilities.kinds().stream().map(EngineClient::kindName).collect(Collectors.joining(", "))
                        + backend.alternative(kind).map(advice -> ": " + advice).orElse(""));
            }
        }
        if (!capabilities.modes().contains(request.mode())) {
            unsupported.add("mode " + request.mode() + ": " + id + " supports " + capabilities.modes());
        }
        if (!capabilities.actions().contains(request.action())) {
            unsupported.add("action " + request.action() + ": " + id + " supports " + capabilities.actions());
        }
        if (!unsupported.isEmpty()) {
            throw new UnsupportedPurgeException(id, unsupported);
        }
        Planner.Distinct distinct = Planner.distinct(request.targets());
        BatchLimit[] limits = new BatchLimit[kinds.length];
        for (PurgeTarget.Kind kind : kinds) {
            if (counts[kind.ordinal()] > 0) {
                limits[kind.ordinal()] = capabilities.limit(kind).orElseThrow();
            }
        }
        List<String> problems = new ArrayList<>();
        List<PurgeTarget> targets = distinct.targets;
        for (int i = 0; i < targets.size(); i++) {
            PurgeTarget target = targets.get(i);
            Optional<String> problem = backend.problem(target, request);
            if (problem.isPresent()) {
                problems.add(problem.get());
                continue;
            }
            BatchLimit limit = limits[target.kind().ordinal()];
            if (limit.hasByteLimit()) {
                if (distinct.sizes == null) {
                    // measured once, here, for the planner too
                    distinct.sizes = new int[targets.size()];
                }
                int size = backend.itemBytes(target);
                distinct.sizes[i] = size;
                int bytes = limit.envelopeBytes() + size;
                if (bytes > limit.maxBytes()) {
                    problems.add(target + " needs " + bytes + " bytes in a request body, over " + id + "'s limit of "
                            + limit.maxBytes() + ": shorten it");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPurgeRequestException(problems);
        }
        return distinct;
    }

    static String kindName(PurgeTarget.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    public PurgeResult status(PurgeResult result) {
        ensureOpen();
        Objects.requireNonNull(result, "result cannot be null");
        if (!hasInProgress(result)) {
            return result;
        }
        Instant now = core.clock.instant();
        Context context = new Context(now, now.plus(settings.deadline), deadlineName);
        return completion.update(result, context, false);
    }

    @Override
    public List<io.cdnpurge.ClientHealth> health() {
        return List.of(core.health());
    }

    @Override
    public List<AccessCheck> checkAccess() {
        ensureOpen();
        Instant now = core.clock.instant();
        Context context = new Context(now, now.plus(settings.deadline), deadlineName);
        AccessCheck check;
        try {
            check = backend.checkAccess(name, new Exchange(core, context, CallInfo.none(), true));
        } catch (PurgeAuthenticationException | PurgePermissionException e) {
            check = AccessCheck.of(name, AccessCheck.Verdict.DENIED, core.redactor.scrubError(e).getMessage());
        } catch (PurgeException e) {
            check = AccessCheck.of(name, AccessCheck.Verdict.UNREACHABLE, "could not ask: "
                    + core.redactor.scrubError(e).getMessage());
        }
        return List.of(AccessCheck.of(check.client(), check.verdict(), core.redactor.scrub(check.detail())));
    }

    @Override
    public Optional<TargetOutcome.Status> status(String reference, String scope) {
        ensureOpen();
        Objects.requireNonNull(reference, "reference cannot be null");
        if (reference.isBlank()) {
            throw new IllegalArgumentException("the vendor reference of a purge cannot be blank");
        }
        Optional<CompletionCheck> check = backend.completionCheck(reference.trim(), scope);
        if (check.isEmpty()) {
            return Optional.empty();
        }
        Instant now = core.clock.instant();
        Context context = new Context(now, now.plus(settings.deadline), deadlineName);
        try {
            TargetOutcome.Status status = check.get().check(new Exchange(core, context, CallInfo.none(), true));
            return Optional.of(status == null ? TargetOutcome.Status.IN_PROGRESS : status);
        } catch (PurgeException e) {
            throw core.redactor.scrubError(e);
        }
    }

    @Override
    public PurgeResult awaitCompletion(PurgeResult result, Duration timeout) {
        ensureOpen();
        Objects.requireNonNull(result, "result cannot be null");
        Objects.requireNonNull(timeout, "timeout cannot be null");
        Instant now = core.clock.instant();
        Instant deadline = now.plus(timeout);
        Context context = new Context(now, deadline, "awaitCompletion's timeout (" + timeout + ")");
        PurgeResult current = completion.update(result, context, true);
        while (hasInProgress(current)) {
            Instant wake = completion.nextWake(current);
            if (wake == null) {
                // nothing more can be learnt: no status API and no estimate, or the vendor refused every question
                return current;
            }
            now = core.clock.instant();
            if (!now.isBefore(deadline)) {
                return current.toBuilder().timedOut(true).build();
            }
            Duration wait = wake.isAfter(now) ? min(Duration.between(now, wake), Duration.between(now, deadline))
                    : Duration.ZERO;
            try {
                core.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = completion.update(current, context, true);
        }
        return current;
    }

    private static boolean hasInProgress(PurgeResult result) {
        if (result.outcomes() instanceof OutcomeList) {
            return ((OutcomeList) result.outcomes()).count(TargetOutcome.Status.IN_PROGRESS) > 0;
        }
        return result.outcomes().stream().anyMatch(o -> o.status() == TargetOutcome.Status.IN_PROGRESS);
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this " + label + " client is closed: create a new one");
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
        return "PurgeClient{" + label + ", " + settings.concurrency + " concurrent calls, " + settings.maxAttempts
                + " attempts}";
    }

    /** Unwraps the watchdog's timeout into a message that says what happened. */
    static Throwable explain(Throwable error, String client, Duration deadline) {
        if (error instanceof TimeoutException) {
            return new PurgeException("the " + client + " purge did not end within its deadline (" + deadline + ") and "
                    + GRACE + " more: some calls may have been sent, others not", error);
        }
        return error;
    }
}
