package io.cdnpurge.cloudfront.internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClientBuilder;

/**
 * Builds the SDK's {@link CloudFrontClient}: the URL-connection HTTP client unless the user gives one (so neither
 * Apache nor Netty is needed), no SDK retries (the engine retries, with the same {@code CallerReference}), and
 * credentials from the given provider, static keys, a profile or the AWS default chain.
 */
public final class CloudFrontClients {
    private CloudFrontClients() {
    }

    public static CloudFrontClient create(CloudFrontSettings settings, AwsCredentialsProvider credentials,
                                          SdkHttpClient httpClient) {
        CloudFrontClientBuilder builder = CloudFrontClient.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings, credentials))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(settings.timeout.multipliedBy(2))
                        .apiCallTimeout(settings.timeout.multipliedBy(2)));
        if (httpClient != null) {
            builder.httpClient(httpClient);
        } else {
            builder.httpClient(UrlConnectionHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout)
                    .socketTimeout(settings.timeout)
                    .build());
        }
        if (settings.endpoint != null) {
            builder.endpointOverride(settings.endpoint);
        }
        return builder.build();
    }

    /**
     * {@code cloudfront.region}, else the {@code AWS_REGION} variable, {@code aws.region} property or the profile's
     * region, else {@code aws-global}. CloudFront is global: a region only picks the partition (China). Instance
     * metadata is never asked, so building a client does no network call.
     */
    static Region region(CloudFrontSettings settings) {
        if (settings.region != null) {
            return Region.of(settings.region);
        }
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion();
        } catch (SdkClientException e) {
            return Region.AWS_GLOBAL;
        }
    }

    private static AwsCredentialsProvider credentials(CloudFrontSettings settings, AwsCredentialsProvider given) {
        if (given != null) {
            return given;
        }
        if (settings.accessKeyId != null) {
            return StaticCredentialsProvider.create(settings.sessionToken == null
                    ? AwsBasicCredentials.create(settings.accessKeyId, settings.secretAccessKey)
                    : AwsSessionCredentials.create(settings.accessKeyId, settings.secretAccessKey,
                    settings.sessionToken));
        }
        if (settings.profile != null) {
            return ProfileCredentialsProvider.create(settings.profile);
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
