package io.cdnpurge.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code cdnpurge.outbox.*} and {@code cdnpurge.actuator.*} properties. The rest of {@code cdnpurge.*}
 * ({@code defaults}, {@code clients}, {@code routes}, {@code tenants}, {@code buckets}) is read by the configuration
 * loader of cdn-purge-files, in the layout of its YAML file, with its checks.
 */
@ConfigurationProperties(prefix = "cdnpurge")
public class CdnPurgeProperties {
    private final Outbox outbox = new Outbox();
    private final Actuator actuator = new Actuator();

    public Outbox getOutbox() {
        return outbox;
    }

    public Actuator getActuator() {
        return actuator;
    }

    /** Where a durable outbox keeps its purges. */
    public enum Store {
        /** A SQLite file ({@code cdnpurge.outbox.file}): the instances of an application on one machine. */
        FILE,
        /** PostgreSQL through the application's {@code DataSource} bean: every instance of a cluster. */
        POSTGRES,
        /** In memory: for tests, or one process that may lose what it has not sent yet. */
        MEMORY
    }

    /** A {@code PurgeOutbox} bean over the {@code PurgeClient} bean, started with the application context. */
    public static class Outbox {
        /** Whether to create a PurgeOutbox bean, started and stopped with the application context. */
        private boolean enabled;
        /** Where purges are kept until sent: a SQLite file, PostgreSQL through the DataSource bean, or memory. */
        private Store store = Store.FILE;
        /** The SQLite file of store=file, created with its table if absent; keep it on a local disk. */
        private Path file = Path.of("cdn-purge-outbox.db");
        /** The table of store=postgres, created or migrated on start. */
        private String table = "cdn_purge_outbox";
        /** This instance's name in the store's claims, kept across restarts (the host or pod name); random if unset. */
        private String worker;
        /** Items claimed and purged at a time. */
        private int batchSize = 1_000;
        /** How long a claim holds its items before another worker takes them over. */
        private Duration lease = Duration.ofMinutes(5);
        /** Attempts before an item that keeps failing retryably fails for good. */
        private int maxAttempts = 20;
        /** Items waiting at most, beyond which enqueue refuses. */
        private long maxPending = 1_000_000;
        /** The worker's pause when nothing is ready. */
        private Duration pollInterval = Duration.ofSeconds(1);
        /** How long stopping waits for the batch being sent. */
        private Duration stopTimeout = Duration.ofSeconds(30);
        /** Every enqueued purge is sent again this long after it (0: never), for an origin that replicates slowly. */
        private Duration repeatAfter = Duration.ZERO;
        /** How long finished items (and their tickets' status) are kept. */
        private Duration keepFinishedFor = Duration.ofDays(7);
        /** URLs of one directory in a batch that are purged as one prefix of it (0: off; 2 or more). */
        private int coalescePrefixes;
        /** Whether this instance runs the outbox's worker; false for instances that only enqueue. */
        private boolean workerEnabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Store getStore() {
            return store;
        }

        public void setStore(Store store) {
            this.store = store;
        }

        public Path getFile() {
            return file;
        }

        public void setFile(Path file) {
            this.file = file;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public String getWorker() {
            return worker;
        }

        public void setWorker(String worker) {
            this.worker = worker;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public long getMaxPending() {
            return maxPending;
        }

        public void setMaxPending(long maxPending) {
            this.maxPending = maxPending;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getStopTimeout() {
            return stopTimeout;
        }

        public void setStopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }

        public Duration getRepeatAfter() {
            return repeatAfter;
        }

        public void setRepeatAfter(Duration repeatAfter) {
            this.repeatAfter = repeatAfter;
        }

        public Duration getKeepFinishedFor() {
            return keepFinishedFor;
        }

        public void setKeepFinishedFor(Duration keepFinishedFor) {
            this.keepFinishedFor = keepFinishedFor;
        }

        public boolean isWorkerEnabled() {
            return workerEnabled;
        }

        public void setWorkerEnabled(boolean workerEnabled) {
            this.workerEnabled = workerEnabled;
        }

        public int getCoalescePrefixes() {
            return coalescePrefixes;
        }

        public void setCoalescePrefixes(int coalescePrefixes) {
            this.coalescePrefixes = coalescePrefixes;
        }
    }

    /** The Actuator endpoint {@code cdnpurge}. */
    public static class Actuator {
        /** Whether the cdnpurge endpoint has a write operation that purges (POST); read-only unless true. */
        private boolean purgeEnabled;

        public boolean isPurgeEnabled() {
            return purgeEnabled;
        }

        public void setPurgeEnabled(boolean purgeEnabled) {
            this.purgeEnabled = purgeEnabled;
        }
    }
}
