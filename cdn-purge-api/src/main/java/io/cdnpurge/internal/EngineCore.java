package io.cdnpurge.internal;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.RetryPolicy;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTransportException;
import io.cdnpurge.PurgeUnavailableException;
import io.cdnpurge.Sleeper;
import io.cdnpurge.spi.InFlightQuota;
import io.cdnpurge.spi.PurgeBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * What every operation of one client shares: the backend, the settings, the rate limits, the retry policy and the
 * circuit breaker of the vendor account, the listeners and the redaction of its secrets.
 *
 * <p>Retries use Failsafe's {@link RetryPolicy} as a standalone execution ({@link dev.failsafe.Execution}): the
 * engine records each attempt and sleeps the delay the policy computes through the client's {@link Sleeper}, so
 * that tests run on virtual time. The circuit breaker is Failsafe's {@link CircuitBreaker}; since Failsafe measures
 * its open delay on {@code System.nanoTime()}, the breaker is given a delay it never reaches and is moved to
 * half-open by the engine when the client's clock says the configured delay has passed.
 */
final class EngineCore {
    /** Failsafe's own open delay, never reached: the client's clock decides when the breaker half-opens. */
    private static final Duration NEVER = Duration.ofDays(3650);

    final PurgeBackend backend;
    final String id;
    final PurgeCapabilities capabilities;
    final EngineSettings settings;
    /** The client's name: its provider id, or the name a configuration gives it. */
    final String clientName;
    final Clock clock;
    final Sleeper sleeper;
    final RateLimiter limiter;
    final Redactor redactor;
    final Events events;
    final InFlightQuota quota;
    private final Random random;
    /** Built at the first failure: a call that succeeds at once never loads Failsafe. */
    private volatile RetryPolicy<Object> retryPolicy;
    /**
     * Made at the first failure of the vendor: until then a closed breaker has nothing to count. Guarded by
     * breakerLock.
     */
    private volatile CircuitBreaker<Object> breaker;
    private final Object breakerLock = new Object();
    /** When the breaker last opened, on the client's clock; guarded by breakerLock. */
    private Instant openedAt;
    private PurgeException openedBy;

    EngineCore(PurgeBackend backend, PurgeCapabilities capabilities, EngineSettings settings, ClientOptions options,
               String clientName) {
        this.backend = backend;
        this.id = backend.providerId();
        this.clientName = clientName;
        this.capabilities = capabilities;
        this.settings = settings;
        this.clock = options.clock();
        this.sleeper = options.sleeper();
        this.random = options.random();
        this.limiter = new RateLimiter(settings.rateLimitEnabled ? settings.rateLimits : java.util.List.of(), clock,
                options.sharedRateBudget().orElse(null), settings.rateAccount != null ? settings.rateAccount
                        : clientName);
        this.redactor = new Redactor(backend.secrets());
        this.events = new Events(clientName, options.listeners(), redactor, clock);
        this.quota = backend.inFlightQuota().orElse(null);
    }

    /** The client's retry policy, built once, at the first failure. */
    RetryPolicy<Object> retryPolicy() {
        RetryPolicy<Object> policy = retryPolicy;
        if (policy == null) {
            synchronized (this) {
                policy = retryPolicy;
                if (policy == null) {
                    policy = RetryPolicy.builder()
                            .handleIf((result, failure) -> failure instanceof PurgeException
                                    && ((PurgeException) failure).retryable())
                            .abortIf((result, failure) -> failure != null && (neverRetried(failure)
                                    || waitsTooLong(failure)))
                            .withMaxAttempts(settings.maxAttempts)
                            .withDelayFn(context -> delayAfter(context.getLastException(), context.getAttemptCount()))
                            .build();
                    retryPolicy = policy;
                }
            }
        }
        return policy;
    }

