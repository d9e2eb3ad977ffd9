package io.cdnpurge.highwinds;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.Slf4jPurgeListener;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.fakes.CapturingLogger;
import io.cdnpurge.fakes.highwinds.FakeHighwindsApi;
import io.cdnpurge.fakes.highwinds.HighwindsPurge;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HighwindsPurgeClientTest {
    private static final String USER = "purger";
    private static final String PASSWORD = "s3cret-Pa55word";

    private FakeHighwindsApi fake;
    private FakeClock clock;
    private final List<PurgeClient> clients = new ArrayList<>();
    private final List<PurgeEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final CapturingLogger log = new CapturingLogger();

    @BeforeEach
    void start() {
        fake = FakeHighwindsApi.start();
        clock = (FakeClock) fake.clock();
    }

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private PurgeClient client(Map<String, String> config, PurgeEvent.Type expireOn) {
        AtomicBoolean expired = new AtomicBoolean();
        ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false)
                .listener(new Slf4jPurgeListener(log)).listener(event -> {
                    events.add(event);
                    if (event.type() == expireOn && expired.compareAndSet(false, true)) {
                        fake.expireMintedTokens();
                    }
                }).build();
        PurgeClient client = CdnPurge.client("highwinds", PurgeConfig.fromMap(config).withEnvironment(Map.of()),
                options);
        clients.add(client);
        return client;
    }

    private PurgeClient client(String... keyValues) {
        Map<String, String> config = new HashMap<>(fake.clientConfig());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put("highwinds." + keyValues[i], keyValues[i + 1]);
        }
        return client(config, null);
    }

    private static PurgeRequest urls(int count) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < count; i++) {
            request.url("https://cdn.example.com/assets/" + i + ".js");
        }
        return request.build();
    }

    @Test
    void aPurgeIsTheDocumentedListWithBooleansProtocolRelativeUrlsAndTheApplicationId() {
        client("applicationId", "cms-publisher").purge(PurgeRequest.builder().url("https://cdn.example.com/a.css")
                .prefix("https://cdn.example.com/img/").host("static.example.com").build());

        // one request per kind of target, as the engine batches
        assertThat(fake.purges()).hasSize(3).allSatisfy(purge -> assertThat(purge.applicationId())
                .isEqualTo("cms-publisher"));
        assertThat(fake.purges()).flatExtracting(HighwindsPurge::items).containsExactlyInAnyOrder(
                new HighwindsPurge.Item("//cdn.example.com/a.css", false, true, true),
                new HighwindsPurge.Item("//cdn.example.com/img/", true, true, true),
                new HighwindsPurge.Item("//static.example.com/", true, true, true));
        assertThat(fake.requestLines()).containsOnly("POST /api/v1/accounts/a1b2c3d4/purge");
    }

    @Test
    void aDeleteRemovesAndTheSchemeCanBeKept() {
        client("scheme", "as-given", "purgeAllDynamic", "false").purge(PurgeRequest.builder()
                .mode(PurgeMode.DELETE).url("https://cdn.example.com/a.css").build());

        assertThat(fake.purges().get(0).items()).containsExactly(
                new HighwindsPurge.Item("https://cdn.example.com/a.css", false, false, false));
    }

    /** Must show: 500 URLs with the window shortened to 2 s draw no 429, paced one window per 100 URLs. */
    @Test
    void fiveHundredUrlsArePacedByTheWindowAndDrawNo429() {
        fake.window(100, Duration.ofSeconds(2));
        Instant start = clock.instant();
        // the client's window is the vendor's and a little more, for the time a request takes to arrive
        PurgeResult result = client("rateLimit.urls.window", "2100ms", "concurrency", "1").purge(urls(500));

        assertThat(result.failures()).isEmpty();
        assertThat(fake.windowRefusals()).isZero();
        assertThat(fake.purges()).hasSize(5).allSatisfy(purge -> assertThat(purge.items()).hasSize(100));
        Duration took = Duration.between(start, clock.instant());
        // four waits for the window: the lower bound is 4 × 2 s
        assertThat(took).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(9));
        System.out.println("Highwinds, 500 URLs, window 100 per 2 s: " + fake.purges().size() + " requests, "
                + fake.windowRefusals() + " 429s, " + took.toMillis() + " ms on the fake's clock (lower bound "
                + "8000 ms)");
    }

    @Test
    void a429FromAnotherClientIsHonouredAndTheWholeBatchSentAgain() {
        fake.throttleNext(1, Duration.ofSeconds(42));

        PurgeResult result = client().purge(urls(3));

        assertThat(result.failures()).isEmpty();
        assertThat(clock.sleeps()).contains(Duration.ofSeconds(42));
        assertThat(fake.purges()).hasSize(2).allSatisfy(purge -> assertThat(purge.items()).hasSize(3));
        assertThat(fake.purgedUrls()).hasSize(3);
    }

    /** Must show: a minted token that expires mid-purge is minted again once, and nothing is lost or printed. */
    @Test
    void aPasswordGrantTokenThatExpiresMidPurgeIsMintedAgainOnceAndNothingLeaks() {
        fake.user(USER, PASSWORD).window(1_000, Duration.ofSeconds(60));
        Map<String, String> config = Map.of("highwinds.username", USER, "highwinds.password", PASSWORD,
                "highwinds.endpoint", fake.endpoint(), "highwinds.urlsPerCall", "10", "highwinds.concurrency", "1");
        PurgeClient client = client(config, PurgeEvent.Type.RESPONSE);

        PurgeResult result = client.purge(urls(30));
        PurgeResult done = client.awaitCompletion(result, Duration.ofMinutes(5));

        assertThat(result.failures()).isEmpty();
        assertThat(fake.purgedUrls()).hasSize(30).doesNotHaveDuplicates();
        assertThat(fake.tokensMinted()).isEqualTo(2);
        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        // the account came from the user's profile
        assertThat(fake.requestLines()).contains("GET /api/v1/users/me", "POST /auth/token");
        List<String> printed = new ArrayList<>(log.lines());
        events.forEach(event -> printed.add(event.toString()));
        printed.add(result.toString());
        printed.add(done.toString());
        printed.add(client.toString());
        assertThat(fake.secrets()).hasSize(3).allSatisfy(secret -> assertThat(printed)
                .allSatisfy(line -> assertThat(line).doesNotContain(secret)));
        assertThat(log.lines()).isNotEmpty();
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorNamingTheUserKeysWithoutThePassword() {
        fake.user(USER, "another-password");
        PurgeResult result = client(Map.of("highwinds.username", USER, "highwinds.password", PASSWORD,
                "highwinds.accountHash", "a1b2c3d4", "highwinds.endpoint", fake.endpoint()), null)
                .purge(urls(1));

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures().get(0).error()).get().satisfies(error -> assertThat(error.getMessage())
                .contains("highwinds.username", "highwinds.password").doesNotContain(PASSWORD));
    }

    @Test
    void everythingAndTagsAreRefusedNamingTheAlternative() {
        assertThatThrownBy(() -> client().purge(PurgeRequest.builder().everything().build()))
                .isInstanceOf(UnsupportedPurgeException.class).hasMessageContaining("PurgeTarget.host");
        assertThatThrownBy(() -> client().purge(PurgeRequest.builder().tag("news").build()))
                .isInstanceOf(UnsupportedPurgeException.class).hasMessageContaining("PurgeTarget.prefix");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aTokenAndAPasswordTogetherOrNeitherIsAConfigurationError() {
        assertThatThrownBy(() -> CdnPurge.client("highwinds", PurgeConfig.fromMap(Map.of()).withEnvironment(Map.of())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no Highwinds credential: set highwinds.apiToken (or the HIGHWINDS_API_TOKEN "
                        + "variable)");
        assertThatThrownBy(() -> CdnPurge.client("highwinds", PurgeConfig.fromMap(Map.of("highwinds.apiToken",
                "tok-123456", "highwinds.username", USER, "highwinds.password", PASSWORD))
                .withEnvironment(Map.of())))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("use one of")
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining("tok-123456");
    }

    @Test
    void theTypedBuilderSetsTheSameKeys() {
        fake.apiToken("hw-typed-token-77");
        try (HighwindsPurgeClient cdn = HighwindsPurgeClient.builder().apiToken("hw-typed-token-77")
                .accountHash("a1b2c3d4").scheme(HighwindsScheme.AS_GIVEN).endpoint(fake.endpoint())
                .options(fake.options()).build()) {
            cdn.purge(PurgeRequest.builder().url("http://cdn.example.com/x").build());
            assertThat(cdn.toString()).doesNotContain("hw-typed-token-77");
        }
        assertThat(fake.purgedUrls()).containsExactly("http://cdn.example.com/x");
    }
}
