package io.cdnpurge.internal;

import dev.failsafe.Execution;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.VendorRequests;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The engine's {@link VendorRequests}: every vendor request of an operation goes through {@link #send}, which
 * bounds it by the operation's deadline, lets the circuit breaker fail it fast, paces it with the rate limits,
 * counts it, shows it to the listeners and retries it under the client's Failsafe retry policy.
 */
final class Exchange implements VendorRequests {
    /** Requests under way on this thread: the HTTP clients of providers refuse any made outside. */
    private static final ThreadLocal<int[]> SENDING = ThreadLocal.withInitial(() -> new int[1]);
    /** Shorter waits are not worth a WAITING event. */
    private static final Duration NOTABLE_WAIT = Duration.ofSeconds(1);

    private final EngineCore core;
    private final Context context;
    private final CallInfo call;
    private final boolean once;

    /**
     * @param call the purge call the requests belong to ({@link CallInfo#none()} for others)
     * @param once one attempt per request: status polls, whose schedule is their retry
     */
    Exchange(EngineCore core, Context context, CallInfo call, boolean once) {
        this.core = core;
        this.context = context;
        this.call = call;
        this.once = once;
    }

    /**
     * What the request is, for events and messages: made only when one of them needs it (a purge that goes well
     * without listeners builds no description).
     */
    private String what(String description) {
        return description != null ? core.redactor.scrub(description) : call.description();
    }

    /** Whether the current thread is inside {@link #send}. */
    static boolean sending() {
        return SENDING.get()[0] > 0;
    }

