package io.cdnpurge.verify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the edge answered for one URL after a purge, and what that says: {@link Verdict#PURGED} (a miss, or a copy
 * cached after the purge started), {@link Verdict#NOT_PURGED} (a copy cached before it), {@link Verdict#NOT_CACHED}
 * (the edge does not cache the response) or {@link Verdict#UNKNOWN} (no cache-status header, no answer, or too close
 * to tell), with the header read and {@link #detail()} saying why. Immutable.
 */
public final class EdgeCheck {
    /** Whether the purge took at the edge that answered. */
    public enum Verdict {
        /** Fetched from the origin, or served from a copy cached after the purge started. */
        PURGED,
        /** Served from a copy cached before the purge started: the purge did not take there. */
        NOT_PURGED,
        /** The edge does not cache this response ({@code BYPASS}, {@code DYNAMIC}, {@code NotCacheable}). */
        NOT_CACHED,
        /** Cannot be told: see {@link EdgeCheck#detail()}. */
        UNKNOWN
    }

    private final String url;
    private final String client;
    private final Verdict verdict;
    private final int httpStatus;
    private final String cacheStatus;
    private final Duration age;
    private final String detail;

    EdgeCheck(String url, String client, Verdict verdict, int httpStatus, String cacheStatus, Duration age,
              String detail) {
        this.url = Objects.requireNonNull(url, "url cannot be null");
        this.client = client;
        this.verdict = Objects.requireNonNull(verdict, "verdict cannot be null");
        this.httpStatus = httpStatus;
        this.cacheStatus = cacheStatus;
        this.age = age;
        this.detail = Objects.requireNonNull(detail, "detail cannot be null");
    }

    /** The URL requested. */
    public String url() {
        return url;
    }

    /**
     * The client whose edge answered: set when the URL was requested from that client's own edge
     * ({@link EdgeVerifier.Builder#edge}); empty when it went to the edge DNS gives, whichever CDN that is.
     */
    public Optional<String> client() {
        return Optional.ofNullable(client);
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The edge's HTTP status; 0 when it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The cache-status header read, as {@code name: value}, e.g. {@code CF-Cache-Status: HIT}. */
    public Optional<String> cacheStatus() {
        return Optional.ofNullable(cacheStatus);
    }

    /** The {@code Age} the edge gave its copy, if it gave one. */
    public Optional<Duration> age() {
        return Optional.ofNullable(age);
    }

    /** Why the verdict: what was read, or what went wrong. */
    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof EdgeCheck)) {
            return false;
        }
        EdgeCheck that = (EdgeCheck) other;
        return httpStatus == that.httpStatus && url.equals(that.url) && Objects.equals(client, that.client)
                && verdict == that.verdict && Objects.equals(cacheStatus, that.cacheStatus)
                && Objects.equals(age, that.age) && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, client, verdict, httpStatus, cacheStatus, age, detail);
    }

    @Override
    public String toString() {
        return verdict + " " + url + (client == null ? "" : " (" + client + ")") + ": " + detail;
    }
}
