package io.cdnpurge.benchmarks;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.Route;
import io.cdnpurge.Sleeper;
import io.cdnpurge.testing.RecordingPurgeClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * A router's fan-out against the slowest of its CDNs alone, in real time: three in-memory CDNs answering each call
 * after 50, 100 and 200 ms (30 URLs a call, 4 calls at once), 300 URLs over three hosts. Prints the medians of
 * {@code RUNS} (default 9) runs of each, alternating, and their ratio.
 */
public final class FanOut {
    private FanOut() {
    }

    private static RecordingPurgeClient cdn(long millis) {
        RecordingPurgeClient client = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.maxItems", "30",
                "memory.rateLimit.enabled", "false")), ClientOptions.builder().clock(Clock.systemUTC())
                .sleeper(Sleeper.system()).logging(false).build());
        return client.respondAfter(Duration.ofMillis(millis));
    }

    private static PurgeRequest urls(String... hosts) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < 300; i++) {
            request.url("https://" + hosts[i % hosts.length] + "/page/" + i);
        }
        return request.build();
    }

    public static void main(String[] args) {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "9"));
        long[] router = new long[runs];
        long[] slowest = new long[runs];
        PurgeRequest spread = urls("a.example.com", "b.example.com", "c.example.com");
        PurgeRequest slowOnly = urls("c.example.com");
        for (int run = 0; run < runs; run++) {
            try (PurgeRouter fanOut = PurgeRouter.builder().client("fast", cdn(50)).client("medium", cdn(100))
                    .client("slow", cdn(200)).route(Route.host("a.example.com").to("fast"))
                    .route(Route.host("b.example.com").to("medium")).route(Route.host("c.example.com").to("slow"))
                    .build();
                 RecordingPurgeClient alone = cdn(200)) {
                // the slowest alone purges its share of the request: the 100 URLs of its host
                PurgeRequest slowShare = PurgeRequest.builder().targets(slowOnly.targets().subList(0, 100)).build();
                long start = System.nanoTime();
                PurgeResult all = fanOut.purge(spread);
                router[run] = System.nanoTime() - start;
                start = System.nanoTime();
                PurgeResult one = alone.purge(slowShare);
                slowest[run] = System.nanoTime() - start;
                if (all.status() != PurgeResult.Status.SUCCEEDED || one.status() != PurgeResult.Status.SUCCEEDED) {
                    throw new IllegalStateException("a purge did not succeed: " + all + " / " + one);
                }
            }
        }
        Arrays.sort(router);
        Arrays.sort(slowest);
        long r = router[runs / 2] / 1_000_000;
        long s = slowest[runs / 2] / 1_000_000;
        System.out.printf("router over 3 CDNs (300 URLs): %d ms; slowest CDN alone (its 100 URLs): %d ms; ratio %.2f"
                + " (medians of %d runs)%n", r, s, (double) r / s, runs);
    }
}