    @Override
    public <T> T send(PurgeEvent.Purpose purpose, String description, Supplier<T> request) {
        Objects.requireNonNull(purpose, "purpose cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        // Failsafe keeps the count from the first failure on: a request that succeeds at once needs none of it
        Execution<Object> execution = null;
        boolean renewed = false;
        PurgeException last = null;
        for (int attempt = 1; ; attempt++) {
            if (!core.clock.instant().isBefore(context.deadline)) {
                throw deadlinePassed(what(description), last);
            }
            if (core.breakerStarted()) {
                core.enterBreaker(purpose, what(description));
            }
            RateLimiter.Ticket ticket;
            try {
                ticket = admit(purpose, description, attempt, last);
            } catch (RuntimeException | Error e) {
                // nothing reached the vendor: the breaker learns nothing, and a half-open one lets another probe
                core.releaseBreakerPermit();
                throw e;
            }
            context.requests.incrementAndGet();
            if (purpose == PurgeEvent.Purpose.PURGE) {
                call.attempts = attempt;
            }
            if (attempt > 1) {
                context.retries.incrementAndGet();
            }
            if (core.events.wants(PurgeEvent.Type.REQUEST)) {
                emit(event(PurgeEvent.Type.REQUEST, purpose, what(description), attempt));
            }
            Instant sent = core.clock.instant();
            T answer;
            try {
                SENDING.get()[0]++;
                String[] outer = LogContext.enter(context.purgeId, context.tenant, core.clientName);
                core.requestsInFlight.incrementAndGet();
                try {
                    answer = request.get();
                    core.requestEnded(null);
                } catch (RuntimeException e) {
                    core.requestEnded(e);
                    throw e;
                } finally {
                    core.requestsInFlight.decrementAndGet();
                    LogContext.leave(outer);
                }
            } catch (PurgeException e) {
                core.leaveBreaker(e);
                last = e;
                if (e instanceof PurgeAuthenticationException && ((PurgeAuthenticationException) e).credentialExpired()
                        && !renewed) {
                    // the provider has dropped the expired token: the next attempt mints a new one, at once
                    renewed = true;
                    emit(event(PurgeEvent.Type.RETRY, purpose, what(description), attempt).httpStatus(status(e))
                            .waitTime(Duration.ZERO).detail(e.getMessage() + " (renewing the token)"));
                    continue;
                }
                if (execution == null && !once) {
                    execution = Execution.of(core.retryPolicy());
                }
                Duration delay = failed(e, purpose, what(description), attempt, ticket, execution);
                if (delay == null) {
                    throw finalError(e);
                }
                if (core.clock.instant().plus(delay).isAfter(context.deadline)) {
                    throw deadlinePassed(what(description), e);
                }
                emit(event(PurgeEvent.Type.RETRY, purpose, what(description), attempt).httpStatus(status(e))
                        .waitTime(delay).detail(e.getMessage()));
                sleep(delay, description, e);
                continue;
            } catch (RuntimeException e) {
                core.leaveBreaker(null);
                throw new PurgeException(core.id + " provider failed unexpectedly sending " + what(description) + " ("
                        + e.getClass().getName() + "); please report it", e);
            } catch (Error e) {
                core.leaveBreaker(null);
                throw e;
            } finally {
                SENDING.get()[0]--;
            }
            core.leaveBreaker(null);
            if (core.events.wants(PurgeEvent.Type.RESPONSE)) {
                PurgeEvent.Builder response = event(PurgeEvent.Type.RESPONSE, purpose, what(description), attempt)
                        .duration(Duration.between(sent, core.clock.instant()));
                if (answer instanceof BatchResult) {
                    BatchResult result = (BatchResult) answer;
                    response.httpStatus(result.httpStatus()).vendorReference(result.reference().orElse(null))
                            .detail(result.targetFailures().isEmpty() ? null
                                    : result.targetFailures().size() + " target(s) refused");
                }
                emit(response);
            }
            return answer;
        }
    }

    /**
     * Accounts for a failed attempt: gives back the permits of a refused request, blocks the limit a throttle names,
     * and asks the retry policy whether and when to try again.
     *
     * @return the wait before the next attempt, or null when the request is over
     */
    private Duration failed(PurgeException e, PurgeEvent.Purpose purpose, String what, int attempt,
                            RateLimiter.Ticket ticket, Execution<Object> execution) {
        boolean throttled = e instanceof PurgeThrottledException;
        boolean quotaFull = purpose == PurgeEvent.Purpose.PURGE && core.quota != null && core.quota.isQuotaFull(e);
        if (throttled || quotaFull) {
            context.throttled.incrementAndGet();
            core.limiter.refund(ticket);
        }
        if (quotaFull) {
            // back-pressure: the call waits for room in the quota, which is the call runner's to do
            emit(event(PurgeEvent.Type.THROTTLED, purpose, what, attempt).httpStatus(status(e))
                    .detail(e.getMessage() + " (waiting for purges in flight to complete)"));
            return null;
        }
        Duration delay = null;
        if (!once) {
            execution.recordException(e);
            delay = execution.isComplete() ? null : execution.getDelay();
        }
        if (throttled) {
            Duration pause = delay != null ? delay : EngineCore.retryAfter(e);
            if (pause != null) {
                // a vendor asking for more than maxRetryAfter fails this call; others may try again after that
                core.limiter.block(purpose, call.kind, ((PurgeThrottledException) e).rateLimit().orElse(null),
                        core.clock.instant().plus(EngineClient.min(pause, core.settings.maxRetryAfter)));
            }
            emit(event(PurgeEvent.Type.THROTTLED, purpose, what, attempt).httpStatus(status(e)).waitTime(pause)
                    .detail(e.getMessage()));
        }
        return delay;
    }

    /** The error to end the request with: the vendor's, with the reason retrying stopped when it is not obvious. */
    private PurgeException finalError(PurgeException e) {
        Duration retryAfter = EngineCore.retryAfter(e);
        if (!once && retryAfter != null && core.waitsTooLong(e)) {
            PurgeServiceException service = (PurgeServiceException) e;
            return new PurgeThrottledException(e.getMessage() + " (the vendor asked to wait " + retryAfter.toSeconds()
                    + " s, more than " + core.id + ".retry.maxRetryAfter allows)", service.httpStatus(),
                    service.vendorCode().orElse(null), service.requestId().orElse(null), retryAfter,
                    e instanceof PurgeThrottledException ? ((PurgeThrottledException) e).rateLimit().orElse(null)
                            : null);
        }
        return e;
    }

    /** How long requests go by the client's own limits after the shared budget failed or was slow. */
    private static final Duration BUDGET_PASSED_OVER = Duration.ofSeconds(30);

    /** Reserves the request's permits and waits for them, within {@code rateLimit.maxWait} and the deadline. */
    private RateLimiter.Ticket admit(PurgeEvent.Purpose purpose, String description, int attempt,
                                     PurgeException last) {
        Instant now = core.clock.instant();
        Duration left = Duration.between(now, context.deadline);
        Duration maxWait = EngineClient.min(core.settings.maxRateWait, left);
        RateLimiter.Ticket ticket = core.limiter.reserve(purpose, call.kind, call.items, maxWait).orElse(null);
        if (ticket == null) {
            Duration needed = core.limiter.peek(purpose, call.kind, call.items);
            boolean deadline = left.compareTo(core.settings.maxRateWait) < 0;
            throw new PurgeThrottledException(core.id + "'s client-side rate limit would delay " + what(description)
                    + " by " + seconds(needed) + ", more than " + (deadline ? "is left before " + context.deadlineName
                    : core.id + ".rateLimit.maxWait (" + core.settings.maxRateWait + ")") + ", so it was not sent: "
                    + (deadline ? "raise the deadline" : "raise " + core.id + ".rateLimit.maxWait")
                    + ", or purge fewer targets at once" + (last == null ? "" : "; the last attempt failed: "
                    + last.getMessage()), 0, null, null, null);
        }
        if (ticket.wait.compareTo(NOTABLE_WAIT) >= 0) {
            emit(event(PurgeEvent.Type.WAITING, purpose, what(description), attempt).waitTime(ticket.wait)
                    .detail("waiting " + seconds(ticket.wait) + " for the rate limit " + ticket.reason));
        }
        sleep(ticket.wait, description, null);
        if (core.limiter.sharing()) {
            admitShared(ticket, purpose, description, attempt, last);
        }
        return ticket;
    }

    /**
     * Takes the request's permits from the budget shared with the account's other clients too, and waits for them;
     * a budget that cannot be reached leaves the request to the client's own limits, saying so.
     */
    private void admitShared(RateLimiter.Ticket ticket, PurgeEvent.Purpose purpose, String description, int attempt,
                             PurgeException last) {
        Duration left = Duration.between(core.clock.instant(), context.deadline);
        // one bound for both waits: what the client's own limits took comes off the budget's
        Duration maxWait = EngineClient.min(core.settings.maxRateWait.minus(ticket.wait), left);
        RateLimiter.SharedWait shared;
        // the budget is a round trip to a shared store: bounded by rateLimit.budgetTimeout, on a thread of its own
        java.util.concurrent.CompletableFuture<java.util.Optional<RateLimiter.SharedWait>> answer =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> core.limiter.reserveShared(ticket, maxWait),
                        core.budgetExecutor());
        try {
            shared = answer.get(core.settings.rateBudgetTimeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)
                    .orElse(null);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PurgeException("interrupted while waiting for the shared rate budget to send "
                    + what(description) + "; it was not sent", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : null;
            core.limiter.budgetFailed(BUDGET_PASSED_OVER);
            emit(event(PurgeEvent.Type.WAITING, purpose, what(description), attempt).waitTime(Duration.ZERO)
                    .detail("the shared rate budget of account '" + core.limiter.account() + "' "
                            + (cause == null ? "did not answer within " + core.id + ".rateLimit.budgetTimeout ("
                            + core.settings.rateBudgetTimeout + ")" : "could not be reached (" + cause.getMessage()
                            + ")") + "; requests go by the client's own limits for " + BUDGET_PASSED_OVER
                            .getSeconds() + " s"));
            return;
        }
        if (shared == null) {
            core.limiter.refund(ticket);
            boolean deadline = left.compareTo(core.settings.maxRateWait) < 0;
            throw new PurgeThrottledException("the rate budget " + core.id + " shares with account '"
                    + core.limiter.account() + "' would delay " + what(description) + " by more than " + (deadline
                    ? "is left before " + context.deadlineName : core.id + ".rateLimit.maxWait ("
                    + core.settings.maxRateWait + ")") + ", so it was not sent: the account's other clients are "
                    + "using it; " + (deadline ? "raise the deadline" : "raise " + core.id + ".rateLimit.maxWait")
                    + ", or purge fewer targets at once" + (last == null ? "" : "; the last attempt failed: "
                    + last.getMessage()), 0, null, null, null);
        }
        if (shared.wait.compareTo(NOTABLE_WAIT) >= 0) {
            emit(event(PurgeEvent.Type.WAITING, purpose, what(description), attempt).waitTime(shared.wait)
                    .detail("waiting " + seconds(shared.wait) + " for the rate limit " + shared.reason
                            + " shared with account '" + core.limiter.account() + "'"));
        }
        sleep(shared.wait, description, null);
    }

    private void sleep(Duration wait, String description, PurgeException last) {
        try {
            core.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PurgeException("interrupted while waiting to send " + what(description) + "; it was not sent"
                    + (last == null ? "" : " again (its last attempt failed: " + last.getMessage() + ")"), e);
        }
    }

    private PurgeException deadlinePassed(String what, PurgeException last) {
        return new PurgeException(context.deadlineName + " passed before " + what + " could be "
                + (last == null ? "sent; it was not sent" : "sent again; its last attempt failed: " + last.getMessage())
                + ". Purge the targets again, or give the purge a longer deadline");
    }

    private PurgeEvent.Builder event(PurgeEvent.Type type, PurgeEvent.Purpose purpose, String what, int attempt) {
        PurgeEvent.Builder builder = core.events.event(type, context).purpose(purpose).description(what);
        if (purpose == PurgeEvent.Purpose.PURGE && call.kind != null) {
            builder.call(call.index, call.count, attempt).kind(call.kind).items(call.items);
        } else {
            builder.call(0, call.count, attempt);
        }
        return builder;
    }

    private void emit(PurgeEvent.Builder builder) {
        core.events.emit(builder);
    }

    private static int status(PurgeException e) {
        return e instanceof PurgeServiceException ? ((PurgeServiceException) e).httpStatus() : 0;
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
