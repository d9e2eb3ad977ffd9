package io.cdnpurge.internal;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.Sleeper;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.InFlightQuota;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one planned call to its end: rate limit, send, and on a retryable error wait (the vendor's
 * {@code Retry-After}, else exponential backoff with jitter) and send again, up to the attempt limit. Always
 * returns one outcome per target of the batch.
 */
final class CallRunner {
    /** Figures shared by the calls of one purge. */
    static final class Counters {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong billable = new java.util.concurrent.atomic.AtomicLong();
    }

    private final PurgeBackend backend;
    private final EngineSettings settings;
    private final RateLimiter limiter;
    private final Events events;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random random;
    private final boolean statusApi;
    private final InFlightTracker tracker;
    private final InFlightQuota quota;

    CallRunner(PurgeBackend backend, EngineSettings settings, RateLimiter limiter, Events events,
               ClientOptions options) {
        this.backend = backend;
        this.settings = settings;
        this.limiter = limiter;
        this.events = events;
        this.clock = options.clock();
        this.sleeper = options.sleeper();
        this.random = options.random();
        this.statusApi = backend.capabilities().statusApi();
        this.quota = backend.inFlightQuota().orElse(null);
        this.tracker = quota == null ? null : new InFlightTracker(quota, backend, clock, this::sleep, settings);
    }

    /** The tracker of the vendor's quota on purges in flight, if it has one. */
    Optional<InFlightTracker> tracker() {
        return Optional.ofNullable(tracker);
    }

