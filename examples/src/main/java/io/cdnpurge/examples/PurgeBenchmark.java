package io.cdnpurge.examples;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Purges 100,000 URLs through the real Cloudflare provider against the fake Cloudflare API on loopback and prints
 * calls made, the minimum possible, wall time and bytes allocated. Client-side rate limiting is switched off so
 * the figure is the library's own cost, not Cloudflare's quota (at the Free plan's 800 URLs/s the same purge takes
 * two minutes by design).
 *
 * <p>Run: {@code mvn -B -ntp -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=io.cdnpurge.examples.PurgeBenchmark [-Dexec.args="100000 8"]}.
 */
public final class PurgeBenchmark {
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String TOKEN = "benchmark-token";

    private PurgeBenchmark() {
    }

    public static void main(String[] args) {
        int urls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;

        try (FakeCloudflareApi cloudflare = FakeCloudflareApi.start().apiToken(TOKEN).zone(ZONE, "example.com")) {
            PurgeConfig config = PurgeConfig.fromMap(Map.of(
                    "cloudflare.apiToken", TOKEN,
                    "cloudflare.zoneId", ZONE,
                    "cloudflare.endpoint", cloudflare.endpoint(),
                    "cloudflare.concurrency", String.valueOf(concurrency),
                    "cloudflare.rateLimit.enabled", "false"));
            try (PurgeClient cdn = CdnPurge.client("cloudflare", config,
                    ClientOptions.builder().logging(false).build())) {
                System.out.println("warm-up: " + run(cdn, 10_000, "warm").stats());
                int before = cloudflare.purgeCalls().size();

                PurgeRequest request = PurgeRequest.ofUrls(urls(urls, "run"));
                int minimum = cdn.plan(request).minimumCalls();
                long allocatedBefore = allocated(threads, allocations);
                long start = System.nanoTime();
                PurgeResult result = cdn.purge(request);
                long wallNanos = System.nanoTime() - start;
                long allocated = allocated(threads, allocations) - allocatedBefore;

                System.out.printf(Locale.ROOT, "urls:             %,d%n", urls);
                System.out.printf(Locale.ROOT, "status:           %s (%,d failed)%n", result.status(),
                        result.failures().size());
                System.out.printf(Locale.ROOT, "calls made:       %,d (fake received %,d)%n", result.stats().calls(),
                        cloudflare.purgeCalls().size() - before);
                System.out.printf(Locale.ROOT, "calls minimum:    %,d%n", minimum);
                System.out.printf(Locale.ROOT, "concurrency:      %d%n", concurrency);
                System.out.printf(Locale.ROOT, "wall time:        %,d ms (%,.0f URLs/s)%n", wallNanos / 1_000_000,
                        urls / (wallNanos / 1e9));
                System.out.printf(Locale.ROOT, "allocated:        %,d bytes (%,.0f per URL; client and the "
                        + "in-process fake server together)%n", allocated, (double) allocated / urls);
            }
        }
    }

    private static PurgeResult run(PurgeClient cdn, int count, String prefix) {
        return cdn.purge(PurgeRequest.ofUrls(urls(count, prefix)));
    }

    private static List<String> urls(int count, String prefix) {
        List<String> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            urls.add("https://www.example.com/" + prefix + "/articles/" + i + "/index.html");
        }
        return urls;
    }

    /** Bytes allocated so far by every live thread. */
    private static long allocated(ThreadMXBean threads, com.sun.management.ThreadMXBean allocations) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long bytes = allocations.getThreadAllocatedBytes(id);
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }
}
