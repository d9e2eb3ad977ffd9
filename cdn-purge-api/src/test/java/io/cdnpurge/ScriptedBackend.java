package io.cdnpurge;

import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.VendorRequests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A {@link PurgeBackend} driven by a script instead of a vendor. It records every batch it receives, and can be
 * told to throw for the next sends, to throw for batches matching a condition, to refuse single targets, to answer
 * with a completion estimate or rate-limit state, and to answer status queries. Thread-safe.
 *
 * <p>By default it is provider {@code test}, supports every kind at 30 items a call with no rate limit, puts every
 * target in scope {@code zone-1} and accepts every call with the reference {@code ref-<n>}.
 */
public final class ScriptedBackend implements PurgeBackend {
    public static final String ID = "test";

    private final String id;
    private PurgeCapabilities capabilities = allKinds(BatchLimit.items(30)).build();
    private final List<PurgeBatch> received = new ArrayList<>();
    private final Deque<RuntimeException> nextFailures = new ArrayDeque<>();
    private final Map<Predicate<PurgeBatch>, Supplier<? extends Throwable>> failures = new LinkedHashMap<>();
    private final Map<PurgeTarget, PurgeException> refusals = new LinkedHashMap<>();
    private final Deque<BatchResult> nextRateLimits = new ArrayDeque<>();
    private final Deque<TargetOutcome.Status> completions = new ArrayDeque<>();
    private final Deque<RuntimeException> completionFailures = new ArrayDeque<>();
    private final List<String> completionQueries = new ArrayList<>();
    private Duration estimatedCompletion;
    private Function<PurgeTarget, String> scopes = target -> "zone-1";
    /** Targets whose scope must be looked up: key of the look-up, or null when known. */
    private Function<PurgeTarget, String> lookupKeys = target -> null;
    private Function<String, String> lookups = key -> "zone-of-" + key;
    private final List<String> lookedUp = new ArrayList<>();
    private ToIntFunction<PurgeTarget> itemBytes = ScriptedBackend::jsonStringBytes;
    private Function<PurgeTarget, Optional<String>> problems = target -> Optional.empty();
    private Function<PurgeTarget.Kind, Optional<String>> alternatives = kind -> Optional.empty();
    private Function<PurgeBatch, String> describer = batch -> "POST /purge " + batch;
    private Predicate<PurgeBatch> callBug = batch -> false;
    private final Secrets secrets = Secrets.of();
    private final AtomicInteger references = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public ScriptedBackend() {
        this(ID);
    }

    public ScriptedBackend(String id) {
        this.id = id;
    }

    /** Capabilities supporting every kind with the same limit, INVALIDATE and PURGE, no rate limit. */
    public static PurgeCapabilities.Builder allKinds(BatchLimit limit) {
        PurgeCapabilities.Builder builder = PurgeCapabilities.builder();
        for (PurgeTarget.Kind kind : PurgeTarget.Kind.values()) {
            builder.kind(kind, limit);
        }
        return builder;
    }

    /** A target as a JSON string: its UTF-8 bytes plus two quotes. */
    public static int jsonStringBytes(PurgeTarget target) {
        return target.value().getBytes(StandardCharsets.UTF_8).length + 2;
    }

    // ---- script -------------------------------------------------------------------------------------------

    public synchronized ScriptedBackend capabilities(PurgeCapabilities newCapabilities) {
        this.capabilities = newCapabilities;
        return this;
    }

    /** The next sends throw these, one each, in order; later sends are answered normally. */
    public synchronized ScriptedBackend failNext(RuntimeException... errors) {
        nextFailures.addAll(List.of(errors));
        return this;
    }

    /** The next {@code times} sends throw a fresh error each. */
    public synchronized ScriptedBackend failNext(int times, Supplier<? extends RuntimeException> error) {
        for (int i = 0; i < times; i++) {
            nextFailures.add(error.get());
        }
        return this;
    }

    /** Every send of a matching batch throws (an {@link Error} included). */
    public synchronized ScriptedBackend failWhen(Predicate<PurgeBatch> condition,
                                                 Supplier<? extends Throwable> error) {
        failures.put(condition, error);
        return this;
    }

    /** Calls carrying this target are accepted, but the vendor refuses the target itself. */
    public synchronized ScriptedBackend refuse(PurgeTarget target, PurgeException error) {
        refusals.put(target, error);
        return this;
    }

    /** Accepted calls are expected to complete this long after the answer. */
    public synchronized ScriptedBackend estimatedCompletion(Duration fromAnswer) {
        this.estimatedCompletion = fromAnswer;
        return this;
    }

    /** The next accepted call reports this rate-limit state. */
    public synchronized ScriptedBackend rateLimitOnNextAnswer(int remaining, Duration reset) {
        nextRateLimits.add(BatchResult.builder(200).rateLimit(remaining, reset).build());
        return this;
    }

    /** Answers of the status API, one per query; once they run out it answers SUCCEEDED. */
    public synchronized ScriptedBackend completions(TargetOutcome.Status... answers) {
        completions.addAll(List.of(answers));
        return this;
    }

    /** The next status queries throw these, one each, before any answer of {@link #completions}. */
    public synchronized ScriptedBackend failCompletions(RuntimeException... errors) {
        completionFailures.addAll(List.of(errors));
        return this;
    }

    public synchronized ScriptedBackend scopes(Function<PurgeTarget, String> scopeOf) {
        this.scopes = scopeOf;
        return this;
    }

    public synchronized ScriptedBackend itemBytes(ToIntFunction<PurgeTarget> bytesOf) {
        this.itemBytes = bytesOf;
        return this;
    }

    public synchronized ScriptedBackend problems(Function<PurgeTarget, Optional<String>> problemOf) {
        this.problems = problemOf;
        return this;
    }

