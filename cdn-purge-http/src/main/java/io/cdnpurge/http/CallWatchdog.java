package io.cdnpurge.http;

import okhttp3.Call;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels the HTTP calls that outlive their whole-call limit (twice the provider's {@code timeout}: a vendor that
 * answers a byte at a time never trips the read timeout). One daemon thread looks at the calls under way four times
 * a second, so the limit holds to within a quarter second, and a call costs two map operations: OkHttp's own
 * {@code callTimeout} wakes its watchdog thread at every call, which on a two-core machine costs more than everything
 * else the engine does for a purge. The thread ends after five idle seconds and starts again with the next call.
 */
final class CallWatchdog {
    private static final long TICK_MILLIS = 250;
    private static final int IDLE_TICKS = 20;
    private static final Map<Call, Long> DEADLINES = new ConcurrentHashMap<>();
    private static final Set<Call> EXPIRED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private CallWatchdog() {
    }

    /** Watches the call from now until {@link #done}: past {@code limitMillis}, it is cancelled. */
    static void watch(Call call, long limitMillis) {
        DEADLINES.put(call, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis));
        if (!RUNNING.get() && RUNNING.compareAndSet(false, true)) {
            Thread thread = new Thread(CallWatchdog::run, "cdn-purge-call-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * The call has ended.
     *
     * @return whether it ended because the watchdog cancelled it
     */
    static boolean done(Call call) {
        DEADLINES.remove(call);
        return EXPIRED.remove(call);
    }

    private static void run() {
        int idle = 0;
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                RUNNING.set(false);
                return;
            }
            long now = System.nanoTime();
            for (Map.Entry<Call, Long> entry : DEADLINES.entrySet()) {
                if (now - entry.getValue() > 0 && DEADLINES.remove(entry.getKey(), entry.getValue())) {
                    EXPIRED.add(entry.getKey());
                    entry.getKey().cancel();
                }
            }
            idle = DEADLINES.isEmpty() ? idle + 1 : 0;
            if (idle >= IDLE_TICKS) {
                RUNNING.set(false);
                // a call watched since: go on watching, unless a new thread has started for it
                if (DEADLINES.isEmpty() || !RUNNING.compareAndSet(false, true)) {
                    return;
                }
                idle = 0;
            }
        }
    }
}
