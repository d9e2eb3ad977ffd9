package io.cdnpurge.internal;

/** Tells the providers' HTTP clients whether a request is made through the engine. */
public final class RequestGuard {
    private RequestGuard() {
    }

    /** Whether the current thread is inside {@link io.cdnpurge.spi.VendorRequests#send}. */
    public static boolean sending() {
        return Exchange.sending();
    }
}