    List<TargetOutcome> run(PurgeBatch batch, String description, int call, int calls, Counters counters) {
        if (tracker == null) {
            return attempts(batch, description, call, calls, counters, null);
        }
        Instant deadline = clock.instant().plus(settings.maxQuotaWait);
        while (true) {
            InFlightTracker.Reservation reservation;
            try {
                reservation = tracker.acquire(batch, deadline, detail -> events.emit(
                        base(PurgeEvent.Type.QUEUED, batch, description, call, calls, 0).detail(detail)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failAll(batch, description, call, calls, 0, new PurgeException("interrupted while waiting "
                        + "for room in " + backend.providerId() + "'s quota; the call was not made", e));
            } catch (PurgeException e) {
                return failAll(batch, description, call, calls, 0, e);
            } catch (RuntimeException e) {
                return failAll(batch, description, call, calls, 0, new PurgeException(backend.providerId()
                        + " provider failed unexpectedly (" + e.getClass().getName() + "); please report it", e));
            }
            try {
                List<TargetOutcome> outcomes = attempts(batch, description, call, calls, counters, reservation);
                if (outcomes == null) {
                    continue; // the vendor's quota was full after all: wait for room again
                }
                String reference = outcomes.stream().filter(o -> o.status() != TargetOutcome.Status.FAILED)
                        .map(o -> o.vendorReference().orElse(null)).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null);
                if (reference != null) {
                    tracker.accepted(reservation, reference);
                }
                return outcomes;
            } finally {
                // whatever ended the call (an Error included), room it did not turn into a purge is free again
                tracker.released(reservation);
            }
        }
    }

    /**
     * Sends the call until it is accepted, fails for good or runs out of attempts; null when the vendor refused it
     * only because its quota on purges in flight was full (the reservation is then given back).
     */
    private List<TargetOutcome> attempts(PurgeBatch batch, String description, int call, int calls,
                                         Counters counters, InFlightTracker.Reservation reservation) {
        PurgeException last = null;
        int attempts = 0;
        for (int attempt = 1; attempt <= settings.maxAttempts; attempt++) {
            attempts = attempt;
            try {
                Optional<Duration> wait = limiter.reserve(batch.kind(), batch.targets().size(),
                        settings.maxRateWait);
                if (wait.isEmpty()) {
                    last = new PurgeThrottledException(backend.providerId() + "'s client-side rate limit would "
                            + "delay this call by more than " + settings.maxRateWait + ": raise "
                            + backend.providerId() + ".rateLimit.maxWait, or purge fewer targets at once", 0,
                            null, null, null);
                    break;
                }
                sleep(wait.get());
                return send(batch, description, call, calls, attempt, counters);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new PurgeException("interrupted before " + backend.providerId() + " answered; the call "
                        + "may or may not have been made", e);
                break;
            } catch (PurgeException e) {
                last = e;
                Duration retryAfter = e instanceof PurgeServiceException
                        ? ((PurgeServiceException) e).retryAfter().orElse(null) : null;
                int status = e instanceof PurgeServiceException ? ((PurgeServiceException) e).httpStatus() : 0;
                // drawn once: the wait announced, the wait slept and the limiter's block must be the same
                Duration pause = null;
                boolean quotaFull = reservation != null && quota.isQuotaFull(e);
                if (quotaFull || e instanceof PurgeThrottledException) {
                    counters.throttled.incrementAndGet();
                    limiter.refund(batch.kind(), batch.targets().size());
                }
                if (quotaFull) {
                    tracker.refused(reservation);
                    events.emit(base(PurgeEvent.Type.THROTTLED, batch, description, call, calls, attempt)
                            .httpStatus(status).detail(e.getMessage() + " (waiting for purges in flight to complete)"));
                    return null;
                }
                if (e instanceof PurgeThrottledException) {
                    pause = retryAfter != null ? retryAfter : backoff(attempt);
                    // a vendor asking for more than maxRetryAfter fails this call; others may try again after that
                    limiter.blockUntil(batch.kind(), clock.instant().plus(EngineClient.min(pause,
                            settings.maxRetryAfter)));
                    events.emit(base(PurgeEvent.Type.THROTTLED, batch, description, call, calls, attempt)
                            .httpStatus(status).waitTime(pause).detail(e.getMessage()));
                }
                if (!e.retryable() || attempt == settings.maxAttempts) {
                    break;
                }
                if (retryAfter != null && retryAfter.compareTo(settings.maxRetryAfter) > 0) {
                    last = new PurgeThrottledException(e.getMessage() + " (the vendor asked to wait "
                            + retryAfter.toSeconds() + " s, more than " + backend.providerId()
                            + ".retry.maxRetryAfter allows)", status,
                            ((PurgeServiceException) e).vendorCode().orElse(null),
                            ((PurgeServiceException) e).requestId().orElse(null), retryAfter);
                    break;
                }
                Duration delay = pause != null ? pause : retryAfter != null ? retryAfter : backoff(attempt);
                counters.retries.incrementAndGet();
                events.emit(base(PurgeEvent.Type.RETRY, batch, description, call, calls, attempt)
                        .httpStatus(status).waitTime(delay).detail(e.getMessage()));
                try {
                    sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } catch (RuntimeException e) {
                last = new PurgeException(backend.providerId() + " provider failed unexpectedly ("
                        + e.getClass().getName() + "); please report it", e);
                break;
            }
        }
        return failAll(batch, description, call, calls, attempts, last);
    }

    private List<TargetOutcome> failAll(PurgeBatch batch, String description, int call, int calls, int attempts,
                                        PurgeException last) {
        PurgeException error = events.redact(last);
        events.emit(base(PurgeEvent.Type.CALL_FAILED, batch, description, call, calls, attempts)
                .httpStatus(error instanceof PurgeServiceException ? ((PurgeServiceException) error).httpStatus() : 0)
                .detail(error.getMessage()));
        List<TargetOutcome> outcomes = new ArrayList<>(batch.targets().size());
        for (PurgeTarget target : batch.targets()) {
            outcomes.add(TargetOutcome.failed(target, error));
        }
        return outcomes;
    }

    private List<TargetOutcome> send(PurgeBatch batch, String description, int call, int calls, int attempt,
                                     Counters counters) {
        events.emit(base(PurgeEvent.Type.REQUEST, batch, description, call, calls, attempt));
        counters.requests.incrementAndGet();
        Instant sent = clock.instant();
        BatchResult answer = backend.send(batch);
        Instant answered = clock.instant();
        if (answer.rateLimitRemaining().isPresent() && answer.rateLimitRemaining().get() <= 0
                && answer.rateLimitReset().isPresent()) {
            limiter.blockUntil(batch.kind(), answered.plus(answer.rateLimitReset().get()));
        }
        events.emit(base(PurgeEvent.Type.RESPONSE, batch, description, call, calls, attempt)
                .httpStatus(answer.httpStatus()).duration(Duration.between(sent, answered))
                .vendorReference(answer.reference().orElse(null))
                .detail(answer.targetFailures().isEmpty() ? null
                        : answer.targetFailures().size() + " target(s) refused"));
        if (answer.targetFailures().size() < batch.targets().size()) {
            backend.billableItems(batch).ifPresent(items -> counters.billable.addAndGet(items));
        }
        Instant eta = answer.estimatedCompletion().map(answered::plus).orElse(null);
        List<TargetOutcome> outcomes = new ArrayList<>(batch.targets().size());
        for (PurgeTarget target : batch.targets()) {
            PurgeException failure = answer.targetFailures().get(target);
            String reference = answer.referenceOf(target).orElse(null);
            TargetOutcome outcome;
            if (failure != null) {
                outcome = TargetOutcome.failed(target, events.redact(failure));
            } else if (eta != null || statusApi) {
                outcome = TargetOutcome.inProgress(target, reference, eta);
            } else {
                outcome = TargetOutcome.succeeded(target, reference);
            }
            outcomes.add(answer.requestId().isPresent() ? outcome.withRequestId(answer.requestId().get()) : outcome);
        }
        return outcomes;
    }

    private PurgeEvent.Builder base(PurgeEvent.Type type, PurgeBatch batch, String description, int call, int calls,
                                    int attempt) {
        return events.event(type).call(call, calls, attempt).kind(batch.kind()).items(batch.targets().size())
                .description(description);
    }

    /** Exponential backoff with equal jitter: half the step fixed, half random, capped. */
    private Duration backoff(int attempt) {
        long initial = settings.initialBackoff.toMillis();
        long cap = settings.maxBackoff.toMillis();
        long step = Math.min(cap, initial << Math.min(attempt - 1, 30));
        long half = step / 2;
        long jitter;
        synchronized (random) {
            jitter = half == 0 ? 0 : (long) (random.nextDouble() * (step - half));
        }
        return Duration.ofMillis(half + jitter);
    }

    void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            sleeper.sleep(duration);
        }
    }
}
