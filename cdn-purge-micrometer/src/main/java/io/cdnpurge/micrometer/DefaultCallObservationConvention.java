package io.cdnpurge.micrometer;

import io.micrometer.observation.Observation;

/**
 * The default name and tags of a vendor call's observation, {@code cdn.purge.call}: the tags of
 * {@link DefaultPurgeObservationConvention}, with the call's own ({@code purpose}; {@code call}, {@code attempt},
 * {@code description}, {@code vendor.reference}, {@code http.status} for traces).
 */
public class DefaultCallObservationConvention extends DefaultPurgeObservationConvention {
    /** The name of the observation of a vendor call. */
    public static final String NAME = "cdn.purge.call";

    @Override
    public String getName() {
        return NAME;
    }

    /** Calls only. */
    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof PurgeObservationContext
                && ((PurgeObservationContext) context).scope() == PurgeObservationContext.Scope.CALL;
    }
}
