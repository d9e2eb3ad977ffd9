package io.cdnpurge.spring;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.micrometer.CdnPurgeMeterBinder;
import io.cdnpurge.micrometer.MicrometerPurgeListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Micrometer for cdn-purge, when {@code cdn-purge-micrometer} is on the class path and the application has a
 * {@link MeterRegistry} (Spring Boot Actuator makes one): a {@link MicrometerPurgeListener} bean, which the client
 * options take like every listener bean, publishing {@code cdn.purge} observations through the application's
 * {@link ObservationRegistry} (so its tracing sees them) and the counters; and a {@link CdnPurgeMeterBinder} bean with
 * the client's gauges (and the outbox's depth), which Spring Boot binds to the registry. Each gives way to one of
 * the application's own.
 *
 * <p>See <a href="https://docs.spring.io/spring-boot/reference/actuator/observability.html">Spring Boot:
 * observability</a>.
 */
@AutoConfiguration(after = {CdnPurgeAutoConfiguration.class, CdnPurgeOutboxAutoConfiguration.class}, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@ConditionalOnClass({MicrometerPurgeListener.class, MeterRegistry.class})
public class CdnPurgeMetricsAutoConfiguration {

    /** The observations and counters of every purge, through the application's registries. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    public MicrometerPurgeListener cdnPurgeMetricsListener(MeterRegistry registry,
                                                           ObjectProvider<ObservationRegistry> observations) {
        return MicrometerPurgeListener.builder(registry)
                .observationRegistry(observations.getIfUnique(() -> ObservationRegistry.NOOP)).build();
    }

    /**
     * The client's gauges, and the outbox's depth when there is an outbox bean; tells the listener each client's
     * provider for its tags.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate(PurgeClient.class)
    public CdnPurgeMeterBinder cdnPurgeMeterBinder(PurgeClient client, BeanFactory beans) {
        CdnPurgeMeterBinder.Builder binder = CdnPurgeMeterBinder.builder().client(client);
        if (ClassUtils.isPresent(OUTBOX, CdnPurgeMetricsAutoConfiguration.class.getClassLoader())) {
            OutboxDepth.add(binder, beans);   // only touched when cdn-purge-outbox is there
        }
        return binder.build();
    }

    /**
     * Tells the listener bean each client's provider (its tags), once every singleton exists, whichever binder the
     * application uses.
     */
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    public org.springframework.beans.factory.SmartInitializingSingleton cdnPurgeMetricsProviders(
            ObjectProvider<MicrometerPurgeListener> listener, ObjectProvider<PurgeClient> clients) {
        return () -> listener.ifAvailable(each -> clients.orderedStream().forEach(each::client));
    }

    private static final String OUTBOX = "io.cdnpurge.outbox.PurgeOutbox";

    /** The outbox bean's depth among the gauges; its class is loaded only when the outbox module is present. */
    private static final class OutboxDepth {
        static void add(CdnPurgeMeterBinder.Builder binder, BeanFactory beans) {
            beans.getBeanProvider(io.cdnpurge.outbox.PurgeOutbox.class).ifUnique(binder::outbox);
        }
    }
}
