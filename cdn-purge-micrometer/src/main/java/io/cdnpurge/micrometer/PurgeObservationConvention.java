package io.cdnpurge.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of purges and vendor calls; give your own to
 * {@link MicrometerPurgeListener.Builder#purgeConvention} or {@link MicrometerPurgeListener.Builder#callConvention},
 * or register one that supports {@link PurgeObservationContext} on the {@code ObservationRegistry}. Extending
 * {@link DefaultPurgeObservationConvention} keeps what you do not change.
 *
 * <pre>{@code
 * class ShopConvention extends DefaultPurgeObservationConvention {
 *     public String getName() { return "shop.cdn.purge"; }
 * }
 * }</pre>
 *
 * @see <a href="https://docs.micrometer.io/micrometer/reference/observation/components.html">Observation conventions</a>
 */
public interface PurgeObservationConvention extends ObservationConvention<PurgeObservationContext> {
    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof PurgeObservationContext;
    }
}
