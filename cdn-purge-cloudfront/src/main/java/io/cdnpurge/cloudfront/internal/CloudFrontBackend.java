package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.RateLimit;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.CompletionCheck;
import io.cdnpurge.spi.InFlightQuota;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import io.cdnpurge.spi.VendorRequests;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudFront's vendor knowledge: one invalidation per call ({@code CreateInvalidation}, or
 * {@code CreateInvalidationForDistributionTenant}, see {@link CloudFrontCall}), at most 3,000 file paths or 15
 * wildcards per call since that is what a distribution may have in flight, completion through
 * {@code GetInvalidation}, and the in-flight quota per distribution (its tenants included, found with
 * {@code GetDistributionTenant}), learnt through {@code ListInvalidations} only when a call may not fit.
 */
public final class CloudFrontBackend implements PurgeBackend, InFlightQuota {
    static final String PATHS = "paths";
    static final String WILDCARDS = "wildcards";
    static final String GET = "cloudfront:GetInvalidation";
    private static final String GET_TENANT = "cloudfront:GetDistributionTenant";
    private static final String LIST = "cloudfront:ListInvalidations";
    /** Pages of 100 read at most when learning what is in flight: more than the quota can hold. */
    private static final int MAX_LIST_PAGES = 31;
    /** How long CloudFront may plausibly still be working on an invalidation; older pages are not read. */
    private static final Duration IN_PROGRESS_HORIZON = Duration.ofHours(1);

    private final CloudFrontSettings settings;
    private final CloudFrontClient client;
    private final CloudFrontScopes scopes;
    private final Clock clock;
    private final FreeTierTracker freeTier;
    private final Secrets secrets;
    /** The pool (distribution) of each tenant scope, once asked. */
    private final Map<String, String> tenantPools = new ConcurrentHashMap<>();

