package io.cdnpurge.micrometer;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeTarget;
import io.micrometer.common.KeyValues;

import java.util.Locale;

/**
 * The default name and tags of a purge's observation, {@code cdn.purge}; {@link DefaultCallObservationConvention}
 * gives a vendor call's the same tags under {@code cdn.purge.call} (two names, so that each has one set of tag keys,
 * as Prometheus requires of a name). Low-cardinality key values, on metrics and traces:
 * {@code client}, {@code provider}, {@code tenant} ({@code none} when the purge has none), {@code kind} (the target
 * kind in lower case, {@code mixed} for a purge of several kinds, {@code none} for a request that carries no
 * targets), {@code outcome} ({@link PurgeObservationContext#outcome()}), and for a call {@code purpose}
 * ({@code purge}, {@code lookup}, {@code status}, {@code listing}, {@code token}, {@code access}). High-cardinality
 * ones, on traces only: {@code purge.id}, and for a call {@code call}, {@code attempt}, {@code description} (the
 * request in the vendor's terms, redacted), {@code vendor.reference} and {@code http.status} when the vendor
 * answered. Contextual names: {@code purge <client>} and {@code <client> <purpose>}.
 */
public class DefaultPurgeObservationConvention implements PurgeObservationConvention {
    /** The name of the observation of a purge. */
    public static final String NAME = "cdn.purge";

    private static final String NONE = "none";

    @Override
    public String getName() {
        return NAME;
    }

    /** Purges only: a call's context goes to {@link DefaultCallObservationConvention}. */
    @Override
    public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
        return context instanceof PurgeObservationContext
                && ((PurgeObservationContext) context).scope() == PurgeObservationContext.Scope.PURGE;
    }

    @Override
    public String getContextualName(PurgeObservationContext context) {
        return context.scope() == PurgeObservationContext.Scope.PURGE ? "purge " + context.client()
                : context.client() + " " + lower(context.startEvent().purpose());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(PurgeObservationContext context) {
        PurgeEvent start = context.startEvent();
        KeyValues values = KeyValues.of("client", context.client(), "provider", context.provider(),
                "tenant", start.tenant().orElse(NONE), "kind", kind(context), "outcome", context.outcome());
        return context.scope() == PurgeObservationContext.Scope.PURGE ? values
                : values.and("purpose", lower(start.purpose()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(PurgeObservationContext context) {
        PurgeEvent start = context.startEvent();
        KeyValues values = KeyValues.empty();
        if (start.purgeId().isPresent()) {
            values = values.and("purge.id", start.purgeId().get());
        }
        if (context.scope() == PurgeObservationContext.Scope.PURGE) {
            return values;
        }
        values = values.and("call", Integer.toString(start.call()), "attempt", Integer.toString(start.attempt()));
        if (start.description().isPresent()) {
            values = values.and("description", start.description().get());
        }
        PurgeEvent end = context.endEvent().orElse(null);
        if (end != null && end.vendorReference().isPresent()) {
            values = values.and("vendor.reference", end.vendorReference().get());
        }
        if (end != null && end.httpStatus() > 0) {
            values = values.and("http.status", Integer.toString(end.httpStatus()));
        }
        return values;
    }

    private static String kind(PurgeObservationContext context) {
        if (context.scope() == PurgeObservationContext.Scope.CALL) {
            return context.startEvent().kind().map(DefaultPurgeObservationConvention::lower).orElse(NONE);
        }
        return context.result().map(result -> {
            PurgeTarget.Kind only = null;
            for (io.cdnpurge.TargetOutcome outcome : result.outcomes()) {
                PurgeTarget.Kind kind = outcome.target().kind();
                if (only != null && only != kind) {
                    return "mixed";
                }
                only = kind;
            }
            return only == null ? NONE : lower(only);
        }).orElse(NONE);
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
