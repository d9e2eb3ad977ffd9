package io.cdnpurge.cloudfront;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.cloudfront.internal.CloudFrontBackend;
import io.cdnpurge.cloudfront.internal.CloudFrontClients;
import io.cdnpurge.cloudfront.internal.CloudFrontSettings;
import io.cdnpurge.spi.ClientBuilder;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.spi.Secrets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A CloudFront purge client: every target becomes an invalidation path on its distribution, calls are kept within
 * the distribution's in-flight quota (3,000 file paths, 15 wildcards) by waiting for earlier invalidations to
 * complete, and each call's {@code CallerReference} makes a repeat after a lost answer harmless.
 *
 * <pre>{@code
 * try (PurgeClient cdn = CloudFrontPurgeClient.builder().distributionId("E2QWRUHAPOMQZL").build()) {
 *     PurgeResult result = cdn.purge(PurgeRequest.of(PurgeTarget.url("https://www.example.com/index.html")));
 *     cdn.awaitCompletion(result, Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * Credentials come from the AWS default chain unless given. Thread-safe.
 */
public final class CloudFrontPurgeClient extends ForwardingPurgeClient {
    private CloudFrontPurgeClient(PurgeClient engine) {
        super(engine);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client of settings read against {@link CloudFrontSettings#SCHEMA} (which checked them). */
    static CloudFrontPurgeClient create(ClientSettings clientSettings, ClientOptions options,
                                        AwsCredentialsProvider credentials, SdkHttpClient httpClient) {
        Objects.requireNonNull(clientSettings, "settings cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        CloudFrontSettings settings = CloudFrontSettings.of(clientSettings);
        Secrets secrets = Secrets.of();
        CloudFrontBackend backend = new CloudFrontBackend(settings,
                CloudFrontClients.create(settings, credentials, httpClient, secrets), options.clock(), secrets);
        return new CloudFrontPurgeClient(PurgeEngine.client(backend, clientSettings, options));
    }

    /**
     * Builds a {@link CloudFrontPurgeClient}. Values set here win over the same keys of {@link #config}. Not
     * thread-safe.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private AwsCredentialsProvider credentials;
        private SdkHttpClient httpClient;

        private Builder() {
            super(CloudFrontPurgeProvider.ID);
        }

        /** The default distribution: of every host not mapped otherwise, and of cache-tag and everything purges. */
        public Builder distributionId(String distributionId) {
            return put("distributionId", Objects.requireNonNull(distributionId, "distributionId cannot be null"));
        }

        /** The distribution of a host name ({@code www.example.com}, or {@code *.example.com}). */
        public Builder distribution(String host, String distributionId) {
            return putEntry("distributions", host, Objects.requireNonNull(distributionId,
                    "distributionId cannot be null"));
        }

        /** The default distribution tenant, of a multi-tenant distribution, instead of a default distribution. */
        public Builder distributionTenantId(String tenantId) {
            return put("distributionTenantId", Objects.requireNonNull(tenantId, "tenantId cannot be null"));
        }

        /** The distribution tenant of a host name: its invalidations go to the tenant. */
        public Builder tenant(String host, String tenantId) {
            return putEntry("tenants", host, Objects.requireNonNull(tenantId, "tenantId cannot be null"));
        }

        /** Whether to find a host's distribution among the account's by alternate domain name (ListDistributions). */
        public Builder discovery(boolean discover) {
            return put("discovery", String.valueOf(discover));
        }

        /** Credentials instead of the AWS default chain (for example a role-assuming provider). */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "provider cannot be null");
            return this;
        }

        /** A named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}. */
        public Builder profile(String profile) {
            return put("profile", Objects.requireNonNull(profile, "profile cannot be null"));
        }

        /**
         * Your own SDK HTTP client (Apache, CRT...) instead of the URL-connection client; it is not closed with
         * this client.
         */
        public Builder httpClient(SdkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client cannot be null");
            return this;
        }

        /** The AWS region; CloudFront is global, so only the China partition ({@code cn-northwest-1}) needs one. */
        public Builder region(String region) {
            return put("region", Objects.requireNonNull(region, "region cannot be null"));
        }

        /** Collapse many files in one directory into {@code /dir/*} when a call names at least {@code minFiles}. */
        public Builder compaction(int minFiles) {
            put("compaction.enabled", "true");
            return put("compaction.minFiles", String.valueOf(minFiles));
        }

        /** Count this month's paths; warn past {@code warnAt}. */
        public Builder freeTier(int warnAt) {
            put("freeTier.enabled", "true");
            return put("freeTier.warnAt", String.valueOf(warnAt));
        }

        /** How long an identical purge without an idempotency key is folded into the first (0: never). */
        public Builder callerReferenceWindow(Duration window) {
            return put("callerReferenceWindow", Objects.requireNonNull(window, "window cannot be null").toString());
        }

        /** @throws InvalidConfigurationException naming every missing or bad setting */
        public CloudFrontPurgeClient build() {
            List<String> problems = new ArrayList<>();
            ClientSettings settings = ClientSettings.read(CloudFrontSettings.ID, new CloudFrontPurgeProvider(),
                    configuration(), problems);
            if (credentials != null) {
                String problem = CloudFrontSettings.credentialsProviderProblem(settings);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
            return create(settings, options(), credentials, httpClient);
        }
    }
}