    /**
     * @param secrets every secret of the client: the configured keys, and the keys the credential chain resolves,
     *                added by the client's credentials provider as it resolves them
     */
    public CloudFrontBackend(CloudFrontSettings settings, CloudFrontClient client, Clock clock, Secrets secrets) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.scopes = new CloudFrontScopes(settings, client, clock);
        this.freeTier = settings.freeTier ? new FreeTierTracker(clock, settings.freeTierWarnAt,
                settings.freeTierHardCap, settings.freeTierStateFile) : null;
        this.secrets = secrets;
        settings.secrets().forEach(secrets::add);
    }

    /**
     * URLs and cache tags 3,000 per call and prefixes 15 per call: a distribution's in-flight quota, and so the
     * most one call can ever have. A host or everything is one {@code /*}. CloudFront documents no request rate;
     * "Rate exceeded" has been seen after a handful of quick calls, so requests are paced at 2 a second (burst 5).
     */
    public static PurgeCapabilities defaultCapabilities() {
        return PurgeCapabilities.builder()
                .kind(Kind.URL, BatchLimit.items(CloudFrontPaths.MAX_FILE_PATHS))
                .kind(Kind.TAG, BatchLimit.items(CloudFrontPaths.MAX_FILE_PATHS))
                .kind(Kind.PREFIX, BatchLimit.items(CloudFrontPaths.MAX_WILDCARD_PATHS))
                .kind(Kind.HOST, BatchLimit.items(1))
                .kind(Kind.EVERYTHING, BatchLimit.items(1))
                .rateLimit(RateLimit.requests("requests", 2, Duration.ofSeconds(1), 5))
                .statusApi(true)
                .build();
    }

    /**
     * This month's paths against CloudFront's free tier, when counted ({@code cloudfront.freeTier}), as this client
     * last counted them (the state file is not read: a gauge does no I/O).
     */
    @Override
    public java.util.Map<String, Number> gauges() {
        return freeTier == null ? java.util.Map.of() : java.util.Map.of("pathsThisMonth", freeTier.lastKnown());
    }

    @Override
    public String providerId() {
        return CloudFrontSettings.ID;
    }

    @Override
    public PurgeCapabilities capabilities() {
        return defaultCapabilities();
    }

    @Override
    public Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        if (!target.headers().isEmpty()) {
            return Optional.of(target + " has cache-key headers: CloudFront invalidates every header, cookie and "
                    + "query variant of a path together; purge the URL without headers");
        }
        return CloudFrontPaths.problem(target, settings.queryStrings);
    }

    @Override
    public Optional<String> alternative(Kind kind) {
        return kind == Kind.CP_CODE ? Optional.of("purge PurgeTarget.host(...) or PurgeTarget.everything() for a "
                + "whole distribution") : Optional.empty();
    }

    @Override
    public Scope scope(PurgeTarget target) {
        return scopes.scope(target);
    }

    @Override
    public String lookUp(String host, VendorRequests requests) {
        return scopes.lookUp(host, requests);
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        return new CloudFrontCall(batch, settings, client, clock, freeTier);
    }

    @Override
    public Optional<InFlightQuota> inFlightQuota() {
        return Optional.of(this);
    }

    /**
     * A distribution is its own pool; a tenant counts against its distribution's, which {@code GetDistributionTenant}
     * tells once per tenant. A tenant whose distribution cannot be asked (a credential without
     * {@code cloudfront:GetDistributionTenant}) counts as its own pool: CloudFront's refusal for a full quota then
     * still holds its calls back.
     */
    @Override
    public String pool(String scope, VendorRequests requests) {
        if (!CloudFrontScopes.isTenant(scope)) {
            return scope;
        }
        String known = tenantPools.get(scope);
        if (known != null) {
            return known;
        }
        String id = CloudFrontScopes.id(scope);
        String pool;
        try {
            String distribution = requests.send(PurgeEvent.Purpose.LOOKUP, "GET /2020-05-31/distribution-tenant/" + id,
                    () -> {
                        try {
                            return client.getDistributionTenant(b -> b.identifier(id)).distributionTenant()
                                    .distributionId();
                        } catch (SdkException e) {
                            throw CloudFrontErrors.map(e, GET_TENANT, "distribution tenant " + id, clock,
                                    settings.clientName);
                        }
                    });
            pool = distribution != null && distribution.matches(CloudFrontSettings.DISTRIBUTION_ID)
                    ? CloudFrontScopes.DISTRIBUTION + distribution : scope;
        } catch (PurgeException e) {
            pool = scope;
        }
        tenantPools.put(scope, pool);
        return pool;
    }

    @Override
    public Map<String, Integer> limits(String pool) {
        return Map.of(PATHS, CloudFrontPaths.MAX_FILE_PATHS, WILDCARDS, CloudFrontPaths.MAX_WILDCARD_PATHS);
    }

    @Override
    public boolean isQuotaFull(PurgeException error) {
        return error instanceof PurgeThrottledException && ((PurgeThrottledException) error).vendorCode()
                .filter(CloudFrontErrors.QUOTA_FULL::equals).isPresent();
    }

    /**
     * The invalidations in progress on a pool, newest first, each read for its paths. A large invalidation can
     * outlast newer small ones, so pages with nothing in progress are read on until their invalidations are older
     * than any still running could plausibly be.
     */
    @Override
    public List<Work> inFlight(String pool, VendorRequests requests) {
        String id = CloudFrontScopes.id(pool);
        boolean tenant = CloudFrontScopes.isTenant(pool);
        List<Work> works = new ArrayList<>();
        String marker = null;
        Instant newest = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            String current = marker;
            InvalidationList list = requests.send(PurgeEvent.Purpose.LISTING, "GET "
                    + CloudFrontScopes.invalidationPath(pool) + (current == null ? "" : "?Marker=" + current), () -> {
                        try {
                            return tenant
                                    ? client.listInvalidationsForDistributionTenant(b -> b.id(id).marker(current)
                                    .maxItems(100)).invalidationList()
                                    : client.listInvalidations(b -> b.distributionId(id).marker(current)
                                    .maxItems("100")).invalidationList();
                        } catch (SdkException e) {
                            throw CloudFrontErrors.map(e, tenant ? LIST + "ForDistributionTenant" : LIST,
                                    CloudFrontScopes.describe(pool) + " (to learn what is in flight)", clock,
                                    settings.clientName);
                        }
                    });
            if (list == null) {
                break;
            }
            boolean anyInProgress = false;
            if (newest == null && !list.items().isEmpty()) {
                newest = list.items().get(0).createTime();
            }
            for (InvalidationSummary summary : list.items()) {
                if (!"InProgress".equals(summary.status())) {
                    continue;
                }
                anyInProgress = true;
                Invalidation invalidation;
                try {
                    invalidation = CloudFrontCall.get(client, pool, summary.id(), requests, clock,
                            settings.clientName);
                } catch (PurgeException e) {
                    if (e.retryable()) {
                        throw e;
                    }
                    // its paths cannot be read (a credential without GetInvalidation): it is not counted, and
                    // CloudFront's refusal for a full quota holds the next call back instead
                    continue;
                }
                if (!"InProgress".equals(invalidation.status())) {
                    continue;
                }
                List<String> paths = invalidation.invalidationBatch() == null
                        || invalidation.invalidationBatch().paths() == null ? List.of()
                        : invalidation.invalidationBatch().paths().items();
                int wildcards = CloudFrontCall.wildcards(paths);
                works.add(new Work(summary.id(), Map.of(PATHS, paths.size() - wildcards, WILDCARDS, wildcards),
                        completion(client, pool, summary.id(), clock, settings.clientName)));
            }
            if (!Boolean.TRUE.equals(list.isTruncated()) || list.nextMarker() == null
                    || !anyInProgress && olderThan(list, newest, IN_PROGRESS_HORIZON)) {
                break;
            }
            marker = list.nextMarker();
        }
        return works;
    }

    /**
     * {@code ListInvalidations} of the configured distribution (or tenant), one item: the credential signs and may
     * read its invalidations. Creating one is {@code cloudfront:CreateInvalidation}, a permission apart that AWS shows
     * read-only only to {@code iam:SimulatePrincipalPolicy}, which a purging credential should not hold.
     */
    @Override
    public AccessCheck checkAccess(String clientName, VendorRequests requests) {
        Optional<String> configured = scopes.defaultScope();
        if (configured.isEmpty()) {
            return AccessCheck.of(clientName, AccessCheck.Verdict.UNCHECKED, "no distribution to ask about: set "
                    + clientName + ".distributionId (distributions found by alias are known only when a purge "
                    + "looks them up)");
        }
        String pool = configured.get();
        String id = CloudFrontScopes.id(pool);
        boolean tenant = CloudFrontScopes.isTenant(pool);
        try {
            list(requests, pool, id, tenant);
        } catch (io.cdnpurge.PurgePermissionException e) {
            // AWS checked the signature before it refused the action: the credential is valid
            return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "the credential signs, but may "
                    + "not list the invalidations of " + CloudFrontScopes.describe(pool) + " (" + LIST + "); "
                    + "purging needs cloudfront:CreateInvalidation" + (tenant ? "ForDistributionTenant" : "")
                    + ", which AWS does not show read-only");
        }
        return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "the credential signs and reads the "
                + "invalidations of " + CloudFrontScopes.describe(pool) + " (" + LIST + "); purging needs "
                + "cloudfront:CreateInvalidation" + (tenant ? "ForDistributionTenant" : "") + ", which AWS does not "
                + "show read-only");
    }

    private void list(VendorRequests requests, String pool, String id, boolean tenant) {
        requests.send(PurgeEvent.Purpose.ACCESS, "GET " + CloudFrontScopes.invalidationPath(pool) + "?MaxItems=1",
                () -> {
                    try {
                        return tenant ? client.listInvalidationsForDistributionTenant(b -> b.id(id).maxItems(1))
                                .invalidationList() : client.listInvalidations(b -> b.distributionId(id)
                                .maxItems("1")).invalidationList();
                    } catch (SdkException e) {
                        throw CloudFrontErrors.map(e, tenant ? LIST + "ForDistributionTenant" : LIST,
                                CloudFrontScopes.describe(pool) + " (checking access)", clock, settings.clientName);
                    }
                });
    }

    /**
     * {@code GetInvalidation} of an invalidation by its id, in the scope its outcome named ({@code distribution/<id>}
     * or {@code distribution-tenant/<id>}, or a bare distribution id), else in the configured distribution.
     */
    @Override
    public Optional<CompletionCheck> completionCheck(String reference, String scope) {
        if (!reference.matches("[A-Za-z0-9]{1,128}")) {
            throw new IllegalArgumentException("'" + reference + "' is not a CloudFront invalidation id (letters and "
                    + "digits, such as I2J0I21PCUYOIK)");
        }
        String where;
        if (scope == null || scope.isBlank()) {
            where = scopes.defaultScope().orElseThrow(() -> new IllegalArgumentException("CloudFront needs the "
                    + "distribution of invalidation " + reference + ": give its scope (the distribution id), or set "
                    + settings.clientName + ".distributionId"));
        } else if (scope.startsWith(CloudFrontScopes.DISTRIBUTION) || scope.startsWith(CloudFrontScopes.TENANT)) {
            where = scope.trim();
        } else if (scope.trim().matches("[A-Za-z0-9]{1,128}")) {
            where = CloudFrontScopes.DISTRIBUTION + scope.trim();
        } else {
            throw new IllegalArgumentException("'" + scope + "' is not a CloudFront distribution id or scope "
                    + "(distribution/<id>, distribution-tenant/<id>)");
        }
        return Optional.of(completion(client, where, reference, clock, settings.clientName));
    }

    /** Asks {@code GetInvalidation} (or its tenant form) about one invalidation. */
    static CompletionCheck completion(CloudFrontClient client, String scope, String reference, Clock clock,
                                      String clientName) {
        return requests -> "Completed".equals(CloudFrontCall.get(client, scope, reference, requests, clock,
                clientName).status())
                ? TargetOutcome.Status.SUCCEEDED : TargetOutcome.Status.IN_PROGRESS;
    }

    /** Whether the oldest invalidation of a page was created more than {@code horizon} before the newest of all. */
    private static boolean olderThan(InvalidationList list, Instant newest, Duration horizon) {
        if (newest == null || list.items().isEmpty()) {
            return true;
        }
        Instant oldest = list.items().get(list.items().size() - 1).createTime();
        return oldest != null && oldest.isBefore(newest.minus(horizon));
    }

    /** For messages that must not pretend to know a CloudFront answer. */
    static PurgeServiceException unrecognised(String what, String requestId) {
        String body = CloudFrontClients.lastResponseBody();
        return new PurgeServiceException("CloudFront answered " + what + " with " + (body == null ? "a body"
                : body) + " that holds no invalidation id and status, which is not its acknowledgement: the "
                + "invalidation may not have been made", 0, null, requestId, true, null);
    }

    @Override
    public Secrets secrets() {
        return secrets;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "CloudFrontBackend{" + settings + "}";
    }
}
