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
import java.util.List;
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

            // an object key of mybucket becomes one URL per host of the bucket, sent to the vendors the file names
            // for that bucket, with their action: edgecast loads (action: load), the others purge
            PurgePlan plan = router.planObjects("mybucket", List.of("images/logo.png"));

            assertThat(plan.parts()).extracting(PurgePlan::providerId).containsExactlyInAnyOrder("edgecast", "akamai",
                    "akamai-staging", "highwinds", "cloudflare", "fastly");
            // under http (as the tool purged) and https; Fastly takes one URL a call, the others both in one
            assertThat(plan.parts()).allSatisfy(part -> {
                assertThat(part.calls()).hasSize(part.providerId().equals("fastly") ? 2 : 1);
                assertThat(part.calls()).flatExtracting(PurgePlan.PlannedCall::targets).extracting(Object::toString)
                        .containsExactlyInAnyOrder("url http://www.acme.co/images/logo.png",
                                "url https://www.acme.co/images/logo.png");
            });
            assertThat(plan.parts()).filteredOn(part -> part.providerId().equals("edgecast")).singleElement()
                    .satisfies(part -> assertThat(part.calls().get(0).description()).contains("/edge/load"));
            assertThat(plan.parts()).filteredOn(part -> !part.providerId().equals("edgecast"))
                    .allSatisfy(part -> assertThat(part.calls().get(0).description()).doesNotContain("load"));
            // chinacache has no provider: its host is reported, not dropped
            assertThat(plan.notes()).anyMatch(note -> note.contains("no route of router covers host www.acme.com.cn"));
            assertThat(router.bucketRoutes()).filteredOn(route -> route.bucket().equals("mybucket"))
                    .extracting(Object::toString).containsExactly(
                            "mybucket → http+https://www.acme.com.cn (through the routes)",
                            "mybucket → http+https://www.acme.co → edgecast, prefetch",
                            "mybucket → http+https://www.acme.co → akamai-staging",
                            "mybucket → http+https://www.acme.co → akamai",
                            "mybucket → http+https://www.acme.co → highwinds",
                            "mybucket → http+https://www.acme.co → cloudflare",
                            "mybucket → http+https://www.acme.co → fastly");
            // mybucket-02: edgecast purges www.acme.it and www.acme.fr on its large platform, akamai www.acme.it
            PurgePlan second = router.planObjects("mybucket-02", List.of("a.css"));
            assertThat(second.parts()).extracting(PurgePlan::providerId).containsExactlyInAnyOrder("edgecast",
                    "akamai");
            assertThat(second.calls()).flatExtracting(PurgePlan.PlannedCall::targets).extracting(Object::toString)
                    .containsExactlyInAnyOrder("url http://www.acme.it/a.css", "url https://www.acme.it/a.css",
                            "url http://www.acme.fr/a.css", "url https://www.acme.fr/a.css",
                            "url http://www.acme.it/a.css", "url https://www.acme.it/a.css");
            System.out.println("multicdn.config.yml, mybucket/images/logo.png: " + plan.parts().size()
                    + " clients: " + plan.calls());
        }
    }
}
