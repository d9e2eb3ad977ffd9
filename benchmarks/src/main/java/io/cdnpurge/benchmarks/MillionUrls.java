package io.cdnpurge.benchmarks;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A purge of many URLs (1,000,000 by default) through the Cloudflare provider, against the fake API in another JVM
 * ({@link FakeServers}), so that this JVM's heap holds only the caller's URLs and the library's work. Client-side
 * rate limiting is off. Prints the result, the wall time and the time spent in GC: run it at several heap sizes
 * ({@code memory.sh}) to find the smallest that completes. Arguments: the fake's endpoint, and the number of URLs.
 */
public final class MillionUrls {
    private MillionUrls() {
    }

    public static void main(String[] args) {
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        List<String> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            urls.add("https://www.example.com/articles/" + i + "/index.html");
        }
        PurgeRequest request = PurgeRequest.ofUrls(urls);
        urls = null;
        long start = System.nanoTime();
        String outcome;
        try (PurgeClient cdn = CdnPurge.client("cloudflare", PurgeConfig.fromMap(Map.of(
                "cloudflare.apiToken", CallOverheadBenchmark.TOKEN, "cloudflare.zoneId", CallOverheadBenchmark.ZONE,
                "cloudflare.endpoint", args[0], "cloudflare.rateLimit.enabled", "false", "cloudflare.concurrency", "8"))
                .withEnvironment(Map.of()), ClientOptions.builder().logging(false).build())) {
            PurgeResult result = cdn.purge(request);
            outcome = result.status() + ", " + result.outcomes().size() + " outcomes, " + result.stats().calls()
                    + " calls";
        } catch (RuntimeException | OutOfMemoryError e) {
            outcome = "ended with " + e;
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        System.out.printf(Locale.ROOT, "%,d URLs, -Xmx%d MB: %s; %,d ms, %,d ms in GC (%.0f %%)%n", count,
                Runtime.getRuntime().maxMemory() >> 20, outcome, wall, gc, 100.0 * gc / Math.max(1, wall));
    }
}
