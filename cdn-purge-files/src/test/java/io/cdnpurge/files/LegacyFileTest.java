package io.cdnpurge.files;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3-to-CDN tool's own sample file (test resource multicdn.config.yml, MIT, as its header says) loads as it is. */
class LegacyFileTest {
    @TempDir
    Path folder;

    @Test
    void theOriginalToolsSampleLoadsAndAKeyOfMybucketRoutesToTheCdnsAndHostsItNames() throws IOException {
        Path file = folder.resolve("multicdn.config.yml");
        try (InputStream sample = getClass().getResourceAsStream("/multicdn.config.yml")) {
            Files.copy(sample, file);
        }
        // the sample's akamai reads ".edgerc" next to the file; highwinds takes its credential from the environment
        Files.writeString(folder.resolve(".edgerc"), String.join("\n", "[default]",
                "client_secret = c2VjcmV0LWZvci1sZWdhY3ktdGVzdHM=",
                "host = akab-legacy0000000000-0000000000000000.purge.akamaiapis.net",
                "access_token = akab-access-token-legacy-0000000000000000",
                "client_token = akab-client-token-legacy-0000000000000000",
                "max-body = 131072", ""), StandardCharsets.UTF_8);
        FakeClock clock = new FakeClock();
        ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build();

        try (PurgeRouter router = PurgeFiles.load(file, Map.of("HIGHWINDS_API_TOKEN", "hw-token-from-env-01"),
                options)) {
            assertThat(router.clients()).containsOnlyKeys("edgecast", "akamai", "akamai-staging", "highwinds",
                    "cloudflare", "fastly");
            assertThat(router.buckets().get("mybucket")).containsExactly("www.acme.com.cn", "www.acme.co");
            assertThat(router.buckets().get("mybucket-02")).containsExactlyInAnyOrder("www.wily-coyotte.com.cn",
                    "www.acme.it", "www.acme.fr");

            // an object key of mybucket becomes one URL per host of the bucket
            PurgeRequest.Builder request = PurgeRequest.builder();
            router.buckets().get("mybucket").forEach(host -> request.url("https://" + host + "/images/logo.png"));
            PurgePlan plan = router.plan(request.build());

            assertThat(plan.parts()).extracting(PurgePlan::providerId).containsExactlyInAnyOrder("edgecast", "akamai",
                    "akamai-staging", "highwinds", "cloudflare", "fastly");
            assertThat(plan.parts()).allSatisfy(part -> assertThat(part.calls()).singleElement()
                    .satisfies(call -> assertThat(call.targets()).extracting(Object::toString)
                            .containsExactly("url https://www.acme.co/images/logo.png")));
            // chinacache has no provider: its host is reported, not dropped
            assertThat(plan.notes()).anyMatch(note -> note.contains("no route of router covers host www.acme.com.cn"));
            System.out.println("multicdn.config.yml, mybucket/images/logo.png: " + plan.parts().size()
                    + " clients: " + plan.calls());
        }
    }
}
