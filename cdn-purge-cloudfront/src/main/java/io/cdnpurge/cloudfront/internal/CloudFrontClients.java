package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.VendorRequests;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClientBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Builds the SDK's {@link CloudFrontClient}: the URL-connection HTTP client unless the user gives one (so neither
 * Apache nor Netty is needed), no SDK retries (the engine retries, with the same {@code CallerReference}), no request
 * outside the engine, and credentials from the given provider, static keys, a profile or the AWS default chain, each
 * added to the client's secrets as it is resolved.
 */
public final class CloudFrontClients {
    private CloudFrontClients() {
    }

    /**
     * @param secrets where every credential the client resolves at run time (from the default chain, a profile, a
     *                role) is added before it is used, so that it is redacted like a configured one
     */
    public static CloudFrontClient create(CloudFrontSettings settings, AwsCredentialsProvider credentials,
                                          SdkHttpClient httpClient, Secrets secrets) {
        CloudFrontClientBuilder builder = CloudFrontClient.builder()
                .region(region(settings))
                .credentialsProvider(new RedactedCredentials(credentials(settings, credentials), secrets))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new ThroughTheEngine())
                        .addExecutionInterceptor(new BodyPeek())
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

    /** Adds each credential it resolves to the client's secrets, then hands it to the SDK. */
    private static final class RedactedCredentials implements AwsCredentialsProvider {
        private final AwsCredentialsProvider delegate;
        private final Secrets secrets;

        RedactedCredentials(AwsCredentialsProvider delegate, Secrets secrets) {
            this.delegate = delegate;
            this.secrets = secrets;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            AwsCredentials credentials = delegate.resolveCredentials();
            secrets.add(credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials) {
                secrets.add(((AwsSessionCredentials) credentials).sessionToken());
            }
            return credentials;
        }

        @Override
        public String toString() {
            return "RedactedCredentials{" + delegate.getClass().getSimpleName() + "}";
        }
    }

    /** Refuses a request made outside the engine's {@code VendorRequests.send}: none may bypass it. */
    private static final class ThroughTheEngine implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!VendorRequests.sending()) {
                throw new IllegalStateException("CloudFront request " + context.request().getClass().getSimpleName()
                        + " made outside VendorRequests.send: route it through the engine");
            }
        }
    }

    /** The start of the last answer's body on this thread, for a message about an answer that is not understood. */
    private static final ThreadLocal<String> LAST_BODY = new ThreadLocal<>();
    private static final int PEEK_CHARACTERS = 200;

    /** The start of the body and the content type of the last answer on this thread, quoted; null when none. */
    static String lastResponseBody() {
        return LAST_BODY.get();
    }

    /**
     * Keeps the start of each answer's body, so that an answer the SDK parses into nothing (an HTML page from a
     * proxy with 201) can be named in the error. Answers of the invalidation API are small; the body is read once
     * and handed on unchanged.
     */
    private static final class BodyPeek implements ExecutionInterceptor {
        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            LAST_BODY.remove();
            Optional<InputStream> body = context.responseBody();
            if (body.isEmpty()) {
                return body;
            }
            byte[] bytes;
            try (InputStream in = body.get()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String text = new String(bytes, 0, Math.min(bytes.length, PEEK_CHARACTERS * 4), StandardCharsets.UTF_8)
                    .strip().replaceAll("\\s+", " ");
            if (text.length() > PEEK_CHARACTERS) {
                text = text.substring(0, PEEK_CHARACTERS) + "…";
            }
            LAST_BODY.set("'" + text + "'" + context.httpResponse().firstMatchingHeader("Content-Type")
                    .map(type -> " (" + type + ")").orElse(""));
            return Optional.of(new ByteArrayInputStream(bytes));
        }
    }
}
