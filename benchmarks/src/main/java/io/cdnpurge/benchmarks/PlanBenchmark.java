package io.cdnpurge.benchmarks;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code plan()} of 100,000 and 1,000,000 URLs: Cloudflare packs by item count, Akamai by body bytes (50,000 per
 * call). No request is made. Single shots: one plan is the operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class PlanBenchmark {
    @Param({"cloudflare", "akamai"})
    public String provider;

    @Param({"100000", "1000000"})
    public int urls;

    private PurgeClient client;
    private PurgeRequest request;

    @Setup(Level.Trial)
    public void start() {
        Map<String, String> config = provider.equals("akamai")
                ? Map.of("akamai.host", "akab-benchmark.luna.akamaiapis.net", "akamai.clientToken", "akab-client-token",
                "akamai.clientSecret", "c2VjcmV0LWZvci1iZW5jaG1hcmtzLW9ubHk=", "akamai.accessToken",
                "akab-access-token")
                : Map.of("cloudflare.apiToken", CallOverheadBenchmark.TOKEN, "cloudflare.zoneId",
                CallOverheadBenchmark.ZONE);
        client = CdnPurge.client(provider, PurgeConfig.fromMap(config).withEnvironment(Map.of()),
                ClientOptions.builder().logging(false).build());
        List<String> list = new ArrayList<>(urls);
        for (int i = 0; i < urls; i++) {
            list.add("https://www.example.com/articles/" + i + "/index.html");
        }
        request = PurgeRequest.ofUrls(list);
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
    }

    @Benchmark
    public PurgePlan plan() {
        return client.plan(request);
    }
}
