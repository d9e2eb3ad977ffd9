package io.cdnpurge.akamai;

import java.util.Set;

/** The keys an {@code akamai.} config may hold: Akamai's own and the shared engine and HTTP keys. */
final class KnownKeys {
    private static final Set<String> KEYS = Set.of(
            "host", "clientToken", "clientSecret", "accessToken", "edgerc", "edgercSection", "network",
            "accountSwitchKey", "maxBodyBytes", "allowSignerDebugLog",
            "endpoint", "timeout", "connectTimeout", "allowInsecureEndpoint",
            "maxAttempts", "concurrency", "retry.initialBackoff", "retry.maxBackoff", "retry.maxRetryAfter",
            "rateLimit.enabled", "rateLimit.requestsPerSecond", "rateLimit.burst", "rateLimit.maxWait",
            "completion.initialPoll", "completion.maxPoll");
    private static final Set<String> BUCKETS = Set.of("requests", "urls", "tags", "cpcodes");

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
