package io.cdnpurge.spring;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.outbox.InMemoryOutboxStore;
import io.cdnpurge.outbox.JdbcOutboxStore;
import io.cdnpurge.outbox.OutboxListener;
import io.cdnpurge.outbox.OutboxStore;
import io.cdnpurge.outbox.PurgeOutbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * A {@link PurgeOutbox} bean over the {@link PurgeClient} bean when {@code cdnpurge.outbox.enabled=true}: its store
 * is a SQLite file ({@code cdnpurge.outbox.store=file}, the default), PostgreSQL through the application's
 * {@link DataSource} bean ({@code postgres}) or memory ({@code memory}); every {@link OutboxListener} bean is told of
 * the items finished. Its worker starts with the application context and stops with it, handing back what it holds.
 */
@AutoConfiguration(after = CdnPurgeAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnClass(PurgeOutbox.class)
@ConditionalOnProperty(prefix = "cdnpurge.outbox", name = "enabled", havingValue = "true")
@ConditionalOnSingleCandidate(PurgeClient.class)
public class CdnPurgeOutboxAutoConfiguration {
    /** The store {@code cdnpurge.outbox.store} names. */
    @Bean
    @ConditionalOnMissingBean
    public OutboxStore cdnPurgeOutboxStore(CdnPurgeProperties properties, ObjectProvider<DataSource> dataSource) {
        CdnPurgeProperties.Outbox outbox = properties.getOutbox();
        switch (outbox.getStore()) {
            case MEMORY:
                return new InMemoryOutboxStore();
            case POSTGRES:
                DataSource source = dataSource.getIfUnique();
                if (source == null) {
                    throw new InvalidConfigurationException("cdnpurge.outbox.store=postgres needs one DataSource bean "
                            + "of a PostgreSQL database (spring.datasource.url, or a bean of your own); there is "
                            + (dataSource.stream().findAny().isPresent() ? "more than one" : "none"));
                }
                return JdbcOutboxStore.postgres(source, outbox.getTable());
            default:
                return JdbcOutboxStore.file(outbox.getFile());
        }
    }

    /** The outbox; its worker is started and stopped by {@link #cdnPurgeOutboxLifecycle}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PurgeOutbox cdnPurgeOutbox(PurgeClient client, OutboxStore store, CdnPurgeProperties properties,
                                      ObjectProvider<OutboxListener> listeners) {
        CdnPurgeProperties.Outbox outbox = properties.getOutbox();
        check(outbox);
        PurgeOutbox.Builder builder = PurgeOutbox.builder(client, store)
                .batchSize(outbox.getBatchSize())
                .lease(outbox.getLease())
                .maxAttempts(outbox.getMaxAttempts())
                .maxPending(outbox.getMaxPending())
                .pollInterval(outbox.getPollInterval())
                .stopTimeout(outbox.getStopTimeout())
                .repeatAfter(outbox.getRepeatAfter())
                .keepFinishedFor(outbox.getKeepFinishedFor());
        if (outbox.getWorker() != null && !outbox.getWorker().isBlank()) {
            builder.worker(outbox.getWorker());
        }
        if (outbox.getCoalescePrefixes() > 0) {
            builder.coalescePrefixes(outbox.getCoalescePrefixes());
        }
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    /** Every problem of the {@code cdnpurge.outbox.*} settings at once, each naming its key. */
    static void check(CdnPurgeProperties.Outbox outbox) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        atLeast(problems, "batch-size", outbox.getBatchSize(), 1);
        atLeast(problems, "max-attempts", outbox.getMaxAttempts(), 1);
        atLeast(problems, "max-pending", outbox.getMaxPending(), 1);
        positive(problems, "lease", outbox.getLease());
        positive(problems, "poll-interval", outbox.getPollInterval());
        positive(problems, "stop-timeout", outbox.getStopTimeout());
        positive(problems, "keep-finished-for", outbox.getKeepFinishedFor());
        if (outbox.getRepeatAfter() == null || outbox.getRepeatAfter().isNegative()) {
            problems.add("cdnpurge.outbox.repeat-after must be 0 (never) or a positive duration, was "
                    + outbox.getRepeatAfter());
        }
        if (outbox.getCoalescePrefixes() < 0 || outbox.getCoalescePrefixes() == 1) {
            problems.add("cdnpurge.outbox.coalesce-prefixes must be 0 (off) or at least 2 URLs, was "
                    + outbox.getCoalescePrefixes());
        }
        String worker = outbox.getWorker();
        if (worker != null && !worker.isBlank() && !worker.matches("[A-Za-z0-9._:@-]{1,100}")) {
            problems.add("cdnpurge.outbox.worker '" + worker + "' must be 1 to 100 letters, digits, '.', '_', ':', "
                    + "'@' or '-' (a host or pod name)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    private static void atLeast(java.util.List<String> problems, String key, long value, long least) {
        if (value < least) {
            problems.add("cdnpurge.outbox." + key + " must be at least " + least + ", was " + value);
        }
    }

    private static void positive(java.util.List<String> problems, String key, java.time.Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            problems.add("cdnpurge.outbox." + key + " must be a positive duration, was " + value);
        }
    }

    /**
     * Starts the outbox's worker when the context starts and stops it when the context stops, after the web server
     * has drained its requests (so that what they enqueued is sent); {@code cdnpurge.outbox.worker-enabled=false}
     * for instances that only enqueue.
     */
    @Bean
    @ConditionalOnSingleCandidate(PurgeOutbox.class)
    @ConditionalOnMissingBean(name = "cdnPurgeOutboxLifecycle")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "cdnpurge.outbox",
            name = "worker-enabled", havingValue = "true", matchIfMissing = true)
    public SmartLifecycle cdnPurgeOutboxLifecycle(PurgeOutbox outbox) {
        return new OutboxLifecycle(outbox);
    }

    /** The worker of an outbox bean, run while the context runs. */
    static final class OutboxLifecycle implements SmartLifecycle {
        private final PurgeOutbox outbox;
        private volatile boolean running;

        OutboxLifecycle(PurgeOutbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public void start() {
            outbox.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            outbox.close();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /**
         * Below the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the server itself
         * ({@code DEFAULT_PHASE - 2048}): started before it, stopped after it.
         */
        @Override
        public int getPhase() {
            return SmartLifecycle.DEFAULT_PHASE - 4096;
        }
    }
}
