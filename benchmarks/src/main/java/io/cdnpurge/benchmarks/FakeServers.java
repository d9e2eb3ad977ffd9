package io.cdnpurge.benchmarks;

import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * The fake Cloudflare and CloudFront APIs in a JVM of their own, for programs whose own JVM is what is measured
 * (cold start, memory). Prints {@code cloudflare=<endpoint>} and {@code cloudfront=<endpoint>}, then serves until
 * its standard input is closed.
 */
public final class FakeServers {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DISTRIBUTION = "E2QWRUHAPOMQZL";

    private FakeServers() {
    }

    public static void main(String[] args) throws IOException {
        try (FakeCloudflareApi cloudflare = FakeCloudflareApi.start().apiToken(CallOverheadBenchmark.TOKEN)
                .zone(CallOverheadBenchmark.ZONE, "example.com");
             FakeCloudFrontApi cloudfront = FakeCloudFrontApi.start().clock(Clock.systemUTC()).credentials(ACCESS_KEY, SECRET_KEY)
                     .distribution(DISTRIBUTION, "www.example.com")) {
            System.out.println("cloudflare=" + cloudflare.endpoint());
            System.out.println("cloudfront=" + cloudfront.endpoint());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // serve until the script closes our input
            }
        }
    }
}
