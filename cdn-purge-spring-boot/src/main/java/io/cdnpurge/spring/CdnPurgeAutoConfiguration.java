package io.cdnpurge.spring;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeListener;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.SharedRateBudget;
import io.cdnpurge.files.PurgeFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of cdn-purge: the {@code cdnpurge.*} properties, in the layout of a configuration file
 * ({@code defaults}, {@code clients}, {@code routes}, {@code tenants}, {@code buckets}), become one
 * {@link PurgeClient} bean, a {@link PurgeRouter} over every client they name. Its {@link ClientOptions} hold every
 * {@link PurgeListener} bean, in order, and the {@link SharedRateBudget} bean if there is one. Every problem of the
 * properties fails the start at once, each naming its {@code cdnpurge.…} key ({@link CdnPurgeFailureAnalyzer}).
 * Each bean gives way to one of the application's own.
 *
 * <p>See <a href="https://docs.spring.io/spring-boot/reference/features/developing-auto-configuration.html">Spring
 * Boot: creating your own auto-configuration</a>.
 */
@AutoConfiguration
@ConditionalOnClass({PurgeClient.class, PurgeFiles.class})
@EnableConfigurationProperties(CdnPurgeProperties.class)
public class CdnPurgeAutoConfiguration {
    /** The options of every client: the listener beans in order (after the SLF4J listener) and the rate budget. */
    @Bean
    @ConditionalOnMissingBean
    public ClientOptions cdnPurgeClientOptions(ObjectProvider<PurgeListener> listeners,
                                               ObjectProvider<SharedRateBudget> rateBudget) {
        ClientOptions.Builder options = ClientOptions.builder();
        listeners.orderedStream().forEach(options::listener);
        rateBudget.ifUnique(options::sharedRateBudget);
        return options.build();
    }

    /**
     * The router the {@code cdnpurge.*} properties describe; closed with the context.
     *
     * @throws io.cdnpurge.InvalidConfigurationException listing every problem, each with its {@code cdnpurge.…} key
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(PurgeClient.class)
    @Conditional(OnCdnPurgeClients.class)
    public PurgeRouter cdnPurgeClient(Environment environment, ClientOptions cdnPurgeClientOptions) {
        return CdnPurgeTree.router(environment, cdnPurgeClientOptions);
    }

    /**
     * {@code cdnpurge.outbox.enabled=true} that cannot make an outbox (no {@code cdn-purge-outbox}, no client, or
     * several client beans) fails the start saying why, instead of leaving purges to nobody.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "cdnpurge.outbox",
            name = "enabled", havingValue = "true")
    public static org.springframework.beans.factory.SmartInitializingSingleton cdnPurgeOutboxCheck(
            org.springframework.beans.factory.ListableBeanFactory beans) {
        return () -> {
            String outbox = "io.cdnpurge.outbox.PurgeOutbox";
            ClassLoader loader = beans instanceof org.springframework.beans.factory.config.ConfigurableBeanFactory
                    ? ((org.springframework.beans.factory.config.ConfigurableBeanFactory) beans).getBeanClassLoader()
                    : CdnPurgeAutoConfiguration.class.getClassLoader();
            if (!org.springframework.util.ClassUtils.isPresent(outbox, loader)) {
                throw new InvalidConfigurationException("cdnpurge.outbox.enabled=true needs the module "
                        + "cdn-purge-outbox on the class path");
            }
            int clients = beans.getBeanNamesForType(PurgeClient.class).length;
            if (beans.getBeanNamesForType(org.springframework.util.ClassUtils.resolveClassName(outbox, loader))
                    .length == 0) {
                throw new InvalidConfigurationException("cdnpurge.outbox.enabled=true, but there is "
                        + (clients == 0 ? "no PurgeClient to purge through: configure cdnpurge.clients"
                        : clients + " PurgeClient beans and the outbox needs one: define the PurgeOutbox bean "
                        + "yourself"));
            }
        };
    }
}
