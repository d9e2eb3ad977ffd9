package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.PurgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Counts the paths this account has had billed this calendar month (UTC), against CloudFront's free tier of 1,000
 * paths a month per AWS account: warns once the count passes {@code freeTier.warnAt} and, with
 * {@code freeTier.hardCap}, refuses a call that would pass the cap. The count lives in memory, or in
 * {@code freeTier.stateFile} (one line {@code 2026-11 812}, locked while updated) so that it survives restarts and
 * is shared by the processes that use the same file. It counts only what goes through this SDK.
 */
final class FreeTierTracker {
    static final int FREE_PATHS_PER_MONTH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger("io.cdnpurge.cloudfront");
    private static final java.util.concurrent.ConcurrentMap<Path, Object> FILE_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Clock clock;
    private final int warnAt;
    private final Integer hardCap;
    private final Path file;
    private YearMonth month;
    private long used;
    private boolean warned;
    /** The month and count of the last update, read without the lock (a count may wait on another process). */
    private volatile Object[] counted;

    FreeTierTracker(Clock clock, int warnAt, Integer hardCap, Path file) {
        this.clock = clock;
        this.warnAt = warnAt;
        this.hardCap = hardCap;
        this.file = file;
    }

    /**
     * Counts a call's billable paths before it is sent.
     *
     * @throws PurgeException when the hard cap would be passed; nothing is counted then
     */
    synchronized void charge(int paths, String what) {
        update(paths, what, true);
    }

    /** Takes back the paths of a call CloudFront did not accept. */
    synchronized void refund(int paths) {
        update(-paths, null, false);
    }

    /** Paths counted this month. */
    synchronized long used() {
        update(0, null, false);
        return used;
    }

    /**
     * Paths this month as last counted by this client, without reading the state file (other processes sharing it
     * may have counted more since): for gauges, which must not do I/O nor wait for another process's lock.
     */
    long lastKnown() {
        Object[] last = counted;
        return last != null && last[0].equals(YearMonth.now(clock.withZone(ZoneOffset.UTC))) ? (Long) last[1] : 0;
    }

    private void update(int delta, String what, boolean check) {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (file == null) {
            if (!now.equals(month)) {
                month = now;
                used = 0;
                warned = false;
            }
            used = apply(used, delta, what, check);
            counted = new Object[] {now, used};
            return;
        }
        // a file lock is per process: clients of one JVM sharing the file also take one lock object per file
        Object local = FILE_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), path -> new Object());
        synchronized (local) {
            updateFile(now, delta, what, check);
        }
    }

    private void updateFile(YearMonth now, int delta, String what, boolean check) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            String text = new String(readAll(channel), StandardCharsets.UTF_8).trim();
            long stored = 0;
            if (!text.isEmpty()) {
                String[] parts = text.split("\\s+");
                if (parts.length == 2 && parts[0].equals(now.toString())) {
                    stored = Long.parseLong(parts[1]);
                }
            }
            if (!now.equals(month)) {
                month = now;
                warned = false;
            }
            used = apply(stored, delta, what, check);
            counted = new Object[] {now, used};
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((now + " " + used + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write cloudfront.freeTier.stateFile " + file, e);
        } catch (NumberFormatException e) {
            throw new PurgeException("cloudfront.freeTier.stateFile " + file + " is not '<yyyy-mm> <paths>': fix "
                    + "or delete it");
        }
    }

    private long apply(long current, int delta, String what, boolean check) {
        long next = Math.max(0, current + delta);
        if (check && hardCap != null && next > hardCap) {
            throw new PurgeException("this purge would bring this month's CloudFront invalidation paths to " + next
                    + ", over cloudfront.freeTier.hardCap (" + hardCap + "), so " + what + " was not sent: CloudFront "
                    + "bills each path past the first " + FREE_PATHS_PER_MONTH + " a month; purge fewer paths, a "
                    + "wildcard, or raise the cap");
        }
        if (delta > 0 && next > warnAt && !warned) {
            warned = true;
            LOG.warn("CloudFront invalidation paths this month: {} (warning threshold {}; the first {} a month are "
                    + "free per AWS account, each one after that is billed)", next, warnAt, FREE_PATHS_PER_MONTH);
        }
        return next;
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(4096, channel.size()));
        channel.read(buffer, 0);
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }
}
