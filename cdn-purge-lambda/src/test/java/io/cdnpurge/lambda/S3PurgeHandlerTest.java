package io.cdnpurge.lambda;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.akamai.FakeAkamaiApi;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.edgecast.FakeEdgecastApi;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import io.cdnpurge.fakes.highwinds.FakeHighwindsApi;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handler on an S3 event of three records (test resource s3-event.json: one key with {@code +} and {@code %2B}),
 * the bucket's CDNs faked on loopback.
 */
class S3PurgeHandlerTest {
    private final FakeClock clock = new FakeClock();
    private final FakeCloudflareApi cloudflare = FakeCloudflareApi.start().clock(clock)
            .zone("9a7806061c88ada191ed06f989cc3dac", "acme.co");
    private final FakeFastlyApi fastly = FakeFastlyApi.start().clock(clock).service("SU1Z0isxPaozGVKXdv0eY",
            "www.acme.co");
    private final FakeAkamaiApi akamai = FakeAkamaiApi.start().clock(clock);
    private final FakeEdgecastApi edgecast = FakeEdgecastApi.start().clock(clock);
    private final FakeHighwindsApi highwinds = FakeHighwindsApi.start().clock(clock);
    private final List<FakeVendorApi> fakes = List.of(cloudflare, fastly, akamai, edgecast, highwinds);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        fakes.forEach(FakeVendorApi::close);
    }

    /** mybucket as the S3 tool's sample has it: www.acme.co on five CDNs, Edgecast loading; each CDN a fake. */
    private Path config() throws IOException {
        StringBuilder yaml = new StringBuilder("clients:\n");
        for (FakeVendorApi fake : fakes) {
            yaml.append("  ").append(fake.providerId()).append(":\n    provider: ").append(fake.providerId())
                    .append('\n');
            fake.clientConfig().forEach((key, value) -> yaml.append("    ").append(key.substring(key.indexOf('.') + 1))
                    .append(": \"").append(value).append("\"\n"));
        }
        yaml.append("buckets:\n  mybucket:\n")
                .append("    - { host: www.acme.co, clients: [cloudflare, fastly, akamai, highwinds] }\n")
                .append("    - { host: www.acme.co, clients: [edgecast], action: load }\n");
        Path file = folder.resolve("multicdn.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private Map<String, String> environment(Path config) {
        Map<String, String> environment = new HashMap<>();
        environment.put(S3PurgeHandler.CONFIG_VARIABLE, config.toString());
        return environment;
    }

    private ClientOptions.Builder virtualTime() {
        return ClientOptions.builder().clock(clock).sleeper(clock.sleeper());
    }

    @Test
    void eachRecordsDecodedKeyIsPurgedOnEveryCdnOfItsBucket() throws IOException {
        Path config = config();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (InputStream event = getClass().getResourceAsStream("/s3-event.json")) {
            S3PurgeHandler handler = new S3PurgeHandler(environment(config), virtualTime());
            try {
                code = S3PurgeHandler.runLocally(event, out, handler);
            } finally {
                handler.close();
            }
        }
        String report = out.toString(StandardCharsets.UTF_8);
        System.out.println("S3 event of 3 records, local run:\n" + report);

        assertThat(code).isZero();
        List<String> urls = List.of("https://www.acme.co/images/logo.png",
                "https://www.acme.co/docs/price%20list%2B2027.pdf", "https://www.acme.co/css/site.css");
        assertThat(cloudflare.purgedUrls()).containsExactlyElementsOf(urls);
        assertThat(akamai.purgedUrls()).containsExactlyElementsOf(urls);
        // Highwinds is sent protocol-relative URLs: one purge for http and https
        assertThat(highwinds.purgedUrls()).containsExactly("//www.acme.co/images/logo.png",
                "//www.acme.co/docs/price%20list%2B2027.pdf", "//www.acme.co/css/site.css");
        assertThat(fastly.purgedUrls()).containsExactly("www.acme.co/images/logo.png",
                "www.acme.co/docs/price%20list%2B2027.pdf", "www.acme.co/css/site.css");
        assertThat(edgecast.loadedUrls()).containsExactlyElementsOf(urls);
        assertThat(edgecast.purgedUrls()).isEmpty();
        // Akamai completes on its estimate: accepted, in progress
        assertThat(report).contains("\"status\" : \"IN_PROGRESS\"", "3 records: 3 purged, 0 partly, 0 failed",
                "\"key\" : \"docs/price list+2027.pdf\"", "\"event\" : \"ObjectRemoved:Delete\"");
    }

    @Test
    void aFailingCdnFailsTheInvocationAfterEveryRecordWasTried() throws IOException {
        fastly.failNext(1_000, io.cdnpurge.fakes.Failure.status(400).message("Fastly refused the purge"));
        S3PurgeHandler handler = new S3PurgeHandler(environment(config()), virtualTime());
        try (InputStream event = getClass().getResourceAsStream("/s3-event.json")) {
            com.amazonaws.services.lambda.runtime.events.S3Event s3 = com.amazonaws.services.lambda.runtime
                    .serialization.events.LambdaEventSerializers.serializerFor(
                            com.amazonaws.services.lambda.runtime.events.S3Event.class,
                            S3PurgeHandler.class.getClassLoader()).fromJson(event);

            assertThatThrownBy(() -> handler.handleRequest(s3, null))
                    .hasMessage("cdn-purge: PARTIAL for 3 records: 0 purged, 3 partly, 0 failed");
            // every record was still purged on the other CDNs
            assertThat(cloudflare.purgedUrls()).hasSize(3);
            assertThat(edgecast.loadedUrls()).hasSize(3);
        } finally {
            handler.close();
        }
    }

    @Test
    void theConfigurationIsFoundAndCheckedAtColdStartAndDebugIsOnlyTrue() throws IOException {
        assertThat(S3PurgeHandler.debug(Map.of("CDN_PURGE_DEBUG", "true"))).isTrue();
        assertThat(S3PurgeHandler.debug(Map.of("CDN_PURGE_DEBUG", " TRUE "))).isTrue();
        assertThat(S3PurgeHandler.debug(Map.of("CDN_PURGE_DEBUG", "false"))).isFalse();
        assertThat(S3PurgeHandler.debug(Map.of("CDN_PURGE_DEBUG", "1"))).isFalse();
        assertThat(S3PurgeHandler.debug(Map.of("CDN_PURGE_DEBUG", "yes"))).isFalse();
        assertThat(S3PurgeHandler.debug(Map.of())).isFalse();

        // beside the handler by default
        Files.copy(config(), folder.resolve(S3PurgeHandler.DEFAULT_FILE));
        assertThat(S3PurgeHandler.configFile(Map.of("LAMBDA_TASK_ROOT", folder.toString())))
                .isEqualTo(folder.resolve(S3PurgeHandler.DEFAULT_FILE));
        assertThatThrownBy(() -> S3PurgeHandler.configFile(Map.of("LAMBDA_TASK_ROOT", folder.resolve("none")
                .toString()))).hasMessageContaining("set CDN_PURGE_CONFIG to the path of a configuration file");

        Path broken = folder.resolve("broken.yml");
        Files.writeString(broken, "clients:\n  cf: { provider: cloudflare, apiToken: \"${NOT_SET}\" }\n"
                + "buckets:\n  mybucket:\n    - { host: www.acme.co, clients: [cf] }\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new S3PurgeHandler(environment(broken), virtualTime()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("broken.yml:2: cf.apiToken needs the variable NOT_SET");
    }

    @Test
    void theS3ToolsOwnSampleLoadsAndAnUnknownBucketFailsOnlyItsRecord() throws IOException {
        Path file = folder.resolve("multicdn.config.yml");
        try (InputStream sample = getClass().getResourceAsStream("/multicdn.config.yml")) {
            Files.copy(sample, file);
        }
        Files.writeString(folder.resolve(".edgerc"), String.join("\n", "[default]",
                "client_secret = c2VjcmV0LWZvci1sZWdhY3ktdGVzdHM=",
                "host = akab-legacy0000000000-0000000000000000.purge.akamaiapis.net",
                "access_token = akab-access-token-legacy-0000000000000000",
                "client_token = akab-client-token-legacy-0000000000000000", ""), StandardCharsets.UTF_8);
        Map<String, String> environment = environment(file);
        environment.put("HIGHWINDS_API_TOKEN", "hw-token-from-env-01");
        S3PurgeHandler handler = new S3PurgeHandler(environment, virtualTime());
        try {
            com.amazonaws.services.lambda.runtime.events.S3Event event = com.amazonaws.services.lambda.runtime
                    .serialization.events.LambdaEventSerializers.serializerFor(
                            com.amazonaws.services.lambda.runtime.events.S3Event.class,
                            S3PurgeHandler.class.getClassLoader()).fromJson(new String(getClass()
                            .getResourceAsStream("/s3-event.json").readAllBytes(), StandardCharsets.UTF_8)
                            .replace("mybucket", "otherbucket"));
            Map<String, Object> report = handler.report(event);
            assertThat(report.get("status")).isEqualTo("FAILED");
            assertThat(report.get("summary")).isEqualTo("3 records: 0 purged, 0 partly, 3 failed");
            assertThat(report.get("records").toString()).contains("no bucket otherbucket is configured; its "
                    + "buckets are mybucket, mybucket-02, mybucket-03");
        } finally {
            handler.close();
        }
    }
}
