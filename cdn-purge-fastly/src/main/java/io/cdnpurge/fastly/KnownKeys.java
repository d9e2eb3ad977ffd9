package io.cdnpurge.fastly;

import java.util.Set;

/** The keys a {@code fastly.} config may hold: Fastly's own and the shared engine and HTTP keys. */
final class KnownKeys {
    private static final Set<String> KEYS = Set.of(
            "apiToken", "serviceId", "services", "keysPerCall",
            "endpoint", "timeout", "connectTimeout", "allowInsecureEndpoint",
            "maxAttempts", "concurrency", "retry.initialBackoff", "retry.maxBackoff", "retry.maxRetryAfter",
            "rateLimit.enabled", "rateLimit.requestsPerSecond", "rateLimit.burst", "rateLimit.maxWait",
            "completion.initialPoll", "completion.maxPoll");
    private static final Set<String> BUCKETS = Set.of("purgeAll");

    private KnownKeys() {
    }

    static boolean isKnown(String key) {
        if (KEYS.contains(key)) {
            return true;
        }
        String[] parts = key.split("\\.");
        return parts.length == 3 && parts[0].equals("rateLimit") && BUCKETS.contains(parts[1])
                && (parts[2].equals("permitsPerSecond") || parts[2].equals("burst"));
    }
}
