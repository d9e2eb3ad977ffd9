package io.cdnpurge.spring;

import io.cdnpurge.ClientHealth;
import io.cdnpurge.PurgeClient;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * With Spring Boot Actuator: the health contributor {@code cdnPurge}, one indicator per client of the
 * {@link PurgeClient} bean ({@code management.health.cdnpurge.enabled}), and the read-only endpoint {@code cdnpurge}
 * (exposed like any endpoint: {@code management.endpoints.web.exposure.include=health,cdnpurge}); its purge
 * operation only with {@code cdnpurge.actuator.purge-enabled=true}.
 */
@AutoConfiguration(after = CdnPurgeAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthContributor",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
@ConditionalOnSingleCandidate(PurgeClient.class)
public class CdnPurgeActuatorAutoConfiguration {
    /** {@code cdnPurge} in {@code /actuator/health}: a composite of one indicator per client, by the client's name. */
    @Bean
    @ConditionalOnMissingBean(name = "cdnPurgeHealthContributor")
    @ConditionalOnEnabledHealthIndicator("cdnpurge")
    public HealthContributor cdnPurgeHealthContributor(PurgeClient client) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (ClientHealth health : client.health()) {
            indicators.put(health.client(), new CdnPurgeHealthIndicator(client, health.client()));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    /** The read-only endpoint. */
    @Bean
    @ConditionalOnMissingBean(CdnPurgeEndpoint.class)
    @ConditionalOnAvailableEndpoint(endpoint = CdnPurgeEndpoint.class)
    @ConditionalOnProperty(prefix = "cdnpurge.actuator", name = "purge-enabled", havingValue = "false",
            matchIfMissing = true)
    public CdnPurgeEndpoint cdnPurgeEndpoint(PurgeClient client) {
        return new CdnPurgeEndpoint(client);
    }

    /** The endpoint with its purge operation, when asked for. */
    @Bean
    @ConditionalOnMissingBean(CdnPurgeEndpoint.class)
    @ConditionalOnAvailableEndpoint(endpoint = CdnPurgeEndpoint.class)
    @ConditionalOnProperty(prefix = "cdnpurge.actuator", name = "purge-enabled", havingValue = "true")
    public CdnPurgeWritableEndpoint cdnPurgeWritableEndpoint(PurgeClient client) {
        return new CdnPurgeWritableEndpoint(client);
    }
}
