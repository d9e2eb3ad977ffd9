package io.cdnpurge.spi;

import io.cdnpurge.PurgeException;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A vendor quota on work in flight: purges accepted but not yet complete count against a pool until they complete
 * (CloudFront: 3,000 file paths and 15 wildcard paths per distribution, its tenants included; Edgecast: 50
 * outstanding requests per account). The engine admits a call when, as far as it knows, the pool has room for it;
 * it learns what others have in flight only when its own count says a call does not fit or after the vendor refused
 * one for a full quota; calls that do not fit wait, in order, instead of failing, while the engine asks whether the
 * purges in flight have completed.
 *
 * <p>Units are named by the provider (for example {@code "paths"} and {@code "wildcards"}); a unit a call does not
 * name ({@link PurgeCall#quotaUse()}), it does not use. Implementations are thread-safe; any I/O goes through the
 * {@link VendorRequests} they are given.
 */
public interface InFlightQuota {

    /**
     * The pool the calls to a scope count against: the scope itself unless the vendor counts something larger (a
     * CloudFront tenant counts against its distribution). May ask the vendor through {@code requests}, once per scope;
     * when it cannot tell, the scope itself.
     */
    default String pool(String scope, VendorRequests requests) {
        return scope;
    }

    /** The most of each unit the vendor lets a pool have in flight. */
    Map<String, Integer> limits(String pool);

    /**
     * What the vendor has in flight in the pool now, sent by any client.
     *
     * @throws PurgeException when the vendor cannot tell; the calls waiting for that pool fail with it
     */
    List<Work> inFlight(String pool, VendorRequests requests);

    /** Whether the vendor refused a call only because its quota was full: back-pressure, not a failure. */
    boolean isQuotaFull(PurgeException error);

    /** One purge in flight at the vendor: its reference, what it uses, and how to ask about its completion. */
    final class Work {
        private final String reference;
        private final Map<String, Integer> use;
        private final CompletionCheck completion;

        public Work(String reference, Map<String, Integer> use, CompletionCheck completion) {
            this.reference = Objects.requireNonNull(reference, "reference cannot be null");
            this.use = Map.copyOf(use);
            this.completion = Objects.requireNonNull(completion, "completion cannot be null");
        }

        public String reference() {
            return reference;
        }

        public Map<String, Integer> use() {
            return use;
        }

        public CompletionCheck completion() {
            return completion;
        }

        @Override
        public String toString() {
            return reference + " " + use;
        }
    }
}
