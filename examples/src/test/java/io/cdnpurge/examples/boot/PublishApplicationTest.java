package io.cdnpurge.examples.boot;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Spring Boot example started as an application, its two CDNs faked on loopback. */
class PublishApplicationTest {
    private final FakeCloudflareApi cloudflare = FakeCloudflareApi.start();
    private final FakeFastlyApi fastly = FakeFastlyApi.start();

    @AfterEach
    void stop() {
        cloudflare.close();
        fastly.close();
    }

    /** application.yml's variables, and the fakes' endpoints in place of the vendors'. */
    private SpringApplicationBuilder application(String... more) {
        Map<String, String> cf = cloudflare.clientConfig();
        Map<String, String> fy = fastly.clientConfig();
        return new SpringApplicationBuilder(PublishApplication.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off",
                        "CLOUDFLARE_API_TOKEN=" + cf.get("cloudflare.apiToken"),
                        "CLOUDFLARE_ZONE_ID=" + cf.get("cloudflare.zoneId"),
                        "FASTLY_API_TOKEN=" + fy.get("fastly.apiToken"),
                        "FASTLY_SERVICE_ID=" + fy.get("fastly.serviceId"),
                        "cdnpurge.clients.edge-cf.endpoint=" + cloudflare.endpoint(),
                        "cdnpurge.clients.edge-fastly.endpoint=" + fastly.endpoint())
                .properties(more);
    }

    @Test
    void thePublishHookPurgesThroughBothCdnsOfApplicationYml() {
        try (ConfigurableApplicationContext app = application().run()) {
            List<TargetOutcome> notPurged = app.getBean(PublishHook.class).published(42, "budget-2027", "politics");

            assertThat(notPurged).isEmpty();
            assertThat(app.getBean(PurgeClient.class).toString()).contains("edge-cf", "edge-fastly");
            assertThat(cloudflare.purgedUrls()).contains("https://www.example.com/news/budget-2027");
            assertThat(fastly.purgedUrls()).anyMatch(url -> url.contains("www.example.com/news/budget-2027"));
        }
    }

    @Test
    void aMisspeltPropertyStopsTheStartNamingIt() {
        assertThatThrownBy(() -> application("cdnpurge.clients.edge-fastly.serviceID2=x").run().close())
                .hasRootCauseInstanceOf(InvalidConfigurationException.class)
                .rootCause().hasMessageContaining("cdnpurge.clients.edge-fastly.serviceID2");
    }
}
