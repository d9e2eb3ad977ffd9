package io.cdnpurge.benchmarks;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;

import java.util.Map;

/** A fresh JVM's first purge of one URL through cdn-purge's Cloudflare provider. Argument: the fake's endpoint. */
public final class ColdCloudflare {
    private ColdCloudflare() {
    }

    public static void main(String[] args) {
        try (PurgeClient cdn = CdnPurge.client("cloudflare", PurgeConfig.fromMap(Map.of(
                "cloudflare.apiToken", CallOverheadBenchmark.TOKEN, "cloudflare.zoneId", CallOverheadBenchmark.ZONE,
                "cloudflare.endpoint", args[0])).withEnvironment(Map.of()))) {
            PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/cold").build());
            ColdStart.done("cdn-purge-cloudflare", result.status());
        }
    }
}
