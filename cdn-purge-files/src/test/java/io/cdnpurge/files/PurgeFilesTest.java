package io.cdnpurge.files;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.fakes.Failure;
import io.cdnpurge.fakes.akamai.FakeAkamaiApi;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgeFilesTest {
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String SERVICE = "SU1Z0isxPaozGVKXdv0eY";

    private final FakeClock clock = new FakeClock();
    private final ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper())
            .logging(false).build();
    private final FakeCloudflareApi cloudflare = FakeCloudflareApi.start().apiToken("cf-file-token-0123")
            .zone(ZONE, "example.com").clock(clock);
    private final FakeFastlyApi fastly = FakeFastlyApi.start().apiToken("fastly-file-token-0123")
            .service(SERVICE, "static.example.com").clock(clock);
    private final FakeAkamaiApi akamai = FakeAkamaiApi.start().clock(clock);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        cloudflare.close();
        fastly.close();
        akamai.close();
    }

    private Map<String, String> environment() {
        return Map.ofEntries(Map.entry("CF_ENDPOINT", cloudflare.endpoint()),
                Map.entry("CF_TOKEN", "cf-file-token-0123"), Map.entry("FASTLY_ENDPOINT", fastly.endpoint()),
                Map.entry("FASTLY_TOKEN", "fastly-file-token-0123"), Map.entry("AKAMAI_ENDPOINT", akamai.endpoint()),
                Map.entry("AKAMAI_HOST", akamai.host()), Map.entry("AKAMAI_CLIENT_TOKEN", akamai.clientToken()),
                Map.entry("AKAMAI_CLIENT_SECRET", akamai.clientSecret()),
                Map.entry("AKAMAI_ACCESS_TOKEN", akamai.accessToken()));
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static final String THREE_CDNS = String.join("\n",
            "defaults:",
            "  concurrency: 4",
            "clients:",
            "  edge-cf:",
            "    provider: cloudflare",
            "    apiToken: ${CF_TOKEN}",
            "    zones:",
            "      www.example.com: " + ZONE,
            "    endpoint: ${CF_ENDPOINT}",
            "  edge-fastly:",
            "    provider: fastly",
            "    apiToken: ${FASTLY_TOKEN}",
            "    serviceId: " + SERVICE,
            "    endpoint: ${FASTLY_ENDPOINT}",
            "    maxAttempts: 1",
            "  edge-akamai:",
            "    provider: akamai",
            "    host: ${AKAMAI_HOST}",
            "    clientToken: ${AKAMAI_CLIENT_TOKEN}",
            "    clientSecret: ${AKAMAI_CLIENT_SECRET}",
            "    accessToken: ${AKAMAI_ACCESS_TOKEN}",
            "    endpoint: ${AKAMAI_ENDPOINT}",
            "    rateLimit:",
            "      enabled: false",
            "routes:",
            "  - host: www.example.com",
            "    clients: [edge-cf]",
            "  - host: static.example.com",
            "    clients: [edge-fastly]",
            "  - host: \"*.example.org\"",
            "    clients: [edge-akamai]",
            "");

    /** Must show: 300 URLs over 3 hosts, each CDN gets only its hosts' URLs, one failing CDN makes PARTIAL. */
    @Test
    void threeHundredUrlsReachEachCdnThroughTheFileAndOneFailingCdnFailsOnlyItsOwn() throws IOException {
        fastly.failNext(1_000, Failure.status(400).message("Fastly refused the purge"));
        Path file = write("cdn.yml", THREE_CDNS);
        PurgeRequest.Builder request = PurgeRequest.builder();
        String[] hosts = {"www.example.com", "static.example.com", "www.example.org"};
        for (int i = 0; i < 300; i++) {
            request.url("https://" + hosts[i % 3] + "/page/" + i);
        }

        try (PurgeRouter router = PurgeFiles.load(file, environment(), options)) {
            PurgeResult result = router.purge(request.build());

            assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
            assertThat(result.outcomes()).hasSize(300);
            Map<String, Map<TargetOutcome.Status, Long>> byClient = result.outcomes().stream().collect(
                    Collectors.groupingBy(TargetOutcome::provider, Collectors.groupingBy(TargetOutcome::status,
                            Collectors.counting())));
            assertThat(byClient).containsOnlyKeys("edge-cf", "edge-fastly", "edge-akamai");
            assertThat(byClient.get("edge-cf")).containsOnlyKeys(TargetOutcome.Status.SUCCEEDED);
            assertThat(byClient.get("edge-fastly")).containsExactly(Map.entry(TargetOutcome.Status.FAILED, 100L));
            assertThat(byClient.get("edge-akamai")).containsOnlyKeys(TargetOutcome.Status.IN_PROGRESS);
            assertThat(result.parts()).extracting(PurgeResult::status).containsExactly(
                    PurgeResult.Status.SUCCEEDED, PurgeResult.Status.FAILED, PurgeResult.Status.IN_PROGRESS);
            System.out.println("file-routed purge of 300 URLs: " + result.status() + "; per client " + byClient);

            // Akamai's estimate passes on the fakes' clock: its part completes, Fastly's stays failed
            PurgeResult done = router.awaitCompletion(result, java.time.Duration.ofMinutes(10));
            assertThat(done.parts()).extracting(PurgeResult::status).containsExactly(
                    PurgeResult.Status.SUCCEEDED, PurgeResult.Status.FAILED, PurgeResult.Status.SUCCEEDED);
            assertThat(done.status()).isEqualTo(PurgeResult.Status.PARTIAL);
            assertThat(done.outcomes()).hasSize(300);
        }
        assertThat(cloudflare.purgedUrls()).hasSize(100).allMatch(url -> url.startsWith("https://www.example.com/"));
        assertThat(fastly.purgeCalls()).hasSize(100).allSatisfy(call -> assertThat(call.path())
                .startsWith("/purge/static.example.com/"));
        assertThat(akamai.purgedObjects()).hasSize(100).allMatch(url -> url.contains("www.example.org"));
    }

    /** Must show: four mistakes, one error, each with its line. */
    @Test
    void fourMistakesInAFileAreOneErrorWithTheirLines() throws IOException {
        Path file = write("broken.yml", String.join("\n",
                "clients:",
                "  edge-cf:",
                "    provider: cloudflare",
                "    apiToken: ${MISSING_TOKEN}",
                "    zoneId: " + ZONE,
                "    timeout: 30x",
                "routes:",
                "  - host: www.example.com",
                "    clients: [edge-cf, edge-fastly]",
                "rewrites:",
                "  - nothing",
                ""));

        assertThatThrownBy(() -> PurgeFiles.load(file, Map.of(), options))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problems()).containsExactly(
                            file + ":4: edge-cf.apiToken needs the variable MISSING_TOKEN, which is not set: set it, "
                                    + "or write ${MISSING_TOKEN:-default}",
                            file + ":6: edge-cf.timeout is '30x': use a positive duration such as 500ms, 30s, 5m "
                                    + "or PT30S",
                            file + ":9: the route of www.example.com names the client edge-fastly, which the file "
                                    + "does not declare",
                            file + ":10: unknown section 'rewrites': a file has defaults, clients, routes, "
                                    + "tenants and buckets");
                    System.out.println(e.getMessage());
                });

        Path unknownProvider = write("provider.yml", String.join("\n",
                "clients:",
                "  edge-cf: { provider: cloudfare }",
                "routes:",
                "  - { host: www.example.com, clients: [edge-cf] }",
                ""));
        assertThatThrownBy(() -> PurgeFiles.load(unknownProvider, Map.of(), options))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith(unknownProvider + ":2: edge-cf.provider is 'cloudfare'"));
    }

    @Test
    void aTreeOfPropertiesReadsLikeAFileAndEveryProblemNamesItsKey() {
        // as an application framework hands over its properties: lists as maps of indexes, names in kebab case,
        // host names split at their dots
        Map<String, Object> tree = Map.of(
                "defaults", Map.of("max-attempts", "2"),
                "clients", Map.of(
                        "edge-cf", Map.of("provider", "cloudflare", "api-token", "cf-file-token-0123",
                                "zones", Map.of("www", Map.of("example", Map.of("com", ZONE))),
                                "endpoint", cloudflare.endpoint(), "rate-limit", Map.of("max-wait", "10s")),
                        "fastly", Map.of("APITOKEN", "fastly-file-token-0123", "service_id", SERVICE,
                                "endpoint", fastly.endpoint())),
                "routes", Map.of(
                        "0", Map.of("host", "www.example.com", "clients", Map.of("0", "edge-cf")),
                        "1", Map.of("host", "static.example.com", "clients", "fastly")));
        try (PurgeRouter router = PurgeFiles.load(tree, "cdnpurge", Map.of(), options)) {
            PurgeResult result = router.purge(PurgeRequest.builder().url("https://www.example.com/a")
                    .url("https://static.example.com/b").build());
            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/a");
            assertThat(fastly.purgeRequestCount()).isEqualTo(1);
        }

        Map<String, Object> broken = Map.of(
                "clients", Map.of("edge-cf", Map.of("provider", "cloudflare", "apiTokn", "cf-file-token-0123",
                        "zoneId", ZONE, "timeout", "30x")),
                "routes", List.of(Map.of("host", "www.example.com", "clients", List.of("edge-cf", "edge-ec"))),
                "rewrites", "nothing");
        assertThatThrownBy(() -> PurgeFiles.load(broken, "cdnpurge", Map.of(), options))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    System.out.println(e.getMessage());
                    assertThat(e.problems()).contains(
                            "unknown key cdnpurge.clients.edge-cf.apiTokn: did you mean "
                                    + "cdnpurge.clients.edge-cf.apiToken?",
                            "cdnpurge.clients.edge-cf.timeout is '30x': use a positive duration such as 500ms, 30s, "
                                    + "5m or PT30S",
                            "cdnpurge.routes[0].clients: the route of www.example.com names the client edge-ec, "
                                    + "which cdnpurge does not declare",
                            "cdnpurge.rewrites: unknown section 'rewrites': cdnpurge has defaults, clients, routes, "
                                    + "tenants and buckets");
                    assertThat(e.getMessage()).doesNotContain("cf-file-token-0123");
                });
    }

    @Test
    void aJsonFileReadsTheSameAndCdnPurgeFindsTheReader() throws IOException {
        Path file = write("cdn.json", "{\"clients\": {\"edge-cf\": {\"provider\": \"cloudflare\", \"apiToken\": "
                + "\"${CF_TOKEN}\", \"zoneId\": \"" + ZONE + "\", \"endpoint\": \"${CF_ENDPOINT}\"}},\n"
                + " \"routes\": [{\"host\": \"*.example.com\", \"clients\": [\"edge-cf\"]}]}");

        try (PurgeRouter router = CdnPurge.fromFile(file, environment(), options)) {
            assertThat(router.purge(PurgeRequest.builder().url("https://img.example.com/a.png").build()).status())
                    .isEqualTo(PurgeResult.Status.SUCCEEDED);
        }
        assertThat(cloudflare.purgedUrls()).containsExactly("https://img.example.com/a.png");
    }

    @Test
    void tenantsHaveTheirOwnClientsAndRoutes() throws IOException {
        Path file = write("tenants.yml", String.join("\n",
                "routes:",
                "  - { host: www.example.com, clients: [edge-cf] }",
                "clients:",
                "  edge-cf: { provider: cloudflare, apiToken: \"${CF_TOKEN}\", zoneId: " + ZONE
                        + ", endpoint: \"${CF_ENDPOINT}\" }",
                "tenants:",
                "  acme:",
                "    clients:",
                "      acme-fastly: { provider: fastly, apiToken: \"${FASTLY_TOKEN}\", serviceId: " + SERVICE
                        + ", endpoint: \"${FASTLY_ENDPOINT}\" }",
                "    routes:",
                "      - { host: static.example.com, clients: [acme-fastly] }",
                ""));

        try (PurgeRouter router = PurgeFiles.load(file, environment(), options)) {
            PurgeResult acme = router.purge(PurgeRequest.builder().tenant("acme")
                    .url("https://static.example.com/a.css").url("https://www.example.com/b").build());
            assertThat(acme.outcomes()).filteredOn(outcome -> outcome.status() == TargetOutcome.Status.FAILED)
                    .singleElement().satisfies(failure -> assertThat(failure.error()).get()
                            .satisfies(error -> assertThat(error.getMessage()).contains("for tenant acme")));
        }
        assertThat(fastly.purgedUrls()).containsExactly("static.example.com/a.css");
        assertThat(cloudflare.purgedUrls()).isEmpty();
    }

    @Test
    void bucketsSendAnObjectToEachHostThroughTheRoutesOrToTheClientsTheyName() throws IOException {
        Path file = write("buckets.yml", THREE_CDNS + String.join("\n",
                "buckets:",
                "  assets:",
                "    - host: www.example.com",
                "    - { host: static.example.com, path: /v2/, schemes: [https], clients: [edge-akamai, edge-fastly] }",
                ""));

        try (PurgeRouter router = PurgeFiles.load(file, environment(), options)) {
            PurgeResult result = router.purgeObjects("assets", List.of("css/site.css"));
            assertThat(result.status()).isIn(PurgeResult.Status.SUCCEEDED, PurgeResult.Status.IN_PROGRESS);
            assertThat(result.outcomes()).extracting(TargetOutcome::provider, outcome -> outcome.target().value())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("edge-cf", "https://www.example.com/css/site.css"),
                            org.assertj.core.groups.Tuple.tuple("edge-akamai",
                                    "https://static.example.com/v2/css/site.css"),
                            org.assertj.core.groups.Tuple.tuple("edge-fastly",
                                    "https://static.example.com/v2/css/site.css"));
        }
        assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/css/site.css");
        assertThat(fastly.purgedUrls()).containsExactly("static.example.com/v2/css/site.css");
        assertThat(akamai.purgedUrls()).containsExactly("https://static.example.com/v2/css/site.css");
    }

    @Test
    void aBucketsMistakesAreReportedWithTheirLines() throws IOException {
        Path file = write("bad-buckets.yml", THREE_CDNS + String.join("\n",
                "buckets:",
                "  assets:",
                "    - { host: www.example.com, clients: [edge-nowhere] }",
                "    - { host: static.example.com, action: warm }",
                "    - { clients: [edge-cf] }",
                ""));
        int first = THREE_CDNS.split("\n").length + 3;

        assertThatThrownBy(() -> PurgeFiles.load(file, environment(), options))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems()).containsExactly(
                        file + ":" + first + ": the bucket route of www.example.com names the client edge-nowhere, "
                                + "which the file does not declare",
                        file + ":" + (first + 1) + ": buckets.assets has action 'warm': the actions are purge and "
                                + "prefetch (or load)",
                        file + ":" + (first + 2) + ": an entry of buckets.assets needs host:"));
    }
}
