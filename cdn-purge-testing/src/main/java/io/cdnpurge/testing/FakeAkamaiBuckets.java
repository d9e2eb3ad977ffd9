package io.cdnpurge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Fast Purge's per-account token buckets: one request bucket, and one object bucket per type. A request is
 * admitted only when it gets a request token and enough object tokens for all its objects; a refused request takes
 * nothing. Not thread-safe: the fake calls it under its lock.
 */
final class FakeAkamaiBuckets {
    /** The object types, with Akamai's bucket sizes and refill rates (the rate-limiting table). */
    enum Type {
        URL("url", "URL", 10_000, 12_000 / 60.0),
        CPCODE("cpcode", "CPCODE", 300, 30 / 60.0),
        TAG("tag", "TAG", 5_000, 500 / 60.0);

        final String path;
        final String title;
        final long size;
        final double perSecond;

        Type(String path, String title, long size, double perSecond) {
            this.path = path;
            this.title = title;
            this.size = size;
            this.perSecond = perSecond;
        }

        static Type ofPath(String path) {
            for (Type type : values()) {
                if (type.path.equals(path)) {
                    return type;
                }
            }
            return null;
        }
    }

    static final long REQUEST_BUCKET = 100;
    static final double REQUESTS_PER_SECOND = 50;

    /** What a request found: admitted or not, and the buckets' state for the {@code X-Ratelimit-*} headers. */
    static final class Verdict {
        final boolean admitted;
        final boolean requestsExhausted;
        final long requestsRemaining;
        final long objectsRemaining;

        Verdict(boolean admitted, boolean requestsExhausted, long requestsRemaining, long objectsRemaining) {
            this.admitted = admitted;
            this.requestsExhausted = requestsExhausted;
            this.requestsRemaining = requestsRemaining;
            this.objectsRemaining = objectsRemaining;
        }
    }

    private final Clock clock;
    private double requests = REQUEST_BUCKET;
    private final Map<Type, Double> objects = new EnumMap<>(Type.class);
    private Instant refilled;

    FakeAkamaiBuckets(Clock clock) {
        this.clock = clock;
        this.refilled = clock.instant();
        for (Type type : Type.values()) {
            objects.put(type, (double) type.size);
        }
    }

    Verdict take(Type type, int count) {
        refill();
        double available = objects.get(type);
        boolean requestToken = requests >= 1;
        boolean objectTokens = available >= count;
        if (requestToken && objectTokens) {
            requests -= 1;
            objects.put(type, available - count);
        }
        return new Verdict(requestToken && objectTokens, !requestToken, (long) Math.floor(requests),
                (long) Math.floor(objects.get(type)));
    }

    private void refill() {
        Instant now = clock.instant();
        double seconds = Duration.between(refilled, now).toNanos() / 1e9;
        if (seconds > 0) {
            requests = Math.min(REQUEST_BUCKET, requests + seconds * REQUESTS_PER_SECOND);
            for (Type type : Type.values()) {
                objects.put(type, Math.min(type.size, objects.get(type) + seconds * type.perSecond));
            }
            refilled = now;
        }
    }
}
