package io.cdnpurge.spring;

import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Cloudflare and Fastly APIs faked on loopback for each test, and a context of the auto-configuration with
 * {@code cdnpurge-two-cdns.yml} as its application.yml: two clients, one route to both.
 */
abstract class TwoCdns {
    FakeCloudflareApi cloudflare;
    FakeFastlyApi fastly;

    @BeforeEach
    void startFakes() {
        cloudflare = FakeCloudflareApi.start();
        fastly = FakeFastlyApi.start();
    }

    @AfterEach
    void stopFakes() {
        cloudflare.close();
        fastly.close();
    }

    /** The context: the yml, with the fakes' endpoints and credentials as its placeholders' properties. */
    ApplicationContextRunner twoCdns() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CdnPurgeAutoConfiguration.class))
                .withInitializer(context -> twoCdnsProperties(context.getEnvironment()))
                .withPropertyValues(fakeProperties());
    }

    /** The yml of the two CDNs, added to an environment as an application's application.yml is. */
    static void twoCdnsProperties(org.springframework.core.env.ConfigurableEnvironment environment) {
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("cdnpurge-two-cdns.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fakes' endpoints and credentials, as the yml's placeholders' properties. */
    String[] fakeProperties() {
        Map<String, String> cf = cloudflare.clientConfig();
        Map<String, String> fy = fastly.clientConfig();
        return new String[] {
            "fake.cloudflare.token=" + cf.get("cloudflare.apiToken"),
            "fake.cloudflare.zone=" + cf.get("cloudflare.zoneId"),
            "fake.cloudflare.endpoint=" + cloudflare.endpoint(),
            "fake.fastly.token=" + fy.get("fastly.apiToken"),
            "fake.fastly.service=" + fy.get("fastly.serviceId"),
            "fake.fastly.endpoint=" + fastly.endpoint()};
    }

    /** The credentials both fakes accept, none of which may be shown. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(cloudflare.secrets());
        secrets.addAll(fastly.secrets());
        return secrets;
    }
}
