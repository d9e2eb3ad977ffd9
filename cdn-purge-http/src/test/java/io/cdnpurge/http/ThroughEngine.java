package io.cdnpurge.http;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one request the way a provider makes it: inside {@code VendorRequests.send} of a real engine client with a
 * single attempt, since the shared HTTP client refuses requests made anywhere else.
 */
final class ThroughEngine {
    private ThroughEngine() {
    }

    @SuppressWarnings("unchecked")
    static <T> T send(Supplier<T> request) {
        AtomicReference<Object> answer = new AtomicReference<>();
        PurgeBackend backend = new PurgeBackend() {
            @Override
            public String providerId() {
                return "acme";
            }

            @Override
            public PurgeCapabilities capabilities() {
                return PurgeCapabilities.builder().kind(PurgeTarget.Kind.TAG, BatchLimit.items(1)).build();
            }

            @Override
            public Scope scope(PurgeTarget target) {
                return Scope.of("");
            }

            @Override
            public PurgeCall call(PurgeBatch batch) {
                return PurgeCall.of(batch, "test request", () -> {
                    try {
                        answer.set(request.get());
                    } catch (RuntimeException e) {
                        answer.set(e);
                    }
                    return BatchResult.builder(200).build();
                });
            }

            @Override
            public Secrets secrets() {
                return Secrets.of();
            }

            @Override
            public void close() {
            }
        };
        try (PurgeClient client = PurgeEngine.client(backend, PurgeConfig.fromMap(Map.of("acme.maxAttempts", "1")),
                ClientOptions.builder().logging(false).build())) {
            client.purge(PurgeRequest.builder().tag("t").build());
        }
        if (answer.get() instanceof RuntimeException) {
            throw (RuntimeException) answer.get();
        }
        return (T) answer.get();
    }
}
