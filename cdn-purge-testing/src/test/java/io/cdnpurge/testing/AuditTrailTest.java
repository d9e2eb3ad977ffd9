package io.cdnpurge.testing;

import io.cdnpurge.AuditTrail;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {
    private static RecordingPurgeClient client(AuditTrail audit) {
        FakeClock clock = new FakeClock();
        return RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.maxItems", "2")), ClientOptions
                .builder().clock(clock).sleeper(clock.sleeper()).logging(false).listener(audit).build());
    }

    @Test
    void onePurgeIsOneLinePerVendorRequestAndOneForThePurgeAllWithItsIdTenantAndClient() {
        StringBuilder out = new StringBuilder();
        AuditTrail audit = AuditTrail.to(out);
        try (PurgeRouter router = PurgeRouter.builder().client("edge", client(audit))
                .route(Route.host("www.example.com").tenant("acme").to("edge")).build()) {
            router.purge(PurgeRequest.builder().tenant("acme").url("https://www.example.com/a")
                    .url("https://www.example.com/b").url("https://www.example.com/c").build());
        }
        String[] lines = out.toString().split("\n");

        // 3 URLs, 2 a call: 2 requests (sent in parallel, so in either order), then the purge
        assertThat(lines).hasSize(3);
        String common = "\"tenant\":\"acme\",\"client\":\"memory\",\"purpose\":\"PURGE\",";
        assertThat(lines[0]).startsWith("{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"request\",\"purgeId\":\"");
        assertThat(List.of(lines[0], lines[1])).anySatisfy(line -> assertThat(line).contains(
                common + "\"call\":\"1/2\",\"kind\":\"URL\",\"targets\":2,", "\"attempt\":1", "\"status\":200",
                "\"vendorId\":\"memory-")).anySatisfy(line -> assertThat(line).contains(
                common + "\"call\":\"2/2\",\"kind\":\"URL\",\"targets\":1,", "\"request\":\"purge url×1\""));
        String purgeId = lines[0].replaceAll(".*\"purgeId\":\"([0-9a-f]{12})\".*", "$1");
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"purgeId\":\"" + purgeId + "\""));
        assertThat(lines[2]).contains("\"event\":\"purge\"", "\"status\":\"SUCCEEDED\"", "\"targets\":3",
                "\"calls\":2", "\"requests\":2",
                "{\"target\":\"url https://www.example.com/a\",\"status\":\"SUCCEEDED\",\"vendorId\":\"memory-",
                "\"target\":\"url https://www.example.com/c\"");
    }

    @Test
    void aFailedCallIsALineSayingWhyAndTheFileGetsEveryLine(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("audit.jsonl");
        try (AuditTrail audit = AuditTrail.toFile(file)) {
            RecordingPurgeClient cdn = client(audit);
            cdn.failNextCalls(1, Failures.rejected("the vendor refused the tag \"news\""));
            PurgeResult result = cdn.purge(PurgeRequest.builder().tag("news").build());
            assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"event\":\"call-failed\"", "\"call\":\"1/1\"",
                "\"kind\":\"TAG\"", "\"attempts\":1", "the vendor refused the tag \\\"news\\\""));
        assertThat(lines).last().asString().contains("\"event\":\"purge\"", "\"status\":\"FAILED\"",
                "\"error\":\"the vendor refused the tag \\\"news\\\"\"");
    }

    @Test
    void aFailedAttemptIsALineTooAnErrorWithoutMessageIsNullAndNothingIsWrittenAfterClose(@TempDir Path folder)
            throws IOException {
        Path file = folder.resolve("audit.jsonl");
        AuditTrail audit = AuditTrail.toFile(file);
        RecordingPurgeClient cdn = client(audit);
        cdn.failNextAttempts(1, Failures.serverError());
        cdn.purge(PurgeRequest.builder().url("https://www.example.com/a").build());
        cdn.failNextCalls(1, new io.cdnpurge.PurgeException((String) null));
        cdn.purge(PurgeRequest.builder().url("https://www.example.com/b").build());
        audit.close();
        cdn.purge(PurgeRequest.builder().url("https://www.example.com/c").build());

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("\"event\":\"retry\"", "\"call\":\"1/1\"", "\"attempt\":1",
                "\"status\":503", "\"error\":\"", "\"waitMs\":");
        assertThat(lines.get(1)).contains("\"event\":\"request\"", "\"attempt\":2", "\"status\":200");
        assertThat(lines.get(2)).contains("\"event\":\"purge\"", "\"status\":\"SUCCEEDED\"", "\"retries\":1");
        assertThat(lines.get(3)).contains("\"event\":\"call-failed\"");
        assertThat(lines.get(4)).contains("\"event\":\"purge\"", "\"status\":\"FAILED\"", "\"error\":null");
        assertThat(String.join("\n", lines)).doesNotContain("https://www.example.com/c");
    }

    @Test
    void theLoggingContextNamesThePurgeTenantAndClientDuringAVendorRequestOnly() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StringBuilder out = new StringBuilder();
        RecordingPurgeClient edge = client(AuditTrail.to(out));
        edge.refuseTargets(target -> {
            seen.add(MDC.get("purge.id") + "/" + MDC.get("tenant") + "/" + MDC.get("cdn.client"));
            return false;
        }, Failures.rejected("unused"));
        try (PurgeRouter router = PurgeRouter.builder().client("edge", edge)
                .route(Route.host("www.example.com").tenant("acme").to("edge")).build()) {
            router.purge(PurgeRequest.builder().tenant("acme").url("https://www.example.com/a").build());
        }
        String purgeId = out.toString().replaceAll("(?s).*\"purgeId\":\"([0-9a-f]{12})\".*", "$1");
        assertThat(seen).containsOnly(purgeId + "/acme/memory");
        assertThat(MDC.get("purge.id")).isNull();
    }
}
