package io.cdnpurge.examples;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.fakes.highwinds.FakeHighwindsApi;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Purges URLs through the Highwinds provider in real time against the fake StrikeTracker API with its window
 * shortened to 100 URLs per 2 seconds, and prints the requests, the 429s (none expected) and the wall time against
 * the window's lower bound. Argument: the number of URLs (default 500).
 */
public final class HighwindsPacingDemo {
    private HighwindsPacingDemo() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Duration window = Duration.ofSeconds(2);
        try (FakeHighwindsApi fake = FakeHighwindsApi.start().clock(Clock.systemUTC()).window(100, window);
             PurgeClient cdn = CdnPurge.client("highwinds", fake.config().with(Map.of(
                     // the vendor's window and a tenth more for transit, as the default's 60 s + 1 s
                     "highwinds.rateLimit.urls.window", "2200ms")), ClientOptions.builder().logging(false).build())) {
            PurgeRequest.Builder request = PurgeRequest.builder();
            for (int i = 0; i < count; i++) {
                request.url("https://cdn.example.com/release/asset-" + i + ".js");
            }
            long start = System.nanoTime();
            PurgeResult result = cdn.purge(request.build());
            long millis = (System.nanoTime() - start) / 1_000_000;
            long lowerBound = ((count + 99) / 100 - 1) * window.toMillis();
            System.out.printf("%,d URLs, window 100 per %d s: %s, %d purge requests, %d answered 429, wall time %,d ms"
                            + " (lower bound %,d ms: %d windows)%n", count, window.toSeconds(), result.status(),
                    fake.purgeRequestCount(), fake.windowRefusals(), millis, lowerBound, (count + 99) / 100 - 1);
        }
    }
}
