package io.cdnpurge.benchmarks;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;

import java.util.Map;

/** A fresh JVM's first invalidation of one path through cdn-purge's CloudFront provider. Argument: the endpoint. */
public final class ColdCloudFront {
    private ColdCloudFront() {
    }

    public static void main(String[] args) {
        try (PurgeClient cdn = CdnPurge.client("cloudfront", PurgeConfig.fromMap(Map.of(
                "cloudfront.accessKeyId", FakeServers.ACCESS_KEY, "cloudfront.secretAccessKey", FakeServers.SECRET_KEY,
                "cloudfront.region", "us-east-1", "cloudfront.distributionId", FakeServers.DISTRIBUTION,
                "cloudfront.endpoint", args[0], "cloudfront.callerReferenceWindow", "0s"))
                .withEnvironment(Map.of()))) {
            PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/cold.jpg").build());
            ColdStart.done("cdn-purge-cloudfront", result.status() + " " + result.stats().requests() + " request(s)");
        }
    }
}
