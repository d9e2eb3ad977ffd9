package io.cdnpurge.spring;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeListener;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.RateLimit;
import io.cdnpurge.SharedRateBudget;
import io.cdnpurge.outbox.PurgeOutbox;
import io.cdnpurge.testing.RecordingPurgeClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CdnPurgeAutoConfigurationTest extends TwoCdns {
    @Test
    void twoClientsAndARouteFromApplicationYmlMakeOneBeanThatPurgesThroughBoth() {
        twoCdns().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PurgeClient.class);
            PurgeClient cdn = context.getBean(PurgeClient.class);
            assertThat(cdn).isInstanceOf(PurgeRouter.class);
            assertThat(((PurgeRouter) cdn).clients()).containsOnlyKeys("edge-cf", "edge-fastly");

            PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/news/42").build());

            System.out.println("application.yml -> " + cdn + ": " + result.status());
            result.outcomes().forEach(outcome -> System.out.println("  " + outcome));
            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(result.outcomes()).extracting(outcome -> outcome.provider())
                    .containsExactlyInAnyOrder("edge-cf", "edge-fastly");
            assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/news/42");
            assertThat(fastly.purgeRequestCount()).isEqualTo(1);
            assertThat(fastly.purgedUrls()).hasSize(1).allMatch(url -> url.contains("www.example.com/news/42"));
        });
    }

    @Test
    void aMisspeltPropertyFailsTheStartNamingTheKeyAndTheOneMeant() {
        twoCdns()
                .withPropertyValues("cdnpurge.clients.edge-cf.apiTokn=abc", "cdnpurge.defaults.max-atempts=3")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    Throwable cause = failure;
                    while (!(cause instanceof InvalidConfigurationException)) {
                        cause = cause.getCause();
                    }
                    List<String> problems = ((InvalidConfigurationException) cause).problems();
                    assertThat(problems).anySatisfy(problem -> assertThat(problem)
                            .startsWith("unknown key cdnpurge.clients.edge-cf.apiTokn")
                            .contains("did you mean cdnpurge.clients.edge-cf.apiToken?"));
                    assertThat(String.join("\n", problems)).contains("max-atempts");

                    FailureAnalysis analysis = new CdnPurgeFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    System.out.println(analysis.getDescription() + "\n\nAction:\n" + analysis.getAction());
                    problems.forEach(problem -> assertThat(analysis.getDescription()).contains(problem));
                    assertThat(analysis.getDescription()).doesNotContain(cloudflare.secrets().get(0));
                });
    }

    @Test
    void aVariableThatIsNotSetIsNamedWithItsKey() {
        twoCdns().withPropertyValues("cdnpurge.clients.edge-cf.api-token=${CDN_PURGE_TEST_UNSET_TOKEN}")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (!(cause instanceof InvalidConfigurationException)) {
                        cause = cause.getCause();
                    }
                    System.out.println(cause.getMessage());
                    assertThat(((InvalidConfigurationException) cause).problems()).singleElement().asString()
                            .contains("cdnpurge.clients.edge-cf.api-token")
                            .contains("needs the variable CDN_PURGE_TEST_UNSET_TOKEN, which is not set: set it, or "
                                    + "give it a default");
                });
    }

    @Test
    void theFailureAnalyzerIsRegistered() {
        // the analyzers that need a bean factory are left out here: only ours is looked for
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                (type, name, failure) -> { }))
                .anyMatch(analyzer -> analyzer instanceof CdnPurgeFailureAnalyzer);
    }

    @Test
    void keysInCamelCaseKebabCaseOrLowerCaseAreOneKey() {
        Map<String, String> cf = cloudflare.clientConfig();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CdnPurgeAutoConfiguration.class))
                .withPropertyValues(
                        "cdnpurge.clients.cloudflare.apitoken=" + cf.get("cloudflare.apiToken"),
                        "cdnpurge.clients.cloudflare.zoneId=" + cf.get("cloudflare.zoneId"),
                        "cdnpurge.clients.cloudflare.endpoint=" + cloudflare.endpoint(),
                        "cdnpurge.clients.cloudflare.rate-limit.max-wait=10s",
                        "cdnpurge.routes[0].host=*.example.com",
                        "cdnpurge.routes[0].clients=cloudflare")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PurgeClient cdn = context.getBean(PurgeClient.class);
                    cdn.purge(PurgeRequest.builder().url("https://www.example.com/a.css").build());
                    assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/a.css");
                });
    }

    @Test
    void withoutCdnpurgePropertiesThereIsNoClientAndTheApplicationStarts() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CdnPurgeAutoConfiguration.class))
                .withPropertyValues("cdnpurge.actuator.purge-enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PurgeClient.class)
                        .hasSingleBean(ClientOptions.class));
    }

    @Test
    void withoutActuatorOrTheOutboxModuleTheClientIsStillMade() {
        twoCdns().withConfiguration(AutoConfigurations.of(CdnPurgeOutboxAutoConfiguration.class,
                        CdnPurgeActuatorAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(HealthContributor.class, PurgeOutbox.class))
                .withPropertyValues("management.endpoints.web.exposure.include=cdnpurge")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PurgeClient.class)
                        .doesNotHaveBean(CdnPurgeEndpoint.class).doesNotHaveBean("cdnPurgeHealthContributor")
                        .doesNotHaveBean("cdnPurgeOutbox"));
        // asked for, an outbox that cannot be made fails the start rather than leave purges to nobody
        twoCdns().withConfiguration(AutoConfigurations.of(CdnPurgeOutboxAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(PurgeOutbox.class))
                .withPropertyValues("cdnpurge.outbox.enabled=true")
                .run(context -> assertThat(problems(context.getStartupFailure())).singleElement()
                        .satisfies(problem -> assertThat(problem).contains("needs the module cdn-purge-outbox")));
    }

    @Test
    void theApplicationsOwnBeansWin() {
        twoCdns().withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PurgeClient.class);
            assertThat(context.getBean(PurgeClient.class)).isInstanceOf(RecordingPurgeClient.class);
            assertThat(context.getBean(ClientOptions.class)).isSameAs(OwnClient.OPTIONS);
        });
    }

    @Test
    void everyListenerBeanHearsTheClientsInOrder() {
        twoCdns().withUserConfiguration(Listeners.class).run(context -> {
            ClientOptions options = context.getBean(ClientOptions.class);
            assertThat(options.listeners()).extracting(Object::toString).containsSubsequence("first", "second");
            context.getBean(PurgeClient.class).purge(PurgeRequest.builder().url("https://www.example.com/").build());
            assertThat(Listeners.heard).contains("first", "second");
        });
    }

    @Test
    void aSharedRateBudgetBeanIsTheBudgetOfEveryClient() {
        SharedRateBudget budget = new SharedRateBudget() {
            @Override
            public Optional<Duration> reserve(String account, RateLimit limit, long permits, Duration maxWait) {
                return Optional.of(Duration.ZERO);
            }

            @Override
            public void refund(String account, RateLimit limit, long permits) {
            }
        };
        twoCdns().withBean(SharedRateBudget.class, () -> budget).run(context -> assertThat(context
                .getBean(ClientOptions.class).sharedRateBudget()).containsSame(budget));
    }

    @Test
    void tenantsAndBucketsAreReadFromPropertiesToo() {
        Map<String, String> cf = cloudflare.clientConfig();
        twoCdns().withPropertyValues(
                "cdnpurge.tenants.acme.clients.acme-cf.provider=cloudflare",
                "cdnpurge.tenants.acme.clients.acme-cf.api-token=" + cf.get("cloudflare.apiToken"),
                "cdnpurge.tenants.acme.clients.acme-cf.zone-id=" + cf.get("cloudflare.zoneId"),
                "cdnpurge.tenants.acme.clients.acme-cf.endpoint=" + cloudflare.endpoint(),
                "cdnpurge.tenants.acme.routes[0].host=shop.example.com",
                "cdnpurge.tenants.acme.routes[0].clients=acme-cf",
                "cdnpurge.buckets.assets[0].host=www.example.com",
                "cdnpurge.buckets.assets[1].host=static.example.com",
                "cdnpurge.buckets.assets[1].clients=edge-fastly",
                "cdnpurge.buckets.assets[1].action=prefetch").run(context -> {
                    assertThat(context).hasNotFailed();
                    PurgeRouter router = context.getBean(PurgeRouter.class);
                    assertThat(router.clients()).containsOnlyKeys("edge-cf", "edge-fastly", "acme-cf");
                    assertThat(router.routes()).anySatisfy(route -> {
                        assertThat(route.host()).isEqualTo("shop.example.com");
                        assertThat(route.tenant()).isEqualTo("acme");
                    });
                    assertThat(router.bucketRoutes()).hasSize(2);
                    router.purgeObjects("assets", List.of("img/logo.png"));
                    assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/img/logo.png");
                });
    }

    @Test
    void theRouterIsClosedWithTheContext() {
        twoCdns().run(context -> assertThat(context.getBeanFactory()
                .getBeanDefinition("cdnPurgeClient").getDestroyMethodName()).isEqualTo("close"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        static final ClientOptions OPTIONS = ClientOptions.builder().logging(false).build();

        @Bean
        PurgeClient myClient() {
            return RecordingPurgeClient.create();
        }

        @Bean
        ClientOptions myOptions() {
            return OPTIONS;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        static final List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());

        @Bean
        @Order(2)
        PurgeListener second() {
            return named("second");
        }

        @Bean
        @Order(1)
        PurgeListener first() {
            return named("first");
        }

        private static PurgeListener named(String name) {
            return new PurgeListener() {
                @Override
                public void onEvent(PurgeEvent event) {
                    heard.add(name);
                }

                @Override
                public String toString() {
                    return name;
                }
            };
        }
    }

    @Test
    void aHigherSourcesRoutesReplaceTheFilesRoutesAsAListDoes() {
        // a profile's (here: a higher property source's) one route, to Cloudflare alone
        twoCdns().withPropertyValues("cdnpurge.routes[0].host=static.example.com",
                        "cdnpurge.routes[0].clients[0]=edge-cf")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    io.cdnpurge.PurgeRouter router = context.getBean(io.cdnpurge.PurgeRouter.class);
                    assertThat(router.routes()).singleElement().satisfies(route -> assertThat(route.toString())
                            .contains("static.example.com").contains("edge-cf").doesNotContain("edge-fastly"));
                });
    }

    @Test
    void aClientNamedTwiceInSpringsRelaxedFormsIsRefusedNamingBoth() {
        twoCdns().withPropertyValues("cdnpurge.clients.edgecf.api-token=from-an-environment-variable")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(problems(context.getStartupFailure())).singleElement()
                            .satisfies(problem -> assertThat(problem).contains("cdnpurge.clients.edge-cf",
                                    "cdnpurge.clients.edgecf", "relaxed binding", "${VAR}")
                                    .doesNotContain("from-an-environment-variable"));
                });
    }

    @Test
    void aHostKeyHiddenByAnotherWithDotsIsRefusedAndTheBracketFormWorks() {
        twoCdns().withPropertyValues("cdnpurge.clients.edge-fastly.services.example.com=svcA",
                        "cdnpurge.clients.edge-fastly.services.example.com.au=svcB")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(problems(context.getStartupFailure())).anySatisfy(problem ->
                            assertThat(problem).contains("cdnpurge.clients.edge-fastly.services.example.com.au",
                                    "is hidden", "brackets"));
                });
        twoCdns().withPropertyValues("cdnpurge.clients.edge-fastly.services.[www.example.com]="
                        + fastly.clientConfig().get("fastly.serviceId"),
                        "cdnpurge.clients.edge-fastly.services.[www.example.com.au]=SU1Z0isxPaozGVKXdv0eY")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aVendorsVariableIsReadFromSpringsEnvironmentNotOnlyTheProcesss() {
        twoCdns().withPropertyValues("cdnpurge.clients.cloudflare.zone-id=${fake.cloudflare.zone}",
                        "cdnpurge.clients.cloudflare.endpoint=${fake.cloudflare.endpoint}",
                        // as a secrets manager's property source would give it
                        "CLOUDFLARE_API_TOKEN=" + cloudflare.clientConfig().get("cloudflare.apiToken"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PurgeClient own = context.getBean(PurgeRouter.class).clients().get("cloudflare");
                    assertThat(own.purge(PurgeRequest.builder().url("https://www.example.com/env").build())
                            .status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
                });
    }

    /** The problems of the configuration failure under a start-up failure. */
    static List<String> problems(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof InvalidConfigurationException)) {
            cause = cause.getCause();
        }
        return ((InvalidConfigurationException) cause).problems();
    }
}
