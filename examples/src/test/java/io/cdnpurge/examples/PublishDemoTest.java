package io.cdnpurge.examples;

import io.cdnpurge.PurgeResult;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PublishDemoTest {

    @Test
    void theDemoPurgesEveryTargetAndPrintsItsFigures() {
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FakeCloudflareApi cloudflare = FakeCloudflareApi.start().apiToken("demo-token-not-a-real-secret")
                .zone("023e105f4ecef8ad9ca31a8372d0c353", "example.com")) {
            PurgeResult result = PublishDemo.run(cloudflare, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build());

            assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
            assertThat(result.outcomes()).hasSize(13);
            assertThat(result.stats().throttled()).isEqualTo(1);
            assertThat(cloudflare.purgeCalls()).hasSize(4);
            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1));
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Plan: 3 calls (minimum 3) for 13 targets, 1 duplicate removed")
                .contains("Result: SUCCEEDED")
                .contains("Figures: 3 calls, 4 requests sent, 1 retried, 1 throttled");
    }
}
