package io.cdnpurge.spring;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.micrometer.CdnPurgeMeterBinder;
import io.cdnpurge.micrometer.MicrometerPurgeListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Micrometer wired by Spring Boot: the registry Boot makes, the listener in the clients' options, the gauges bound. */
class CdnPurgeMetricsAutoConfigurationTest extends TwoCdns {

    @Test
    void aPurgeThroughTheBeanIsObservedCountedAndTheClientsGaugesAreBound() {
        twoCdns().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        ObservationAutoConfiguration.class, CdnPurgeMetricsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MicrometerPurgeListener.class)
                            .hasSingleBean(CdnPurgeMeterBinder.class);
                    PurgeClient cdn = context.getBean(PurgeClient.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/news/7")
                            .build());

                    assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
                    assertThat(registry.get("cdn.purge.targets").tags("client", "edge-cf", "provider", "cloudflare",
                            "outcome", "succeeded").counter().count()).isEqualTo(1);
                    assertThat(registry.get("cdn.purge.targets").tags("client", "edge-fastly", "provider", "fastly",
                            "outcome", "succeeded").counter().count()).isEqualTo(1);
                    // the application's ObservationRegistry turned the observations into timers
                    assertThat(registry.get("cdn.purge").tags("client", "edge-cf", "outcome", "succeeded").timer()
                            .count()).isEqualTo(1);
                    assertThat(registry.get("cdn.purge.breaker.state").tags("client", "edge-fastly").gauge()
                            .value()).isZero();
                    System.out.println("Spring Boot metrics after one purge through two clients: " + registry
                            .getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith("cdn."))
                            .map(id -> id.getName() + id.getTags().stream().map(tag -> tag.getKey() + "="
                                    + tag.getValue()).collect(Collectors.joining(",", "{", "}")))
                            .sorted().collect(Collectors.joining(" ")));
                    assertThat(registry.getMeters().stream().map(meter -> meter.getId().toString()))
                            .noneMatch(id -> secrets().stream().anyMatch(id::contains));
                });
    }

    @Test
    void withoutAMeterRegistryThereIsNoListenerAndThePurgeStillWorks() {
        twoCdns().withConfiguration(AutoConfigurations.of(CdnPurgeMetricsAutoConfiguration.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerPurgeListener.class)
                    .doesNotHaveBean(CdnPurgeMeterBinder.class);
            assertThat(context.getBean(PurgeClient.class).purge(PurgeRequest.builder()
                    .url("https://www.example.com/news/8").build()).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        });
    }
}
