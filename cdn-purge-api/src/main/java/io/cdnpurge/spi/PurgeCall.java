package io.cdnpurge.spi;

import io.cdnpurge.PurgeEvent;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * One vendor call, made by {@link PurgeBackend#call} from a batch: it works out once what it sends (body, paths,
 * idempotency reference) and keeps whatever it needs across attempts, so every attempt sends the same thing. The
 * engine decides when and how often {@link #send} runs; a call never sleeps or retries by itself.
 *
 * <p>Implementations are thread-safe: one call is sent from one thread at a time, but read from others.
 */
public interface PurgeCall {

    /**
     * A call that is one purge request and keeps no state of its own, as most HTTP vendors' calls are: the engine
     * sends {@code request} through {@code requests.send(PURGE, …)} on each attempt.
     *
     * <pre>{@code
     * public PurgeCall call(PurgeBatch batch) {
     *     return PurgeCall.of(batch, "POST /purge " + batch, () -> post(batch));
     * }
     * }</pre>
     *
     * @param description the call in the vendor's terms
     * @param request     makes the purge request and returns the acknowledgement, or throws
     */
    static PurgeCall of(PurgeBatch batch, String description, Supplier<BatchResult> request) {
        Objects.requireNonNull(description, "description cannot be null");
        return of(batch, () -> description, request);
    }

    /**
     * Like {@link #of(PurgeBatch, String, Supplier)}, with the description made when it is asked for: plans,
     * events and error messages ask, a purge that goes well without listeners does not, so a hot path builds no
     * string for it.
     *
     * @param description makes the call's description in the vendor's terms, once; the engine keeps what it gives
     */
    static PurgeCall of(PurgeBatch batch, Supplier<String> description, Supplier<BatchResult> request) {
        Objects.requireNonNull(batch, "batch cannot be null");
        Objects.requireNonNull(description, "description cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        return new PurgeCall() {
            private volatile String described;

            @Override
            public PurgeBatch batch() {
                return batch;
            }

            @Override
            public String describe() {
                String text = described;
                if (text == null) {
                    text = Objects.requireNonNull(description.get(), "description");
                    described = text;
                }
                return text;
            }

            @Override
            public BatchResult send(VendorRequests requests) {
                return requests.send(PurgeEvent.Purpose.PURGE, null, request);
            }

            @Override
            public String toString() {
                return describe();
            }
        };
    }

    /** The batch the call carries. */
    PurgeBatch batch();

    /** The call in the vendor's terms, for plans and logs, e.g. {@code POST /zones/023e…/purge_cache files×30}. */
    String describe();

    /**
     * What the vendor bills for the call, in its own units (CloudFront: paths, a wildcard counting one); empty when
     * the vendor does not bill per item. Must not do I/O.
     */
    default OptionalInt billableItems() {
        return OptionalInt.empty();
    }

    /**
     * What the call takes from the vendor's quota on purges in flight while it is in flight, per unit (see
     * {@link InFlightQuota}); empty when the vendor has none. Must not do I/O.
     */
    default Map<String, Integer> quotaUse() {
        return Map.of();
    }

    /**
     * Sends the call: its purge request goes through {@code requests.send(PURGE, …)}, as does any other request it
     * needs (a token). Recognises the vendor's acknowledgement positively: any other answer, a 2xx with a body that
     * is not the acknowledgement included, is an error (retryable when the purge may not have been made).
     *
     * @return what the vendor answered when it accepted the call
     * @throws io.cdnpurge.PurgeException when it did not
     */
    BatchResult send(VendorRequests requests);
}
