package io.cdnpurge.testing.internal;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.Sleeper;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.testing.RecordedCall;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** The in-memory vendor behind the {@code memory} provider: records calls, answers as scripted. Thread-safe. */
public final class MemoryBackend implements PurgeBackend {
    private final PurgeCapabilities capabilities;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicLong ids = new AtomicLong();
    private final List<RecordedCall> calls = new ArrayList<>();
    private final Set<PurgeTarget> purged = new LinkedHashSet<>();
    private final Deque<PurgeException> failures = new ArrayDeque<>();
    private final Deque<PurgeException> callFailures = new ArrayDeque<>();
    private Predicate<PurgeTarget> refused = target -> false;
    private PurgeException refusal;
    private Duration latency = Duration.ZERO;
    private Duration completion = Duration.ZERO;
    private java.time.Instant downUntil;
    private PurgeException outage;

    public MemoryBackend(Set<PurgeTarget.Kind> kinds, int maxItems, boolean prefetch, Clock clock, Sleeper sleeper) {
        PurgeCapabilities.Builder builder = PurgeCapabilities.builder()
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE);
        if (prefetch) {
            builder.actions(PurgeAction.PURGE, PurgeAction.PREFETCH);
        } else {
            builder.actions(PurgeAction.PURGE);
        }
        for (PurgeTarget.Kind kind : kinds) {
            builder.kind(kind, BatchLimit.items(maxItems));
        }
        this.capabilities = builder.build();
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String providerId() {
        return "memory";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Scope scope(PurgeTarget target) {
        return Scope.of("");
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        PurgeException forEveryAttempt;
        synchronized (this) {
            forEveryAttempt = callFailures.pollFirst();
        }
        return PurgeCall.of(batch, "purge " + batch.kind().name().toLowerCase(java.util.Locale.ROOT) + "×"
                + batch.targets().size(), () -> answer(batch, forEveryAttempt));
    }

    /** @param forEveryAttempt the failure of every attempt of this call, or null */
    private BatchResult answer(PurgeBatch batch, PurgeException forEveryAttempt) {
        Duration wait;
        PurgeException failure;
        synchronized (this) {
            wait = latency;
            failure = forEveryAttempt != null ? forEveryAttempt : failures.pollFirst();
            if (failure == null && downUntil != null && clock.instant().isBefore(downUntil)) {
                failure = outage;
            }
            calls.add(new RecordedCall(batch.kind(), batch.targets(), batch.mode(), batch.action(),
                    batch.idempotencyKey().orElse(null), clock.instant(),
                    failure == null ? null : failure.getMessage()));
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PurgeException("interrupted while the memory provider was answering", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        BatchResult.Builder result = BatchResult.builder(200).reference("memory-" + ids.incrementAndGet());
        synchronized (this) {
            for (PurgeTarget target : batch.targets()) {
                if (refused.test(target)) {
                    result.targetFailure(target, refusal);
                } else {
                    purged.add(target);
                }
            }
            if (!completion.isZero()) {
                result.estimatedCompletion(completion);
            }
        }
        return result.build();
    }

    /** The next {@code count} attempts fail, whatever call they belong to. */
    public synchronized void failNextAttempts(int count, PurgeException error) {
        for (int i = 0; i < count; i++) {
            failures.addLast(error);
        }
    }

    /** Every attempt of the next {@code count} calls fails. */
    public synchronized void failNextCalls(int count, PurgeException error) {
        for (int i = 0; i < count; i++) {
            callFailures.addLast(error);
        }
    }

    /** Every attempt fails until the clock reaches {@code until}. */
    public synchronized void downUntil(java.time.Instant until, PurgeException error) {
        this.downUntil = until;
        this.outage = error;
    }

    /** The backend's clock now. */
    public java.time.Instant now() {
        return clock.instant();
    }

    public synchronized void refuse(Predicate<PurgeTarget> which, PurgeException error) {
        this.refused = which;
        this.refusal = error;
    }

    public synchronized void latency(Duration perCall) {
        this.latency = perCall;
    }

    public synchronized void completion(Duration afterAnswer) {
        this.completion = afterAnswer;
    }

    public synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    public synchronized Set<PurgeTarget> purged() {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(purged));
    }

    public synchronized void reset() {
        calls.clear();
        purged.clear();
        failures.clear();
        callFailures.clear();
        downUntil = null;
        outage = null;
        refused = target -> false;
        refusal = null;
        latency = Duration.ZERO;
        completion = Duration.ZERO;
    }

    @Override
    public Secrets secrets() {
        return Secrets.of();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
