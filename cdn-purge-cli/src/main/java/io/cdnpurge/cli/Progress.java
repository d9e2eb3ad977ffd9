package io.cdnpurge.cli;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeListener;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a purge is doing, on standard error: on a terminal one line redrawn in place ten times a second (targets
 * done of all, requests, throttles, elapsed time, and what it waits for); elsewhere a plain line per change worth
 * reading (a chunk done, a throttle, a wait, the completion wait), so that CI logs stay short. Off with
 * {@code --quiet}.
 */
final class Progress implements PurgeListener, AutoCloseable {
    private static final String[] SPINNER = {"|", "/", "-", "\\"};

    private final Terminal terminal;
    private final boolean on;
    private final long started = System.nanoTime();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private volatile long total;
    private volatile long done;
    private volatile String phase = "purging";
    private volatile String waiting;
    private ScheduledExecutorService ticker;
    private int frame;
    private boolean drawn;
    private boolean closed;

    Progress(Terminal terminal, boolean quiet) {
        this.terminal = terminal;
        this.on = !quiet;
    }

    /** Starts the display for this many targets. */
    synchronized void start(long targets) {
        this.total = targets;
        if (on && terminal.interactive && ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "cdn-purge-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::draw, 0, 100, TimeUnit.MILLISECONDS);
        }
    }

    /** A chunk of targets has its outcomes. */
    void chunkDone(long targets) {
        done += targets;
        waiting = null;
        if (on && !terminal.interactive && total > targets) {
            plain(String.format("purged %,d/%,d targets (%,d requests, %,d throttled)", done, total, requests.get(),
                    throttled.get()));
        }
    }

    /** The purge is sent: now waiting for the vendors to complete it, at most this long. */
    void awaiting(String limit) {
        phase = "waiting for completion";
        waiting = null;
        if (on && !terminal.interactive) {
            plain("waiting for completion, at most " + limit);
        }
    }

    @Override
    public boolean wants(PurgeEvent.Type type) {
        return on && (type == PurgeEvent.Type.REQUEST || type == PurgeEvent.Type.RESPONSE
                || type == PurgeEvent.Type.CALL_FAILED || type == PurgeEvent.Type.THROTTLED
                || type == PurgeEvent.Type.RETRY || type == PurgeEvent.Type.WAITING
                || type == PurgeEvent.Type.QUEUED);
    }

    @Override
    public void onEvent(PurgeEvent event) {
        switch (event.type()) {
            case REQUEST:
                requests.incrementAndGet();
                waiting = null;
                break;
            case RESPONSE:
            case CALL_FAILED:
                // a purge call answered or given up: its targets have their outcomes
                if (event.purpose() == PurgeEvent.Purpose.PURGE) {
                    answered.addAndGet(event.items());
                }
                break;
            case THROTTLED:
                throttled.incrementAndGet();
                if (!terminal.interactive) {
                    plain(event.providerId() + " throttled: " + event.detail().orElse("rate limited"));
                }
                break;
            case RETRY:
                retries.incrementAndGet();
                break;
            default:
                String what = event.providerId() + ": " + event.detail().orElse("waiting");
                if (!what.equals(waiting) && !terminal.interactive) {
                    plain(what);
                }
                waiting = what;
        }
    }

    private synchronized void plain(String line) {
        terminal.err.println(line);
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long shown = Math.min(total, Math.max(done, answered.get()));
        StringBuilder line = new StringBuilder().append(SPINNER[frame++ % SPINNER.length]).append(' ').append(phase)
                .append(String.format(" · %,d/%,d targets · %,d requests", shown, total, requests.get()));
        if (throttled.get() > 0) {
            line.append(String.format(" · %,d throttled", throttled.get()));
        }
        line.append(String.format(" · %.1f s", seconds));
        String now = waiting;
        if (now != null) {
            line.append(" · ").append(now);
        }
        int width = terminal.columns - 1;
        String text = line.length() > width ? line.substring(0, width - 1) + "…" : line.toString();
        terminal.err.print("\r" + text + "\033[K");
        terminal.err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the display and clears its line, before the result is printed. */
    synchronized void stop() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (drawn) {
            terminal.err.print("\r\033[K");
            terminal.err.flush();
            drawn = false;
        }
    }
}
