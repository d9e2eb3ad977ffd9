package io.cdnpurge.benchmarks;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

import java.net.URI;
import java.util.UUID;

/** A fresh JVM's first CreateInvalidation of one path with the AWS SDK v2 alone (URL-connection client). */
public final class ColdAwsSdk {
    private ColdAwsSdk() {
    }

    public static void main(String[] args) {
        try (CloudFrontClient client = CloudFrontClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(args[0]))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        FakeServers.ACCESS_KEY, FakeServers.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String id = client.createInvalidation(b -> b.distributionId(FakeServers.DISTRIBUTION).invalidationBatch(
                    batch -> batch.callerReference(UUID.randomUUID().toString())
                            .paths(paths -> paths.quantity(1).items("/cold.jpg")))).invalidation().id();
            ColdStart.done("aws-sdk", id);
        }
    }
}
