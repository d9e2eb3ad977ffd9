package io.cdnpurge.fakes.akamai;

import io.cdnpurge.fakes.internal.FakeTokenBucket;

import java.time.Clock;
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

    private final FakeTokenBucket requests;
    private final Map<Type, FakeTokenBucket> objects = new EnumMap<>(Type.class);

    FakeAkamaiBuckets(Clock clock) {
        this.requests = new FakeTokenBucket(clock, REQUESTS_PER_SECOND, REQUEST_BUCKET);
        for (Type type : Type.values()) {
            objects.put(type, new FakeTokenBucket(clock, type.perSecond, type.size));
        }
    }

    /** The buckets' state without taking from them: what {@code POST /ccu/v3/rate-limit-status/{type}} tells. */
    Verdict peek(Type type) {
        return new Verdict(true, false, (long) Math.floor(requests.available()),
                (long) Math.floor(objects.get(type).available()));
    }

    Verdict take(Type type, int count) {
        FakeTokenBucket bucket = objects.get(type);
        boolean requestToken = requests.available() >= 1;
        boolean objectTokens = bucket.available() >= count;
        if (requestToken && objectTokens) {
            requests.take(1);
            bucket.take(count);
        }
        return new Verdict(requestToken && objectTokens, !requestToken, (long) Math.floor(requests.available()),
                (long) Math.floor(bucket.available()));
    }
}
