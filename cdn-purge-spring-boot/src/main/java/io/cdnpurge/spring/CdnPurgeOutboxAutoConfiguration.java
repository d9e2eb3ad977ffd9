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
        PurgeOutbox.Builder builder = PurgeOutbox.builder(client, store);
        // the builder's own rules, each broken one listed under its key, all at once
        java.util.List<String> problems = new java.util.ArrayList<>();
        apply(problems, "batch-size", () -> builder.batchSize(outbox.getBatchSize()));
        apply(problems, "lease", () -> builder.lease(outbox.getLease()));
        apply(problems, "max-attempts", () -> builder.maxAttempts(outbox.getMaxAttempts()));
        apply(problems, "max-pending", () -> builder.maxPending(outbox.getMaxPending()));
        apply(problems, "poll-interval", () -> builder.pollInterval(outbox.getPollInterval()));
        apply(problems, "stop-timeout", () -> builder.stopTimeout(outbox.getStopTimeout()));
        apply(problems, "repeat-after", () -> builder.repeatAfter(outbox.getRepeatAfter()));
        apply(problems, "keep-finished-for", () -> builder.keepFinishedFor(outbox.getKeepFinishedFor()));
        if (outbox.getWorker() != null && !outbox.getWorker().isBlank()) {
            apply(problems, "worker", () -> builder.worker(outbox.getWorker()));
        }
        if (outbox.getCoalescePrefixes() != 0) {
            apply(problems, "coalesce-prefixes", () -> builder.coalescePrefixes(outbox.getCoalescePrefixes()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    /** Applies one setting to the builder, noting what it refuses under the setting's key. */
    private static void apply(java.util.List<String> problems, String key, Runnable setting) {
        try {
            setting.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add("cdnpurge.outbox." + key + ": " + e.getMessage());
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
