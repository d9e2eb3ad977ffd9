package io.cdnpurge.spi;

import io.cdnpurge.TargetOutcome;

/**
 * How to ask the vendor whether one accepted purge has completed: made by a provider when the vendor accepts a call
 * (it knows the call's scope, kind, action and reference, e.g. Edgecast's {@code /edge/load/{id}}), and asked by the
 * engine once per reference however many targets the call carried.
 */
@FunctionalInterface
public interface CompletionCheck {

    /**
     * @return {@link TargetOutcome.Status#SUCCEEDED} when complete, {@link TargetOutcome.Status#IN_PROGRESS} while
     * not, {@link TargetOutcome.Status#FAILED} when the vendor says the purge failed
     * @throws io.cdnpurge.PurgeException when the vendor could not be asked (through {@code requests})
     */
    TargetOutcome.Status check(VendorRequests requests);
}
