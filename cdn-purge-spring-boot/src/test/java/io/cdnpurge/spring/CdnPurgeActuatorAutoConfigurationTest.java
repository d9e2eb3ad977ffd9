package io.cdnpurge.spring;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.fakes.Failure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.invoke.reflect.OperationMethod;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CdnPurgeActuatorAutoConfigurationTest extends TwoCdns {
    private ApplicationContextRunner runner() {
        return twoCdns()
                .withConfiguration(AutoConfigurations.of(CdnPurgeActuatorAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=health,cdnpurge");
    }

    private static Health health(HealthContributor contributor, String client) {
        return ((HealthIndicator) ((CompositeHealthContributor) contributor).getContributor(client)).health();
    }

    @Test
    void oneHealthIndicatorPerClientUpUntilItsBreakerOpensAndNoRequestToCheck() {
        runner().run(context -> {
            HealthContributor contributor = context.getBean("cdnPurgeHealthContributor", HealthContributor.class);
            assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
            List<String> names = new ArrayList<>();
            ((CompositeHealthContributor) contributor).forEach(named -> names.add(named.getName()));
            assertThat(names).containsExactly("edge-cf", "edge-fastly");

            Health fresh = health(contributor, "edge-cf");
            assertThat(fresh.getStatus()).isEqualTo(Status.UP);
            assertThat(fresh.getDetails()).containsEntry("provider", "cloudflare").containsEntry("breaker", "CLOSED")
                    .containsEntry("requestsInFlight", 0).containsKey("rateHeadroom")
                    .doesNotContainKey("lastRequestAt");
            assertThat(cloudflare.requestCount()).as("a health check sends nothing").isZero();

            // the yml's defaults: 2 attempts, a breaker that opens after 1 failed call
            cloudflare.failNext(2, Failure.serverError());
            context.getBean(PurgeClient.class).purge(PurgeRequest.builder().url("https://www.example.com/a").build());
            int requests = cloudflare.requestCount();

            Health down = health(contributor, "edge-cf");
            System.out.println("edge-cf after an outage: " + down);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("breaker", "OPEN").containsKeys("lastRequestAt",
                    "lastFailure");
            assertThat(health(contributor, "edge-fastly").getStatus()).isEqualTo(Status.UP);
            assertThat(cloudflare.requestCount()).isEqualTo(requests);
            secrets().forEach(secret -> assertThat(down.toString()).doesNotContain(secret));
        });
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner().withPropertyValues("management.health.cdnpurge.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("cdnPurgeHealthContributor"));
    }

    @Test
    void theEndpointShowsClientsRoutesAndADryRunAndSendsNothing() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(CdnPurgeEndpoint.class)
                    .doesNotHaveBean(CdnPurgeWritableEndpoint.class);
            CdnPurgeEndpoint endpoint = context.getBean(CdnPurgeEndpoint.class);

            Map<String, Object> shown = endpoint.clients();
            System.out.println("GET /actuator/cdnpurge -> " + shown);
            assertThat(((Map<?, ?>) shown.get("clients")).keySet()).extracting(Object::toString)
                    .containsExactly("edge-cf", "edge-fastly");
            assertThat(shown.get("routes").toString()).contains("www.example.com").contains("edge-cf, edge-fastly");

            Map<String, Object> plan = endpoint.plan("plan", List.of("https://www.example.com/a",
                    "https://www.example.com/b"), null, List.of("news"), null, null);
            System.out.println("GET /actuator/cdnpurge/plan?url=…&tag=news -> " + plan);
            assertThat(plan).containsEntry("targets", 3);
            assertThat(plan.get("plans").toString()).contains("client=edge-cf").contains("client=edge-fastly")
                    .contains("POST /zones/" + cloudflare.clientConfig().get("cloudflare.zoneId") + "/purge_cache");
            assertThat(endpoint.plan("other", List.of("https://www.example.com/a"), null, null, null, null))
                    .isNull();
            // the caller's mistakes are a 400 naming them, not a 500
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> endpoint.plan("plan", null, null, null, null,
                    null)).isInstanceOf(org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> endpoint.plan("plan", List.of("not a url"),
                    null, null, null, null))
                    .isInstanceOf(org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException.class)
                    .hasMessageContaining("not a url");

            assertThat(cloudflare.requestCount()).as("a dry run sends nothing").isZero();
            assertThat(fastly.requestCount()).isZero();
            secrets().forEach(secret -> assertThat(shown + " " + plan).doesNotContain(secret));
        });
    }

    @Test
    void theEndpointPurgesOnlyWhenPurgingIsEnabled() {
        runner().withPropertyValues("cdnpurge.actuator.purge-enabled=true").run(context -> {
            assertThat(context).hasSingleBean(CdnPurgeWritableEndpoint.class);
            Map<String, Object> purged = context.getBean(CdnPurgeWritableEndpoint.class)
                    .purge("https://www.example.com/c", null, null, null, null);
            System.out.println("POST /actuator/cdnpurge -> " + purged);
            assertThat(purged).containsEntry("status", "SUCCEEDED");
            assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/c");
            assertThat(fastly.purgeRequestCount()).isEqualTo(1);
            secrets().forEach(secret -> assertThat(purged.toString()).doesNotContain(secret));
        });
        runner().withPropertyValues("cdnpurge.actuator.purge-enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CdnPurgeWritableEndpoint.class)
                        .hasSingleBean(CdnPurgeEndpoint.class));
    }

    @Test
    void theOperationsParametersAreNamedAndOptional() throws NoSuchMethodException {
        // what Actuator reads to bind ?url=…&tag=… (the class files keep their parameter names)
        OperationMethod plan = new OperationMethod(CdnPurgeEndpoint.class.getMethod("plan", String.class, List.class,
                List.class, List.class, List.class, String.class), OperationType.READ);
        Map<String, Boolean> mandatory = new java.util.LinkedHashMap<>();
        plan.getParameters().forEach(parameter -> mandatory.put(parameter.getName(), parameter.isMandatory()));
        assertThat(mandatory).containsExactly(Map.entry("operation", true), Map.entry("url", false),
                Map.entry("prefix", false), Map.entry("tag", false), Map.entry("host", false),
                Map.entry("tenant", false));
        OperationMethod purge = new OperationMethod(CdnPurgeWritableEndpoint.class.getMethod("purge", String.class,
                String.class, String.class, String.class, String.class), OperationType.WRITE);
        assertThat(purge.getParameters().stream().noneMatch(parameter -> parameter.isMandatory())).isTrue();
        assertThat(java.util.Arrays.stream(CdnPurgeEndpoint.class.getMethods())
                .filter(method -> method.isAnnotationPresent(WriteOperation.class))).isEmpty();
    }

    @Test
    void anEndpointThatIsNotExposedIsNotCreated() {
        twoCdns()
                .withConfiguration(AutoConfigurations.of(CdnPurgeActuatorAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(CdnPurgeEndpoint.class)
                        .hasBean("cdnPurgeHealthContributor"));
    }

    @Test
    void twoClientBeansOfTheApplicationStartTheContextWithoutOurHealthOrEndpoint() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CdnPurgeAutoConfiguration.class,
                        CdnPurgeActuatorAutoConfiguration.class, CdnPurgeOutboxAutoConfiguration.class,
                        CdnPurgeMetricsAutoConfiguration.class))
                .withBean("staging", io.cdnpurge.PurgeClient.class, io.cdnpurge.testing.RecordingPurgeClient::create)
                .withBean("production", io.cdnpurge.PurgeClient.class,
                        io.cdnpurge.testing.RecordingPurgeClient::create)
                .withPropertyValues("management.endpoints.web.exposure.include=health,cdnpurge")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CdnPurgeEndpoint.class)
                        .doesNotHaveBean(io.cdnpurge.outbox.PurgeOutbox.class)
                        .doesNotHaveBean(io.cdnpurge.micrometer.CdnPurgeMeterBinder.class));
    }
}
