package io.cdnpurge.spi;

import io.cdnpurge.PurgeException;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A vendor quota on work in flight: purges accepted but not yet complete count against it until they complete
 * (CloudFront: 3,000 file paths and 15 wildcard paths per distribution). The engine admits a call only when the
 * quota has room for it, learns what is already in flight from the vendor before the first call to a scope, and
 * frees room as it sees earlier purges complete through {@link PurgeBackend#completion}; calls that do not fit
 * wait, in order, instead of failing.
 *
 * <p>Units are named by the provider (for example {@code "paths"} and {@code "wildcards"}); a unit a call does
 * not name, it does not use. Implementations are thread-safe and do no I/O except in {@link #inFlight}.
 */
public interface InFlightQuota {

    /** What one call takes from the quota while it is in flight, per unit. */
    Map<String, Integer> use(PurgeBatch batch);

    /** The most of each unit the vendor lets a scope have in flight. */
    Map<String, Integer> limits(String scope);

    /**
     * What the vendor has in flight in the scope now, sent by any client: asked once before the first call to a
     * scope, and again after the vendor refused a call for lack of room that this client did not expect.
     *
     * @throws PurgeException when the vendor cannot tell; the calls waiting for that scope fail with it
     */
    List<Work> inFlight(String scope);

    /** Whether the vendor refused a call only because its quota was full: back-pressure, not a failure. */
    boolean isQuotaFull(PurgeException error);

    /** One purge in flight at the vendor: its reference (to ask about its completion) and what it uses. */
    final class Work {
        private final String reference;
        private final Map<String, Integer> use;

        public Work(String reference, Map<String, Integer> use) {
            this.reference = Objects.requireNonNull(reference, "reference cannot be null");
            this.use = Map.copyOf(use);
        }

        public String reference() {
            return reference;
        }

        public Map<String, Integer> use() {
            return use;
        }

        @Override
        public String toString() {
            return reference + " " + use;
        }
    }
}