    /**
     * A rejected credential is never retried, whatever the vendor's code: a 401 or 403 does not get better by
     * asking again (a minted token that expired is renewed once by the caller before this applies). A breaker that
     * is open is not asked again within one call either.
     */
    static boolean neverRetried(Throwable failure) {
        if (failure instanceof PurgeAuthenticationException || failure instanceof PurgePermissionException
                || failure instanceof PurgeUnavailableException) {
            return true;
        }
        return failure instanceof PurgeServiceException
                && (((PurgeServiceException) failure).httpStatus() == 401
                || ((PurgeServiceException) failure).httpStatus() == 403);
    }

    /** Whether the vendor asked to wait longer than {@code retry.maxRetryAfter} allows. */
    boolean waitsTooLong(Throwable failure) {
        Duration retryAfter = retryAfter(failure);
        return retryAfter != null && retryAfter.compareTo(settings.maxRetryAfter) > 0;
    }

    static Duration retryAfter(Throwable failure) {
        return failure instanceof PurgeServiceException
                ? ((PurgeServiceException) failure).retryAfter().orElse(null) : null;
    }

    /** The vendor's own wait when it gave one, else exponential backoff with equal jitter. */
    private Duration delayAfter(Throwable failure, int attempts) {
        Duration retryAfter = retryAfter(failure);
        return retryAfter != null ? retryAfter : backoff(attempts);
    }

    /** Exponential backoff with equal jitter: half the step fixed, half random, capped. */
    Duration backoff(int attempt) {
        long initial = settings.initialBackoff.toMillis();
        long cap = settings.maxBackoff.toMillis();
        long step = Math.min(cap, initial << Math.min(Math.max(attempt, 1) - 1, 30));
        long half = step / 2;
        long jitter;
        synchronized (random) {
            jitter = half == 0 ? 0 : (long) (random.nextDouble() * (step - half));
        }
        return Duration.ofMillis(half + jitter);
    }

    /** Server errors and transport failures: the vendor failing, as opposed to refusing. */
    private static boolean vendorFailing(Throwable failure) {
        if (failure instanceof PurgeTransportException) {
            return true;
        }
        return failure instanceof PurgeServiceException && ((PurgeServiceException) failure).httpStatus() >= 500;
    }

    /**
     * Lets a request through the circuit breaker, or fails it fast while the vendor is failing.
     *
     * @throws PurgeUnavailableException while the breaker is open, or half-open with its probe under way
     */
    void enterBreaker(PurgeEvent.Purpose purpose, String description) {
        if (!settings.breakerEnabled) {
            return;
        }
        Instant retryAt;
        PurgeException cause;
        synchronized (breakerLock) {
            if (breaker == null) {
                // the vendor has not failed yet: nothing to count, nothing to refuse
                return;
            }
            if (breaker.isOpen() && openedAt != null
                    && !clock.instant().isBefore(openedAt.plus(settings.breakerDelay))) {
                breaker.halfOpen();
            }
            if (breaker.tryAcquirePermit()) {
                return;
            }
            retryAt = openedAt == null ? clock.instant() : openedAt.plus(settings.breakerDelay);
            cause = openedBy;
        }
        boolean probing = !retryAt.isAfter(clock.instant());
        throw new PurgeUnavailableException(id + " failed " + settings.breakerFailures + " requests in a row (server "
                + "errors or timeouts), so " + (description == null ? "this " + purpose.name().toLowerCase(Locale.ROOT)
                + " request" : description) + " was not sent: " + (probing ? "calls fail fast while one call checks "
                + "whether " + id + " is back; purge these targets again in a moment" : "calls fail fast until "
                + retryAt + ", when one call checks whether " + id + " is back; purge these targets again after that")
                + (cause == null ? "" : ". Last failure: " + redactor.scrub(cause.getMessage())), retryAt);
    }

    private volatile java.util.concurrent.ExecutorService budgetExecutor;

