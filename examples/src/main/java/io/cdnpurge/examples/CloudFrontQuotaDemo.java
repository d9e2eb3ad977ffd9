package io.cdnpurge.examples;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.cloudfront.CloudFrontPurgeClient;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 10,000 file paths on one CloudFront distribution, in real time, against the in-process fake of CloudFront's API
 * with invalidations completing 2 s after they are created: prints the invalidations made, the
 * TooManyInvalidationsInProgress answers (none expected) and the wall time until every path is complete. By hand,
 * chunking into 3,000-path invalidations with the AWS CLI and its 20 s waiter, this takes about 87 s.
 *
 * <pre>mvn -B -ntp -q -pl examples -am -DskipTests package exec:java
 *     -Dexec.mainClass=io.cdnpurge.examples.CloudFrontQuotaDemo</pre>
 */
public final class CloudFrontQuotaDemo {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String DISTRIBUTION = "E2QWRUHAPOMQZL";

    private CloudFrontQuotaDemo() {
    }

    public static void main(String[] args) {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        // real time: the fake completes invalidations on the system clock, as CloudFront would
        try (FakeCloudFrontApi fake = FakeCloudFrontApi.start().clock(Clock.systemUTC()).credentials(KEY, SECRET)
                .distribution(DISTRIBUTION, "www.example.com").completionDelay(Duration.ofSeconds(2));
             PurgeClient cdn = CloudFrontPurgeClient.builder().endpoint(fake.endpoint()).distributionId(DISTRIBUTION)
                     .config(PurgeConfig.fromMap(Map.of("cloudfront.accessKeyId", KEY,
                             "cloudfront.secretAccessKey", SECRET, "cloudfront.region", "us-east-1")))
                     .build()) {
            List<String> urls = new ArrayList<>(paths);
            for (int i = 0; i < paths; i++) {
                urls.add("https://www.example.com/release/asset-" + i + ".js");
            }
            long start = System.nanoTime();
            PurgeResult sent = cdn.purge(PurgeRequest.ofUrls(urls));
            long sentAt = System.nanoTime();
            PurgeResult done = cdn.awaitCompletion(sent, Duration.ofMinutes(5));
            long doneAt = System.nanoTime();
            System.out.printf("%,d paths on one distribution: %s, %d invalidations %s, %d TooManyInvalidationsInProgress,"
                            + " at most %,d paths in flight, %d HTTP requests%n", paths, done.status(),
                    fake.invalidations().size(), fake.invalidations().stream().map(i -> i.paths().size()).toList(),
                    fake.tooManyInvalidationsAnswers(), fake.maxFilePathsInFlight(), fake.requestCount());
            System.out.printf("wall time: all sent after %.1f s, all complete after %.1f s (completion delay 2 s)%n",
                    (sentAt - start) / 1e9, (doneAt - start) / 1e9);
        }
    }
}
