package io.cdnpurge.spring;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.outbox.InMemoryOutboxStore;
import io.cdnpurge.outbox.JdbcOutboxStore;
import io.cdnpurge.outbox.OutboxListener;
import io.cdnpurge.outbox.OutboxStore;
import io.cdnpurge.outbox.PurgeOutbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CdnPurgeOutboxAutoConfigurationTest extends TwoCdns {
    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        return twoCdns()
                .withConfiguration(AutoConfigurations.of(CdnPurgeOutboxAutoConfiguration.class));
    }

    @Test
    void noOutboxUnlessEnabled() {
        runner().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PurgeOutbox.class));
    }

    @Test
    void anOutboxInMemoryIsStartedWithTheContextAndPurgesThroughTheClientBean() {
        runner().withUserConfiguration(Finished.class)
                .withPropertyValues("cdnpurge.outbox.enabled=true", "cdnpurge.outbox.store=memory",
                        "cdnpurge.outbox.worker=web-1", "cdnpurge.outbox.poll-interval=50ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(PurgeOutbox.class);
                    assertThat(context.getBean(OutboxStore.class)).isInstanceOf(InMemoryOutboxStore.class);
                    assertThat(context.getBean("cdnPurgeOutboxLifecycle", SmartLifecycle.class).isRunning())
                            .isTrue();
                    PurgeOutbox outbox = context.getBean(PurgeOutbox.class);
                    assertThat(outbox.toString()).contains("web-1");

                    outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/queued").build());

                    // told when the item finished, by the worker the context started: no polling
                    assertThat(Finished.items.await(20, TimeUnit.SECONDS)).isTrue();
                    assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/queued");
                    assertThat(fastly.purgeRequestCount()).isEqualTo(1);
                });
    }

    @Test
    void theDefaultStoreIsASqliteFile() {
        Path file = folder.resolve("purges.db");
        runner().withPropertyValues("cdnpurge.outbox.enabled=true", "cdnpurge.outbox.file=" + file)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(OutboxStore.class)).isInstanceOf(JdbcOutboxStore.class);
                    assertThat(Files.exists(file)).isTrue();
                });
    }

    @Test
    void aPostgresStoreWithoutADataSourceFailsTheStartSayingWhy() {
        runner().withPropertyValues("cdnpurge.outbox.enabled=true", "cdnpurge.outbox.store=postgres")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (!(cause instanceof InvalidConfigurationException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause.getMessage()).contains("cdnpurge.outbox.store=postgres needs one DataSource bean")
                            .contains("none");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Finished {
        static final CountDownLatch items = new CountDownLatch(1);

        @Bean
        OutboxListener countFinished() {
            return item -> items.countDown();
        }
    }

    @Test
    void anInstanceThatOnlyEnqueuesRunsNoWorkerAndTheWorkerStopsAfterTheWebServer() {
        runner().withPropertyValues("cdnpurge.outbox.enabled=true", "cdnpurge.outbox.store=memory",
                        "cdnpurge.outbox.worker-enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PurgeOutbox.class)
                        .doesNotHaveBean("cdnPurgeOutboxLifecycle"));
        runner().withPropertyValues("cdnpurge.outbox.enabled=true", "cdnpurge.outbox.store=memory")
                .run(context -> assertThat(context.getBean("cdnPurgeOutboxLifecycle",
                        org.springframework.context.SmartLifecycle.class).getPhase())
                        .isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 2048));
    }

    @Test
    void everyBadOutboxSettingIsListedAtOnceAndAnOutboxWithoutAClientFailsTheStart() {
        runner().withPropertyValues("cdnpurge.outbox.enabled=true", "cdnpurge.outbox.store=memory",
                        "cdnpurge.outbox.batch-size=0", "cdnpurge.outbox.lease=0s", "cdnpurge.outbox.coalesce-prefixes=1",
                        "cdnpurge.outbox.worker=web node 1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(CdnPurgeAutoConfigurationTest.problems(context.getStartupFailure())).hasSize(4)
                            .anySatisfy(problem -> assertThat(problem).startsWith("cdnpurge.outbox.batch-size"))
                            .anySatisfy(problem -> assertThat(problem).startsWith("cdnpurge.outbox.lease"))
                            .anySatisfy(problem -> assertThat(problem).startsWith("cdnpurge.outbox.coalesce-prefixes"))
                            .anySatisfy(problem -> assertThat(problem).startsWith("cdnpurge.outbox.worker"));
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CdnPurgeAutoConfiguration.class,
                        CdnPurgeOutboxAutoConfiguration.class))
                .withPropertyValues("cdnpurge.outbox.enabled=true", "cdnpurge.outbox.store=memory")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(CdnPurgeAutoConfigurationTest.problems(context.getStartupFailure())).singleElement()
                            .satisfies(problem -> assertThat(problem).contains("no PurgeClient",
                                    "configure cdnpurge.clients"));
                });
    }
}
