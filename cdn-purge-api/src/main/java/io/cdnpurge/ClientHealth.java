package io.cdnpurge;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How one client stands, read from what it already knows, with no request to the vendor: its circuit breaker, the
 * requests it has in flight, its last request, the headroom of its rate limits, and the provider's own gauges (such
 * as CloudFront's paths this month). For health checks and metrics ({@link PurgeClient#health()}). Immutable; no
 * credential is ever part of it.
 */
public final class ClientHealth {
    /** The state of a client's circuit breaker. */
    public enum Breaker {
        /** Requests go to the vendor. */
        CLOSED,
        /** The vendor kept failing: requests fail fast until one probes. */
        OPEN,
        /** One probe is allowed through; its answer closes or opens the breaker again. */
        HALF_OPEN,
        /** The client has no breaker ({@code circuitBreaker.enabled=false}). */
        DISABLED
    }

    private final String client;
    private final String providerId;
    private final Breaker breaker;
    private final int requestsInFlight;
    private final Instant lastRequestAt;
    private final String lastFailure;
    private final Map<String, Long> rateHeadroom;
    private final Map<String, Number> gauges;

    /**
     * @param lastRequestAt when the last request to the vendor ended; null before the first
     * @param lastFailure   why it failed, or null when it succeeded (or none was made)
     * @param rateHeadroom  per rate limit (by name), the permits a request could take now without waiting
     * @param gauges        the provider's own figures, by name
     */
    public ClientHealth(String client, String providerId, Breaker breaker, int requestsInFlight, Instant lastRequestAt,
                        String lastFailure, Map<String, Long> rateHeadroom, Map<String, Number> gauges) {
        this.client = Objects.requireNonNull(client, "client cannot be null");
        this.providerId = Objects.requireNonNull(providerId, "providerId cannot be null");
        this.breaker = Objects.requireNonNull(breaker, "breaker cannot be null");
        this.requestsInFlight = requestsInFlight;
        this.lastRequestAt = lastRequestAt;
        this.lastFailure = lastFailure;
        this.rateHeadroom = java.util.Collections.unmodifiableMap(new TreeMap<>(rateHeadroom));
        this.gauges = java.util.Collections.unmodifiableMap(new TreeMap<>(gauges));
    }

    /** The client's name (its keys' prefix). */
    public String client() {
        return client;
    }

    public String providerId() {
        return providerId;
    }

    public Breaker breaker() {
        return breaker;
    }

    /** Requests to the vendor sent and not yet answered. */
    public int requestsInFlight() {
        return requestsInFlight;
    }

    /** When the last request to the vendor ended; empty before the first. */
    public Optional<Instant> lastRequestAt() {
        return Optional.ofNullable(lastRequestAt);
    }

    /** Why the last request failed; empty when it succeeded, or before the first. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Per rate limit, by name: the permits a request could take now without waiting (0 when it would wait). */
    public Map<String, Long> rateHeadroom() {
        return rateHeadroom;
    }

    /** The provider's own figures, by name, e.g. CloudFront's {@code pathsThisMonth}. */
    public Map<String, Number> gauges() {
        return gauges;
    }

    /** Whether the client can purge now as far as it knows: its breaker is not open. */
    public boolean up() {
        return breaker != Breaker.OPEN;
    }

    @Override
    public String toString() {
        return "ClientHealth{" + client + " (" + providerId + "), breaker " + breaker + ", " + requestsInFlight
                + " in flight" + (lastRequestAt == null ? "" : ", last request " + lastRequestAt
                + (lastFailure == null ? " succeeded" : " failed: " + lastFailure)) + ", headroom " + rateHeadroom
                + (gauges.isEmpty() ? "" : ", " + gauges) + "}";
    }
}
