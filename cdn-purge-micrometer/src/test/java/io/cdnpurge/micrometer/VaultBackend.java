package io.cdnpurge.micrometer;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.RateLimit;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vendor whose credential shows up in its call descriptions and error messages, as a careless one's would, and
 * which counts paths as CloudFront does: the engine must keep the credential out of every event.
 */
final class VaultBackend implements PurgeBackend {
    static final String SECRET = "vault-token-5e4d3c2b1a";

    private final AtomicInteger failures;
    private final AtomicInteger paths = new AtomicInteger();

    VaultBackend(int failures) {
        this.failures = new AtomicInteger(failures);
    }

    @Override
    public String providerId() {
        return "vault";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return PurgeCapabilities.builder().modes(PurgeMode.INVALIDATE)
                .kind(PurgeTarget.Kind.URL, BatchLimit.items(10))
                .rateLimit(RateLimit.requests("purge", 1, Duration.ofSeconds(1), 5)).build();
    }

    @Override
    public Scope scope(PurgeTarget target) {
        return Scope.of("");
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        return PurgeCall.of(batch, "POST /purge?token=" + SECRET + " urls×" + batch.targets().size(), () -> {
            if (failures.getAndDecrement() > 0) {
                throw new PurgeServiceException("vault answered HTTP 503 to token " + SECRET, 503, null, null, true,
                        null);
            }
            paths.addAndGet(batch.targets().size());
            return BatchResult.builder(201).reference("inv-1").build();
        });
    }

    @Override
    public Map<String, Number> gauges() {
        return Map.of("pathsThisMonth", paths.get());
    }

    @Override
    public Secrets secrets() {
        return Secrets.of(SECRET);
    }

    @Override
    public void close() {
    }
}
