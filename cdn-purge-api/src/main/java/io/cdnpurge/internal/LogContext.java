package io.cdnpurge.internal;

import org.slf4j.MDC;

/**
 * The SLF4J MDC keys set around every vendor request, so that the user's own log lines written meanwhile (an HTTP
 * client's, a proxy's) say which purge, tenant and client they belong to: {@code purge.id}, {@code tenant},
 * {@code cdn.client}. The previous values are put back afterwards (a token minted inside a purge request nests).
 */
final class LogContext {
    static final String PURGE_ID = "purge.id";
    static final String TENANT = "tenant";
    static final String CLIENT = "cdn.client";

    private LogContext() {
    }

    /** Sets the keys; the values they had, to give {@link #leave}. */
    static String[] enter(String purgeId, String tenant, String client) {
        String[] outer = {MDC.get(PURGE_ID), MDC.get(TENANT), MDC.get(CLIENT)};
        set(PURGE_ID, purgeId);
        set(TENANT, tenant);
        set(CLIENT, client);
        return outer;
    }

    static void leave(String[] outer) {
        set(PURGE_ID, outer[0]);
        set(TENANT, outer[1]);
        set(CLIENT, outer[2]);
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
