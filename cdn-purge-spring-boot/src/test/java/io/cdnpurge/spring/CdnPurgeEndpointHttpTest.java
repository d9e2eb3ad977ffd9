package io.cdnpurge.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.servlet.WebMvcEndpointManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The Actuator endpoint and health over HTTP, as an operator reaches them (Spring MVC's MockMvc, no server). */
class CdnPurgeEndpointHttpTest extends TwoCdns {

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CdnPurgeAutoConfiguration.class,
                        CdnPurgeActuatorAutoConfiguration.class, JacksonAutoConfiguration.class,
                        HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                        WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class,
                        WebEndpointAutoConfiguration.class, WebMvcEndpointManagementContextConfiguration.class,
                        HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
                .withInitializer(context -> twoCdnsProperties(context.getEnvironment()))
                .withPropertyValues(fakeProperties())
                .withPropertyValues("management.endpoints.web.exposure.include=health,cdnpurge",
                        "management.endpoint.health.show-details=always");
    }

    private static String body(MockMvc mvc, org.springframework.test.web.servlet.RequestBuilder request,
                               int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as("%s %s %s", result.getResponse().getContentAsString(),
                result.getResponse().getErrorMessage(), result.getResolvedException()).isEqualTo(status);
        return result.getResponse().getContentAsString();
    }

    @Test
    void theEndpointPlansOverHttpSendingNothingAndRefusesToPurgeUnlessEnabled() {
        web().run(context -> {
            assertThat(context).hasNotFailed();
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();

            String clients = body(mvc, get("/actuator/cdnpurge"), 200);
            assertThat(clients).contains("edge-cf", "edge-fastly", "www.example.com");

            String plan = body(mvc, get("/actuator/cdnpurge/plan").param("url", "https://www.example.com/a")
                    .param("tag", "news"), 200);
            System.out.println("GET /actuator/cdnpurge/plan?url=https://www.example.com/a&tag=news -> " + plan);
            assertThat(plan).contains("edge-cf", "edge-fastly");
            body(mvc, get("/actuator/cdnpurge/plan").param("url", "not a url"), 400);
            body(mvc, get("/actuator/cdnpurge/plan"), 400);

            String health = body(mvc, get("/actuator/health/cdnPurge"), 200);
            assertThat(health).contains("\"status\":\"UP\"", "edge-cf", "breaker");

            // no write operation unless cdnpurge.actuator.purge-enabled=true
            assertThat(mvc.perform(post("/actuator/cdnpurge").contentType("application/json")
                    .content("{\"url\":[\"https://www.example.com/a\"]}")).andReturn().getResponse().getStatus())
                    .isIn(404, 405);
            assertThat(cloudflare.requestCount() + fastly.requestCount()).as("nothing sent").isZero();
            secrets().forEach(secret -> assertThat(clients + plan + health).doesNotContain(secret));
        });
    }

    @Test
    void withPurgingEnabledAPostPurgesThroughBothClients() {
        web().withPropertyValues("cdnpurge.actuator.purge-enabled=true").run(context -> {
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();

            // Actuator reads a write operation's body as a map of strings: targets of a kind separated by spaces
            String result = body(mvc, post("/actuator/cdnpurge").contentType("application/json")
                    .content("{\"url\": \"https://www.example.com/b https://www.example.com/c\"}"), 200);
            System.out.println("POST /actuator/cdnpurge -> " + result);

            assertThat(result).contains("\"status\":\"SUCCEEDED\"");
            assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/b",
                    "https://www.example.com/c");
            assertThat(fastly.purgeRequestCount()).isEqualTo(2);
            body(mvc, post("/actuator/cdnpurge").contentType("application/json").content("{\"url\": \"nope\"}"), 400);
        });
    }
}
