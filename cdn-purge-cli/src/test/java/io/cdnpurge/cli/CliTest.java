package io.cdnpurge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands run in process, on virtual time, against the vendors' fakes on loopback. */
class CliTest {
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String TOKEN = "cf-cli-token-0123456789";

    private final FakeClock clock = new FakeClock();
    private final FakeCloudflareApi cloudflare = FakeCloudflareApi.start().clock(clock).apiToken(TOKEN)
            .zone(ZONE, "example.com");

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        cloudflare.close();
    }

    /** What one command line printed, and its exit code. */
    private static final class Run {
        final int code;
        final String out;
        final String err;

        Run(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    private Run withInput(String stdin, String... args) {
        return on(false, stdin, args);
    }

    /** On an interactive terminal: a person types {@code stdin}. */
    private Run onTerminal(String stdin, String... args) {
        return on(true, stdin, args);
    }

    private Run on(boolean interactive, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.of("CF_TOKEN", TOKEN),
                interactive, clock, clock.sleeper());
        int code = Main.run(args, terminal);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return withInput("", args);
    }

    private Path config(String token) throws IOException {
        Path file = folder.resolve("cdn.yml");
        Files.writeString(file, String.join("\n",
                "clients:",
                "  edge-cf:",
                "    provider: cloudflare",
                "    apiToken: " + token,
                "    zoneId: " + ZONE,
                "    endpoint: " + cloudflare.endpoint(),
                "routes:",
                "  - { host: www.example.com, clients: [edge-cf] }",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    /** A .properties file of these keys. */
    private Path properties(Map<String, String> keys) throws IOException {
        Path file = folder.resolve("client.properties");
        StringBuilder text = new StringBuilder();
        keys.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theDemoPurgesOnAllSixCdnsAndPrintsItsTable() {
        Run demo = run("demo");

        assertThat(demo.code).as(demo.err).isZero();
        assertThat(demo.out).contains("SUCCEEDED: 33 targets")
                .containsPattern("cloudflare +9 +0 +0").containsPattern("akamai +9 +0 +0")
                .containsPattern("fastly +5 +0 +0").containsPattern("cloudfront +4 +0 +0")
                .containsPattern("edgecast +4 +0 +0").containsPattern("highwinds +2 +0 +0")
                .contains("What each CDN's fake API received:");
        // Cloudflare throttled the newsroom's first call once; the client waited and retried
        assertThat(demo.out).contains("1 retried, 1 throttled");
        assertThat(demo.err).contains("cloudflare throttled: cloudflare answered HTTP 429");
    }

    @Test
    void quietPrintsNothingWhenThePurgeSucceeds() throws IOException {
        Run quiet = run("purge", "--config", config("${CF_TOKEN}").toString(), "--quiet",
                "https://www.example.com/a", "https://www.example.com/b");

        assertThat(quiet.code).isZero();
        assertThat(quiet.out).isEmpty();
        assertThat(quiet.err).isEmpty();
        assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/a", "https://www.example.com/b");
    }

    @Test
    void aBadTokenExitsFourSayingWhatToFixAndNeverPrintsTheToken() throws IOException {
        Run refused = run("purge", "--config", config("not-the-right-token").toString(),
                "https://www.example.com/a");

        assertThat(refused.code).isEqualTo(ExitCode.AUTH);
        assertThat(refused.out).contains("FAILED: 1 target,").contains("edge-cf.apiToken")
                .doesNotContain("not-the-right-token");
        assertThat(refused.err).doesNotContain("not-the-right-token");
        System.out.println("bad token, exit " + refused.code + ":\n" + refused.out);
    }

    @Test
    void jsonIsOneDocumentWithAnOutcomePerTargetAndTheFigures() throws IOException {
        Run json = run("purge", "--config", config(TOKEN).toString(), "--json", "https://www.example.com/a",
                "--tag", "news");

        assertThat(json.code).isZero();
        JsonNode document = new ObjectMapper().readTree(json.out);
        assertThat(document.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(document.get("outcomes")).hasSize(2);
        assertThat(document.get("outcomes").get(0).get("target").asText()).isEqualTo("https://www.example.com/a");
        assertThat(document.get("outcomes").get(0).get("kind").asText()).isEqualTo("URL");
        assertThat(document.get("outcomes").get(0).get("provider").asText()).isEqualTo("edge-cf");
        assertThat(document.get("outcomes").get(1).get("kind").asText()).isEqualTo("TAG");
        assertThat(document.get("outcomes").get(1).get("error").isNull()).isTrue();
        assertThat(document.get("stats").get("targets").asInt()).isEqualTo(2);
        assertThat(document.get("stats").get("requests").asInt()).isEqualTo(2);
    }

    @Test
    void aConfigurationErrorExitsTwoBeforeAnyRequest() throws IOException {
        Path file = folder.resolve("broken.yml");
        Files.writeString(file, String.join("\n",
                "clients:",
                "  edge-cf:",
                "    provider: cloudflare",
                "    apiToken: ${NOT_SET}",
                "    zoneId: " + ZONE,
                "routes:",
                "  - { host: www.example.com, clients: [edge-cf] }",
                ""), StandardCharsets.UTF_8);

        Run broken = run("purge", "--config", file.toString(), "https://www.example.com/a");

        assertThat(broken.code).isEqualTo(ExitCode.USAGE);
        assertThat(broken.err).contains("broken.yml:4: edge-cf.apiToken needs the variable NOT_SET")
                .doesNotContain("at io.cdnpurge");
        assertThat(cloudflare.requestCount()).isZero();
    }

    @Test
    void aTargetsFileIsCheckedWholeBeforeAnythingIsSent() throws IOException {
        Path targets = folder.resolve("targets.txt");
        Files.writeString(targets, String.join("\n", "# a publish", "https://www.example.com/a", "tag:news",
                "not a url", "https://www.example.com/b", "cpcode:abc", ""), StandardCharsets.UTF_8);

        Run bad = run("purge", "--config", config(TOKEN).toString(), "--file", targets.toString());

        assertThat(bad.code).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err).contains("2 lines are not a target; nothing was sent", "targets.txt:4:",
                "targets.txt:6: cpcode 'abc' is not a number");
        assertThat(cloudflare.requestCount()).isZero();
    }

    @Test
    void targetsComeFromStandardInputInChunks() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            lines.append("https://www.example.com/page/").append(i).append('\n');
        }

        Run piped = withInput(lines.toString(), "purge", "--config", config(TOKEN).toString(), "--file", "-",
                "--chunk", "100");

        assertThat(piped.code).isZero();
        // chunks of 100, Cloudflare's 30 URLs a call: 4 + 4 + 2 calls (all at once would be 9)
        assertThat(piped.out).contains("SUCCEEDED: 250 targets, 10 calls");
        assertThat(cloudflare.purgedUrls()).hasSize(250);
    }

    @Test
    void aPlanShowsTheCallsAndSendsNothing() throws IOException {
        Run plan = run("plan", "--config", config(TOKEN).toString(), "https://www.example.com/a", "--tag", "news");

        assertThat(plan.code).isZero();
        assertThat(plan.out).contains("edge-cf: POST /zones/" + ZONE + "/purge_cache files×1",
                "Plan: 2 vendor calls for 2 targets; nothing was sent.");
        assertThat(cloudflare.requestCount()).isZero();
    }

    @Test
    void waitingLongerThanTheLimitExitsFive() throws IOException {
        try (FakeCloudFrontApi cloudfront = FakeCloudFrontApi.start().clock(clock)
                .completionDelay(Duration.ofMinutes(30))) {
            Path file = properties(cloudfront.clientConfig());

            Run waited = run("purge", "--config", file.toString(), "--client", "cloudfront", "--wait", "2m",
                    "https://www.example.com/a");
            Run notWaited = run("purge", "--config", file.toString(), "--client", "cloudfront",
                    "https://www.example.com/b");

            assertThat(waited.code).isEqualTo(ExitCode.TIMED_OUT);
            assertThat(waited.out).contains("Still in progress when the wait ended: 1");
            assertThat(notWaited.code).isZero();
            assertThat(notWaited.out).contains("1 accepted and in progress: add --wait to wait for completion");
        }
    }

    @Test
    void theOtherCommandsAndMistakesOfUsage() throws IOException {
        Run providers = run("providers");
        assertThat(providers.code).isZero();
        assertThat(providers.out).contains("cloudflare: purges", "akamai: purges", "fastly: purges",
                "cloudfront: purges", "edgecast: purges", "highwinds: purges", "apiToken (secret)");

        Run check = run("config", "check", "--config", config("${CF_TOKEN}").toString());
        assertThat(check.code).isZero();
        assertThat(check.out).contains("configuration OK: 1 clients, 1 routes", "route www.example.com → edge-cf",
                "(offline: the credentials were not tried; --online asks each vendor)").doesNotContain(TOKEN);
        assertThat(cloudflare.requestCount()).isZero();

        assertThat(run().code).isEqualTo(ExitCode.USAGE);
        Run unknown = run("purge", "--frobnicate");
        assertThat(unknown.code).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err).contains("Unknown option: '--frobnicate'", "Try: cdn-purge purge --help");
        Run nothing = run("purge", "--config", config(TOKEN).toString());
        assertThat(nothing.code).isEqualTo(ExitCode.USAGE);
        assertThat(nothing.err).contains("nothing to purge");
        Run noClient = run("purge", "https://www.example.com/a");
        assertThat(noClient.code).isEqualTo(ExitCode.USAGE);
        assertThat(noClient.err).contains("name the CDN: --config <file>");
        assertThat(run("--version").out).startsWith("cdn-purge 0.1.0-SNAPSHOT");
    }

    @Test
    void fakesServeUntilStandardInputClosesAndWriteAConfigurationThatReachesThem() {
        Path file = folder.resolve("fakes.yml");

        Run fakes = run("fakes", "--write-config", file.toString());

        assertThat(fakes.code).isZero();
        assertThat(fakes.out).contains("cloudflare http://", "highwinds  http://", "configuration: " + file,
                "serving until standard input closes");
        Run check = run("config", "check", "--config", file.toString());
        assertThat(check.code).isZero();
        assertThat(check.out).contains("configuration OK: 6 clients, 4 routes, 1 buckets",
                "bucket mybucket → www.example.com → edgecast, prefetch");
    }

    @Test
    void aPurgeInProgressIsAskedAboutLaterByItsReferenceAndWaitedFor() throws IOException {
        try (FakeCloudFrontApi cloudfront = FakeCloudFrontApi.start().clock(clock)
                .completionDelay(Duration.ofMinutes(3))) {
            Path file = properties(cloudfront.clientConfig());
            Run sent = run("purge", "--config", file.toString(), "--client", "cloudfront",
                    "https://www.example.com/a");
            java.util.regex.Matcher hint = java.util.regex.Pattern.compile(
                    "ask later: cdn-purge status --config \\S+ --client cloudfront --scope (\\S+) (\\S+)")
                    .matcher(sent.out);
            assertThat(hint.find()).as(sent.out).isTrue();
            String scope = hint.group(1);
            String reference = hint.group(2);

            Run now = run("status", "--config", file.toString(), "--client", "cloudfront", "--scope", scope,
                    reference);
            assertThat(now.code).isZero();
            assertThat(now.out).isEqualTo(reference + ": IN_PROGRESS\n");

            Run waited = run("status", "--config", file.toString(), "--client", "cloudfront", "--scope", scope,
                    "--wait", "10m", reference);
            assertThat(waited.code).isZero();
            assertThat(waited.out).isEqualTo(reference + ": SUCCEEDED\n");
            assertThat(waited.err).contains(reference + " in progress; asking again in 2 s");
            // on a terminal, one line redrawn in place, cleared at the end
            Run watched = onTerminal("", "status", "--config", file.toString(), "--client", "cloudfront",
                    "--scope", scope, "--wait", "10m", cloudfrontReference(file));
            assertThat(watched.code).isZero();
            assertThat(watched.err).startsWith("\r").contains(" in progress; asking again in 2 s (--wait ends in 10 min)"
                    + "\033[K\r").endsWith("\r\033[K");

            Run unknown = run("status", "--config", file.toString(), "--client", "cloudfront", "--scope", scope,
                    "I0000000000000");
            assertThat(unknown.code).isEqualTo(ExitCode.FAILED);
            assertThat(unknown.out).startsWith("I0000000000000: ERROR: ");
        }
    }

    /** A new CloudFront purge's reference, left in progress. */
    private String cloudfrontReference(Path file) {
        Run sent = run("purge", "--config", file.toString(), "--client", "cloudfront", "https://www.example.com/b");
        java.util.regex.Matcher hint = java.util.regex.Pattern.compile("ask later: cdn-purge status .* (\\S+)\n")
                .matcher(sent.out);
        assertThat(hint.find()).as(sent.out).isTrue();
        return hint.group(1);
    }

    @Test
    void aVendorWithoutAStatusApiSaysSoAndSeveralClientsNeedOneChosen() throws IOException {
        Path file = config(TOKEN);
        Run cloudflareRef = run("status", "--config", file.toString(), "f363334b83d2475b96ff91ccc223e91e");
        assertThat(cloudflareRef.code).isZero();
        assertThat(cloudflareRef.out).contains("no status API at this vendor");

        Path two = folder.resolve("two.yml");
        Files.writeString(two, Files.readString(file).replace("routes:", String.join("\n",
                "  edge-cf-2:",
                "    provider: cloudflare",
                "    apiToken: " + TOKEN,
                "    zoneId: " + ZONE,
                "    endpoint: " + cloudflare.endpoint(),
                "routes:")), StandardCharsets.UTF_8);
        Run piped = run("status", "--config", two.toString(), "abc123");
        assertThat(piped.code).isEqualTo(ExitCode.USAGE);
        assertThat(piped.err).contains("has several clients (edge-cf, edge-cf-2): name the one whose vendor gave "
                + "the references with --client");

        Run chosen = onTerminal("2\n", "status", "--config", two.toString(), "abc123");
        assertThat(chosen.code).isZero();
        assertThat(chosen.err).contains("1) edge-cf", "2) edge-cf-2", "client [1-2]: ");
        assertThat(chosen.out).contains("abc123: no status API");
    }

    @Test
    void configCheckOnlineAsksEachVendorReadOnlyAndAnExpiredTokenExitsFour() throws IOException {
        Path file = config(TOKEN);

        Run works = run("config", "check", "--online", "--config", file.toString());
        assertThat(works.code).isZero();
        assertThat(works.out).contains("edge-cf: credential works (purge permission not shown read-only) — the API "
                + "token is active");

        cloudflare.tokenStatus(TOKEN, "expired");
        Run expired = run("config", "check", "--online", "--config", file.toString());
        assertThat(expired.code).isEqualTo(ExitCode.AUTH);
        assertThat(expired.out).contains("edge-cf: DENIED — the API token is expired: make a new token with Zone · "
                + "Cache Purge and set edge-cf.apiToken").doesNotContain(TOKEN);
        assertThat(cloudflare.purgeCalls()).isEmpty();
    }

    @Test
    void aTargetAVendorRefusesStopsTheRunBeforeAnythingIsSentAndChunksAreWaitedForTogether() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            lines.append("https://www.example.com/page/").append(i).append('\n');
        }
        // a '*', which Cloudflare takes literally: refused when its chunk is planned, before the first is sent
        lines.append("https://www.example.com/img/*.png\n");
        Run refused = withInput(lines.toString(), "purge", "--config", config(TOKEN).toString(), "--file", "-",
                "--chunk", "100");
        assertThat(refused.code).as(refused.err).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err).contains("has a '*': Cloudflare purges URLs literally");
        assertThat(cloudflare.requestCount()).isZero();

        try (FakeCloudFrontApi cloudfront = FakeCloudFrontApi.start().clock(clock)
                .completionDelay(Duration.ofMinutes(3))) {
            Path file = properties(cloudfront.clientConfig());
            Run waited = run("purge", "--config", file.toString(), "--client", "cloudfront", "--chunk", "1",
                    "--wait", "10m", "https://www.example.com/a", "https://www.example.com/b");
            assertThat(waited.code).as(waited.out).isZero();
            assertThat(waited.out).contains("SUCCEEDED: 2 targets, 2 calls");
        }
    }

    @Test
    void aVendorThatCannotBeReachedFailsTheOnlineCheck() throws IOException {
        Path file = config(TOKEN);
        cloudflare.close();

        Run unreachable = run("config", "check", "--online", "--config", file.toString());

        assertThat(unreachable.code).isEqualTo(ExitCode.FAILED);
        assertThat(unreachable.out).contains("edge-cf: could not ask — could not ask: ");
    }
}