    public synchronized ScriptedBackend alternatives(Function<PurgeTarget.Kind, Optional<String>> alternativeOf) {
        this.alternatives = alternativeOf;
        return this;
    }

    /** The provider fails to make the calls of the batches that match: a bug in it, thrown from {@code call()}. */
    public synchronized ScriptedBackend failToMakeCalls(Predicate<PurgeBatch> which) {
        this.callBug = which;
        return this;
    }

    public synchronized ScriptedBackend describer(Function<PurgeBatch, String> describe) {
        this.describer = describe;
        return this;
    }

    public synchronized ScriptedBackend secrets(String... newSecrets) {
        for (String secret : newSecrets) {
            secrets.add(secret);
        }
        return this;
    }

    /**
     * Targets for which {@code keyOf} gives a key are placed by a look-up of that key, answered by {@code resolve}
     * (which may throw); the look-up is one request through the engine.
     */
    public synchronized ScriptedBackend lookups(Function<PurgeTarget, String> keyOf, Function<String, String> resolve) {
        this.lookupKeys = keyOf;
        this.lookups = resolve;
        return this;
    }

    /** Every look-up made, by key, in order. */
    public synchronized List<String> lookedUp() {
        return List.copyOf(lookedUp);
    }

    // ---- what happened ------------------------------------------------------------------------------------

    /** Every batch sent, failed sends included, in the order received. */
    public synchronized List<PurgeBatch> batches() {
        return List.copyOf(received);
    }

    /** Every target sent, in the order received, repeats included. */
    public synchronized List<PurgeTarget> sentTargets() {
        List<PurgeTarget> targets = new ArrayList<>();
        received.forEach(batch -> targets.addAll(batch.targets()));
        return targets;
    }

    /** Status queries as {@code scope/reference}. */
    public synchronized List<String> completionQueries() {
        return List.copyOf(completionQueries);
    }

    public boolean closed() {
        return closed.get();
    }

    // ---- PurgeBackend -------------------------------------------------------------------------------------

    @Override
    public String providerId() {
        return id;
    }

    @Override
    public synchronized PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public synchronized Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        return problems.apply(target);
    }

    @Override
    public synchronized Optional<String> alternative(PurgeTarget.Kind kind) {
        return alternatives.apply(kind);
    }

    @Override
    public synchronized Scope scope(PurgeTarget target) {
        String key = lookupKeys.apply(target);
        return key == null ? Scope.of(scopes.apply(target)) : Scope.lookUp(key, "scope of " + key);
    }

    @Override
    public String lookUp(String key, VendorRequests requests) {
        return requests.send(PurgeEvent.Purpose.LOOKUP, "GET /scopes?key=" + key, () -> {
            Function<String, String> resolve;
            synchronized (this) {
                lookedUp.add(key);
                resolve = lookups;
            }
            return resolve.apply(key);
        });
    }

    @Override
    public synchronized int itemBytes(PurgeTarget target) {
        return itemBytes.applyAsInt(target);
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        synchronized (this) {
            if (callBug.test(batch)) {
                throw new IllegalStateException("provider bug making the call");
            }
        }
        return new PurgeCall() {
            @Override
            public PurgeBatch batch() {
                return batch;
            }

            @Override
            public String describe() {
                synchronized (ScriptedBackend.this) {
                    return describer.apply(batch);
                }
            }

            @Override
            public BatchResult send(VendorRequests requests) {
                return requests.send(PurgeEvent.Purpose.PURGE, null, () -> answer(batch));
            }
        };
    }

    private BatchResult answer(PurgeBatch batch) {
        BatchResult.Builder answer;
        List<Map.Entry<Predicate<PurgeBatch>, Supplier<? extends Throwable>>> conditions;
        synchronized (this) {
            received.add(batch);
            RuntimeException next = nextFailures.poll();
            if (next != null) {
                throw next;
            }
            conditions = new ArrayList<>(failures.entrySet());
        }
        // outside the lock: a condition may block (a test holding a call on the wire), and the engine reads this
        // backend from other threads meanwhile
        for (Map.Entry<Predicate<PurgeBatch>, Supplier<? extends Throwable>> failure : conditions) {
            if (failure.getKey().test(batch)) {
                Throwable error = failure.getValue().get();
                if (error instanceof Error) {
                    throw (Error) error;
                }
                throw (RuntimeException) error;
            }
        }
        synchronized (this) {
            String reference = "ref-" + references.incrementAndGet();
            answer = BatchResult.builder(200).reference(reference).estimatedCompletion(estimatedCompletion);
            if (capabilities.statusApi()) {
                String scope = batch.scope();
                answer.completion(requests -> requests.send(PurgeEvent.Purpose.STATUS, "GET /status/" + reference,
                        () -> completion(scope, reference)));
            }
            for (PurgeTarget target : batch.targets()) {
                PurgeException refusal = refusals.get(target);
                if (refusal != null) {
                    answer.targetFailure(target, refusal);
                }
            }
            BatchResult rateLimit = nextRateLimits.poll();
            if (rateLimit != null) {
                answer.rateLimit(rateLimit.rateLimitRemaining().orElse(null),
                        rateLimit.rateLimitReset().orElse(null));
            }
        }
        return answer.build();
    }

    /** Answers of the status API, one per query, in order; SUCCEEDED once they run out. */
    private synchronized TargetOutcome.Status completion(String scope, String reference) {
        completionQueries.add(scope + "/" + reference);
        RuntimeException failure = completionFailures.poll();
        if (failure != null) {
            throw failure;
        }
        TargetOutcome.Status next = completions.poll();
        return next == null ? TargetOutcome.Status.SUCCEEDED : next;
    }

    @Override
    public Secrets secrets() {
        return secrets;
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