    /** The threads that ask the shared rate budget (made at first use; idle threads end after a minute). */
    java.util.concurrent.ExecutorService budgetExecutor() {
        java.util.concurrent.ExecutorService executor = budgetExecutor;
        if (executor == null) {
            synchronized (this) {
                executor = budgetExecutor;
                if (executor == null) {
                    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
                    executor = java.util.concurrent.Executors.newCachedThreadPool(task -> {
                        Thread thread = new Thread(task, "cdn-purge-budget-" + clientName + "-"
                                + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                    budgetExecutor = executor;
                }
            }
        }
        return executor;
    }

    /** Requests to the vendor sent and not yet answered. */
    final java.util.concurrent.atomic.AtomicInteger requestsInFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** When the last request to the vendor ended, in the client clock's milliseconds; 0 before the first. */
    private volatile long lastRequestMillis;
    /** The last request's failure, or null when it was answered; scrubbed only when read. */
    private volatile RuntimeException lastFailure;

    /** Records how a request to the vendor ended: null for an answer, else its failure. No allocation. */
    void requestEnded(RuntimeException failure) {
        lastFailure = failure;
        lastRequestMillis = clock.millis();
    }

    /** How the client stands now, from what it knows: no request is made. */
    io.cdnpurge.ClientHealth health() {
        long last = lastRequestMillis;
        RuntimeException failure = lastFailure;
        return new io.cdnpurge.ClientHealth(clientName, id, breakerState(), requestsInFlight.get(),
                last == 0 ? null : Instant.ofEpochMilli(last), last == 0 || failure == null ? null
                : redactor.scrub(String.valueOf(failure.getMessage())), limiter.headroom(), backend.gauges());
    }

    private io.cdnpurge.ClientHealth.Breaker breakerState() {
        if (!settings.breakerEnabled) {
            return io.cdnpurge.ClientHealth.Breaker.DISABLED;
        }
        synchronized (breakerLock) {
            if (breaker == null || breaker.isClosed()) {
                return io.cdnpurge.ClientHealth.Breaker.CLOSED;
            }
            if (breaker.isOpen() && openedAt != null && clock.instant().isBefore(openedAt.plus(settings.breakerDelay))) {
                return io.cdnpurge.ClientHealth.Breaker.OPEN;
            }
            // open with its delay over: the next request probes, as a half-open breaker's does
            return io.cdnpurge.ClientHealth.Breaker.HALF_OPEN;
        }
    }

    /** Whether the breaker exists: until the vendor first fails, it has nothing to refuse. */
    boolean breakerStarted() {
        return breaker != null;
    }

    /**
     * Gives back the permit of a request that never reached the vendor (its admission failed): a half-open breaker
     * is made half-open afresh, so that the next request probes; a closed one holds no permit.
     */
    void releaseBreakerPermit() {
        if (!settings.breakerEnabled) {
            return;
        }
        synchronized (breakerLock) {
            if (breaker != null && breaker.isHalfOpen()) {
                breaker.halfOpen();
            }
        }
    }

    /** Records how a request let through the breaker ended: a vendor failure, or anything else (a success). */
    void leaveBreaker(Throwable failure) {
        if (!settings.breakerEnabled) {
            return;
        }
        synchronized (breakerLock) {
            if (breaker == null) {
                if (!vendorFailing(failure)) {
                    return;
                }
                breaker = CircuitBreaker.builder()
                        .handleIf((result, error) -> vendorFailing(error))
                        .withFailureThreshold(settings.breakerFailures)
                        .withSuccessThreshold(1)
                        .withDelay(NEVER)
                        .build();
            }
            boolean wasOpen = breaker.isOpen();
            if (failure == null) {
                breaker.recordSuccess();
            } else {
                breaker.recordException(failure);
            }
            if (!wasOpen && breaker.isOpen()) {
                openedAt = clock.instant();
                openedBy = failure instanceof PurgeException ? (PurgeException) failure : null;
            }
        }
    }

    /** Sleeps on the client's sleeper; zero and negative durations return at once. */
    void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            sleeper.sleep(duration);
        }
    }
}
