package io.cdnpurge.internal;

import io.cdnpurge.PurgeException;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.CompletionCheck;

import java.time.Duration;
import java.time.Instant;

/**
 * One accepted purge whose completion the vendor can be asked about: shared by the outcomes of its call and by the
 * in-flight ledger of its pool, so that the vendor is asked once per reference and what one learns the other knows.
 * Thread-safe.
 */
final class Pending {
    final String reference;
    final CompletionCheck check;
    /** The in-flight pool it takes room in, or null. */
    final String pool;
    private TargetOutcome.Status known;
    private PurgeException lastError;
    private boolean unknowable;
    private Instant nextCheck;
    private Duration interval;

    Pending(String reference, CompletionCheck check, String pool, Instant firstCheck, Duration initialInterval) {
        this.reference = reference;
        this.check = check;
        this.pool = pool;
        this.nextCheck = firstCheck;
        this.interval = initialInterval;
    }

    /** SUCCEEDED or FAILED once the vendor said so; null while not known. */
    synchronized TargetOutcome.Status known() {
        return known;
    }

    synchronized void completed(TargetOutcome.Status status) {
        known = status;
        lastError = null;
    }

    /** Why the last question failed, or null. */
    synchronized PurgeException lastError() {
        return lastError;
    }

    /** Whether asking can never succeed (the vendor refused the question for good). */
    synchronized boolean unknowable() {
        return unknowable;
    }

    synchronized Instant nextCheck() {
        return nextCheck;
    }

    /** Still in progress: ask again after the interval, doubled up to {@code maxPoll}. */
    synchronized void stillInProgress(Instant now, Duration maxPoll) {
        lastError = null;
        interval = EngineClient.min(interval.multipliedBy(2), maxPoll);
        nextCheck = now.plus(interval);
    }

    /**
     * Asking failed: for good when the error is not retryable, else ask again after the interval (or the vendor's
     * {@code Retry-After}, when longer).
     */
    synchronized void failed(PurgeException error, Instant now, Duration maxPoll, Duration retryAfter) {
        lastError = error;
        if (!error.retryable()) {
            unknowable = true;
            return;
        }
        interval = EngineClient.min(interval.multipliedBy(2), maxPoll);
        Duration wait = retryAfter != null && retryAfter.compareTo(interval) > 0 ? retryAfter : interval;
        nextCheck = now.plus(wait);
    }
}
