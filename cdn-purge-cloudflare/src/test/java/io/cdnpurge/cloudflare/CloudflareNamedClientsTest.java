package io.cdnpurge.cloudflare;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeClients;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.fakes.cloudflare.CloudflarePurgeCall;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two Cloudflare accounts in one configuration, and one configuration's mistakes reported together. */
class CloudflareNamedClientsTest {
    private static final String SHOP_TOKEN = "cf-shop-token-5b2e8a1c9d";
    private static final String SHOP_ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String BLOG_TOKEN = "cf-blog-token-77a1e0f3b4";
    private static final String BLOG_ZONE = "9a7806061c88ada191ed06f989cc3dac";

    private final FakeClock clock = new FakeClock();
    private final ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper())
            .logging(false).build();
    private FakeCloudflareApi shopAccount;
    private FakeCloudflareApi blogAccount;

    @BeforeEach
    void start() {
        shopAccount = FakeCloudflareApi.start().apiToken(SHOP_TOKEN).zone(SHOP_ZONE, "shop.example.com");
        blogAccount = FakeCloudflareApi.start().apiToken(BLOG_TOKEN).zone(BLOG_ZONE, "blog.example.org");
    }

    @AfterEach
    void stop() {
        shopAccount.close();
        blogAccount.close();
    }

    @Test
    void twoAccountsOfOneVendorPurgeSideBySideEachWithItsOwnTokenZoneAndLimits() {
        PurgeConfig config = PurgeConfig.fromMap(Map.ofEntries(
                Map.entry("shop.provider", "cloudflare"), Map.entry("shop.apiToken", SHOP_TOKEN),
                Map.entry("shop.zoneId", SHOP_ZONE), Map.entry("shop.endpoint", shopAccount.endpoint()),
                Map.entry("shop.urlsPerCall", "2"),
                Map.entry("blog.provider", "cloudflare"), Map.entry("blog.apiToken", BLOG_TOKEN),
                Map.entry("blog.zoneId", BLOG_ZONE), Map.entry("blog.endpoint", blogAccount.endpoint()),
                Map.entry("blog.plan", "pro")))
                // a token in the vendor's variable must not reach either named client
                .withEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "cf-env-token-000000"));

        try (PurgeClients cdns = CdnPurge.clients(config, options)) {
            PurgeResult shop = cdns.get("shop").purge(PurgeRequest.builder().url("https://shop.example.com/a")
                    .url("https://shop.example.com/b").url("https://shop.example.com/c").build());
            PurgeResult blog = cdns.get("blog").purge(PurgeRequest.builder().tag("post-7").build());

            assertThat(shop.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(blog.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        }
        // the shop's 2 URLs per call, in its zone, with its token; the blog's tag in its zone, with its token
        assertThat(shopAccount.purgeCalls()).hasSize(2).allSatisfy(call -> {
            assertThat(call.zoneId()).isEqualTo(SHOP_ZONE);
            assertThat(call.header("authorization")).hasValue("Bearer " + SHOP_TOKEN);
            assertThat(call.succeeded()).isTrue();
        });
        assertThat(shopAccount.purgedUrls()).containsExactlyInAnyOrder("https://shop.example.com/a",
                "https://shop.example.com/b", "https://shop.example.com/c");
        assertThat(blogAccount.purgeCalls()).singleElement().satisfies(call -> {
            assertThat(call.zoneId()).isEqualTo(BLOG_ZONE);
            assertThat(call.header("authorization")).hasValue("Bearer " + BLOG_TOKEN);
            assertThat(call.kind()).isEqualTo("tags");
        });
    }

    @Test
    void oneClientOfAConfigurationIsCreatedByItsName() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("blog.provider", "cloudflare", "blog.apiToken", BLOG_TOKEN,
                "blog.zoneId", BLOG_ZONE, "blog.endpoint", blogAccount.endpoint())).withEnvironment(Map.of());

        try (PurgeClient blog = CdnPurge.client("blog", config, options)) {
            assertThat(blog.providerId()).isEqualTo("cloudflare");
            assertThat(blog.purge(PurgeRequest.builder().everything().build()).status())
                    .isEqualTo(PurgeResult.Status.SUCCEEDED);
        }
        assertThat(blogAccount.purgeCalls()).extracting(CloudflarePurgeCall::zoneId).containsExactly(BLOG_ZONE);
    }

    @Test
    void aVendorErrorAdvisesTheNamedClientsOwnKeys() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("blog.provider", "cloudflare", "blog.apiToken", BLOG_TOKEN,
                "blog.zoneId", BLOG_ZONE, "blog.endpoint", blogAccount.endpoint())).withEnvironment(Map.of());
        blogAccount.failNext(1, io.cdnpurge.fakes.Failure.permission());

        try (PurgeClient blog = CdnPurge.client("blog", config, options)) {
            PurgeResult result = blog.purge(PurgeRequest.builder().tag("post-7").build());

            assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error())
                    .hasValueSatisfying(error -> assertThat(error.getMessage()).contains("Check blog.apiToken")
                            .doesNotContain("cloudflare.apiToken")));
        }
    }

    @Test
    void fiveMistakesInOneConfigurationAreOneExceptionNamingEachFullKey() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of(
                "shop.provider", "cloudflare",
                "shop.zoneID", SHOP_ZONE,          // misspelt key
                "shop.timeout", "30x",             // bad duration
                "shop.concurrency", "500",         // out-of-range whole number
                // no shop.apiToken: a missing token
                "blog.provider", "cloudfare"))     // unknown provider name
                .withEnvironment(Map.of());

        assertThatThrownBy(() -> CdnPurge.clients(config, options))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            "unknown key shop.zoneID: did you mean shop.zoneId? (keys are case-sensitive)",
                            "shop.timeout is '30x': use a positive duration such as 500ms, 30s, 5m or PT30S",
                            "shop.concurrency is '500': use a whole number from 1 to 64",
                            "no Cloudflare credential: set shop.apiToken to an API token with the Zone · Cache Purge "
                                    + "permission, or shop.email with shop.globalKey for the legacy global API key",
                            "blog.provider is 'cloudfare', which no provider on the class path is (did you mean "
                                    + "cloudflare?): known providers are cloudflare, memory (add the module "
                                    + "cdn-purge-<provider> to use another)");
                    System.out.println("five mistakes, one exception:\n" + e.getMessage());
                });
        assertThat(shopAccount.requestCount()).isZero();
    }
}
