package io.cdnpurge.benchmarks;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the engine adds to one purge call: {@code purge()} of one URL on a warm Cloudflare client, against a raw
 * OkHttp POST of the same body with the same headers, both to the same loopback server that answers as Cloudflare
 * does, at once, and keeps nothing ({@link LoopbackCloudflare}). Run with {@code -prof gc} for the bytes allocated per
 * operation. Two cores are shared by the client, the server and the JIT: compare figures of one run, side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class CallOverheadBenchmark {
    static final String TOKEN = "benchmark-token-0123456789";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String URL = "https://www.example.com/news/2026/12/04/benchmark";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private LoopbackCloudflare fake;
    private PurgeClient quiet;
    private PurgeClient logging;
    private OkHttpClient raw;
    private PurgeRequest request;
    private Request rawRequest;

    @Setup(Level.Trial)
    public void start() throws IOException {
        fake = new LoopbackCloudflare(TOKEN, ZONE);
        PurgeConfig config = PurgeConfig.fromMap(Map.of("cloudflare.apiToken", TOKEN, "cloudflare.zoneId", ZONE,
                "cloudflare.endpoint", fake.endpoint(), "cloudflare.rateLimit.enabled", "false"))
                .withEnvironment(Map.of());
        quiet = CdnPurge.client("cloudflare", config, ClientOptions.builder().logging(false).build());
        logging = CdnPurge.client("cloudflare", config, ClientOptions.defaults());
        request = PurgeRequest.builder().url(URL).build();
        raw = new OkHttpClient.Builder().retryOnConnectionFailure(false).followRedirects(false).build();
        byte[] body = ("{\"files\":[\"" + URL + "\"]}").getBytes(StandardCharsets.UTF_8);
        rawRequest = new Request.Builder().url(fake.endpoint() + "/zones/" + ZONE + "/purge_cache")
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json")
                .post(RequestBody.create(body, JSON)).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        quiet.close();
        logging.close();
        fake.close();
        if (fake.refused() > 0 || fake.purged() == 0) {
            throw new IllegalStateException("the loopback Cloudflare purged " + fake.purged() + " and refused "
                    + fake.refused() + " calls: the benchmark did not measure successful purges");
        }
    }

    @Benchmark
    public PurgeResult cdnPurge() {
        return quiet.purge(request);
    }

    @Benchmark
    public PurgeResult cdnPurgeWithDefaultListener() {
        return logging.purge(request);
    }

    @Benchmark
    public String rawOkHttp() throws IOException {
        try (Response response = raw.newCall(rawRequest).execute()) {
            return response.body().string();
        }
    }
}
