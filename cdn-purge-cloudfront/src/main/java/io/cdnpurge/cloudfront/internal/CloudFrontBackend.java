package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.RateLimit;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.InFlightQuota;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.InvalidationBatch;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;
import software.amazon.awssdk.services.cloudfront.model.Paths;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * CloudFront's vendor knowledge: one invalidation per call ({@code CreateInvalidation}, or
 * {@code CreateInvalidationForDistributionTenant}), at most 3,000 file paths or 15 wildcards per call since that is
 * what a distribution may have in flight, an idempotent {@code CallerReference} per call, completion through
 * {@code GetInvalidation}, and the in-flight quota learnt through {@code ListInvalidations}.
 */
public final class CloudFrontBackend implements PurgeBackend, InFlightQuota {
    static final String PATHS = "paths";
    static final String WILDCARDS = "wildcards";
    private static final String CREATE = "cloudfront:CreateInvalidation";
    private static final String CREATE_TENANT = "cloudfront:CreateInvalidationForDistributionTenant";
    private static final String GET = "cloudfront:GetInvalidation";
    private static final String LIST = "cloudfront:ListInvalidations";
    /** Pages of 100 read at most when learning what is in flight: more than the quota can hold. */
    private static final int MAX_LIST_PAGES = 31;
    /** How long CloudFront may plausibly still be working on an invalidation; older pages are not read. */
    private static final Duration IN_PROGRESS_HORIZON = Duration.ofHours(1);

    /** One call, worked out once per batch so that every attempt sends the same paths and CallerReference. */
    private static final class Call {
        final List<String> paths;
        final int files;
        final int wildcards;
        final Map<String, Integer> collapsed;
        String callerReference;
        int attempts;
        boolean charged;
        boolean refreshed;
        /** When the first attempt was sent; an invalidation created before it is not this call's. */
        Instant firstSent;

        Call(List<String> paths, Map<String, Integer> collapsed, String callerReference) {
            this.paths = paths;
            this.collapsed = collapsed;
            this.callerReference = callerReference;
            this.wildcards = wildcards(paths);
            this.files = paths.size() - wildcards;
        }
    }

    private final CloudFrontSettings settings;
    private final CloudFrontClient client;
    private final CloudFrontScopes scopes;
    private final Clock clock;
    private final FreeTierTracker freeTier;
    private final Set<String> secrets;
    private final Map<PurgeBatch, Call> calls = Collections.synchronizedMap(new WeakHashMap<>());

    public CloudFrontBackend(CloudFrontSettings settings, CloudFrontClient client, Clock clock,
                             Set<String> extraSecrets) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.scopes = new CloudFrontScopes(settings, client, clock);
        this.freeTier = settings.freeTier ? new FreeTierTracker(clock, settings.freeTierWarnAt,
                settings.freeTierHardCap, settings.freeTierStateFile) : null;
        Set<String> all = new LinkedHashSet<>(settings.secrets());
        all.addAll(extraSecrets);
        this.secrets = Set.copyOf(all);
    }

    /**
     * URLs and cache tags 3,000 per call and prefixes 15 per call: a distribution's in-flight quota, and so the
     * most one call can ever have. A host or everything is one {@code /*}. CloudFront documents no request rate;
     * "Rate exceeded" has been seen after a handful of quick calls, so calls are paced at 2 a second (burst 5).
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
    public String scope(PurgeTarget target) {
        return scopes.scope(target);
    }

    @Override
    public String describe(PurgeBatch batch) {
        Call call = call(batch);
        StringBuilder text = new StringBuilder("POST ").append(CloudFrontScopes.invalidationPath(batch.scope()))
                .append(" paths×").append(call.paths.size());
        if (call.wildcards > 0) {
            text.append(" (").append(call.wildcards).append(" wildcard").append(call.wildcards == 1 ? "" : "s")
                    .append(')');
        }
        if (!call.collapsed.isEmpty()) {
            int files = call.collapsed.values().stream().mapToInt(Integer::intValue).sum();
            text.append(", compacted ").append(files).append(" files into ").append(call.collapsed.keySet())
                    .append(": ").append(files).append(" billable paths become ").append(call.collapsed.size())
                    .append(", and everything else under those directories is invalidated too");
        }
        return text.toString();
    }

    @Override
    public OptionalInt billableItems(PurgeBatch batch) {
        return OptionalInt.of(call(batch).paths.size());
    }

    @Override
    public Optional<InFlightQuota> inFlightQuota() {
        return Optional.of(this);
    }

    @Override
    public Map<String, Integer> use(PurgeBatch batch) {
        Call call = call(batch);
        return Map.of(PATHS, call.files, WILDCARDS, call.wildcards);
    }

    @Override
    public Map<String, Integer> limits(String scope) {
        return Map.of(PATHS, CloudFrontPaths.MAX_FILE_PATHS, WILDCARDS, CloudFrontPaths.MAX_WILDCARD_PATHS);
    }

    @Override
    public boolean isQuotaFull(PurgeException error) {
        return error instanceof PurgeThrottledException && ((PurgeThrottledException) error).vendorCode()
                .filter(CloudFrontErrors.QUOTA_FULL::equals).isPresent();
    }

    @Override
    public BatchResult send(PurgeBatch batch) {
        Call call = call(batch);
        String scope = batch.scope();
        synchronized (call) {
            call.attempts++;
            if (call.firstSent == null) {
                call.firstSent = clock.instant();
            }
            if (freeTier != null && !call.charged) {
                freeTier.charge(call.paths.size(), describe(batch));
                call.charged = true;
            }
        }
        Created created = create(scope, call);
        Invalidation invalidation = created.invalidation;
        if (batch.idempotencyKey().isEmpty() && !call.refreshed
                && "Completed".equals(invalidation.status()) && invalidation.createTime() != null
                && invalidation.createTime().isBefore(call.firstSent.minusSeconds(5))) {
            // an identical purge within callerReferenceWindow, already complete: it cannot cover changes made since
            synchronized (call) {
                call.refreshed = true;
                call.callerReference = call.callerReference + "-" + UUID.randomUUID();
            }
            created = create(scope, call);
            invalidation = created.invalidation;
        }
        BatchResult.Builder result = BatchResult.builder(201).reference(invalidation.id())
                .requestId(created.requestId);
        if ("Completed".equals(invalidation.status())) {
            result.estimatedCompletion(Duration.ZERO);
        }
        return result.build();
    }

    private static final class Created {
        final Invalidation invalidation;
        final String requestId;

        Created(Invalidation invalidation, String requestId) {
            this.invalidation = invalidation;
            this.requestId = requestId;
        }
    }

    private Created create(String scope, Call call) {
        String id = CloudFrontScopes.id(scope);
        InvalidationBatch body = InvalidationBatch.builder()
                .paths(Paths.builder().quantity(call.paths.size()).items(call.paths).build())
                .callerReference(call.callerReference)
                .build();
        boolean tenant = CloudFrontScopes.isTenant(scope);
        try {
            if (tenant) {
                var response = client.createInvalidationForDistributionTenant(b -> b.id(id).invalidationBatch(body));
                return new Created(response.invalidation(), response.responseMetadata().requestId());
            }
            var response = client.createInvalidation(b -> b.distributionId(id).invalidationBatch(body));
            return new Created(response.invalidation(), response.responseMetadata().requestId());
        } catch (SdkException e) {
            PurgeException error = CloudFrontErrors.map(e, tenant ? CREATE_TENANT : CREATE,
                    CloudFrontScopes.describe(scope));
            if (!error.retryable() && freeTier != null) {
                synchronized (call) {
                    if (call.charged) {
                        freeTier.refund(call.paths.size());
                        call.charged = false;
                    }
                }
            }
            throw error;
        }
    }

    @Override
    public TargetOutcome.Status completion(String scope, String reference) {
        Invalidation invalidation = get(scope, reference);
        return "Completed".equals(invalidation.status()) ? TargetOutcome.Status.SUCCEEDED
                : TargetOutcome.Status.IN_PROGRESS;
    }

    private Invalidation get(String scope, String reference) {
        String id = CloudFrontScopes.id(scope);
        try {
            if (CloudFrontScopes.isTenant(scope)) {
                return client.getInvalidationForDistributionTenant(b -> b.distributionTenantId(id).id(reference))
                        .invalidation();
            }
            return client.getInvalidation(b -> b.distributionId(id).id(reference)).invalidation();
        } catch (SdkException e) {
            throw CloudFrontErrors.map(e, GET, reference + " on " + CloudFrontScopes.describe(scope));
        }
    }

    @Override
    public List<Work> inFlight(String scope) {
        String id = CloudFrontScopes.id(scope);
        boolean tenant = CloudFrontScopes.isTenant(scope);
        List<Work> works = new ArrayList<>();
        String marker = null;
        Instant newest = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            InvalidationList list;
            try {
                String current = marker;
                list = tenant
                        ? client.listInvalidationsForDistributionTenant(b -> b.id(id).marker(current).maxItems(100))
                        .invalidationList()
                        : client.listInvalidations(b -> b.distributionId(id).marker(current).maxItems("100"))
                        .invalidationList();
            } catch (SdkException e) {
                throw CloudFrontErrors.map(e, LIST, CloudFrontScopes.describe(scope) + " (to learn what is in "
                        + "flight before sending)");
            }
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
                Invalidation invalidation = get(scope, summary.id());
                if (!"InProgress".equals(invalidation.status())) {
                    continue;
                }
                List<String> paths = invalidation.invalidationBatch() == null
                        || invalidation.invalidationBatch().paths() == null ? List.of()
                        : invalidation.invalidationBatch().paths().items();
                int wildcards = wildcards(paths);
                works.add(new Work(summary.id(), Map.of(PATHS, paths.size() - wildcards, WILDCARDS, wildcards)));
            }
            // newest first; a large invalidation can outlast newer small ones, so read on past pages with nothing
            // in progress, until the invalidations are older than any still running could plausibly be
            if (!Boolean.TRUE.equals(list.isTruncated()) || list.nextMarker() == null
                    || !anyInProgress && olderThan(list, newest, IN_PROGRESS_HORIZON)) {
                break;
            }
            marker = list.nextMarker();
        }
        return works;
    }

    /** How many of the paths are wildcards (15 may be in flight); the rest count against the 3,000 file paths. */
    private static int wildcards(List<String> paths) {
        return (int) paths.stream().filter(CloudFrontPaths::isWildcard).count();
    }

    /** Whether the oldest invalidation of a page was created more than {@code horizon} before the newest of all. */
    private static boolean olderThan(InvalidationList list, Instant newest, Duration horizon) {
        if (newest == null || list.items().isEmpty()) {
            return true;
        }
        Instant oldest = list.items().get(list.items().size() - 1).createTime();
        return oldest != null && oldest.isBefore(newest.minus(horizon));
    }

    /** The call of a batch: its paths (compacted when enabled), counted once, and its CallerReference. */
    private Call call(PurgeBatch batch) {
        synchronized (calls) {
            Call call = calls.get(batch);
            if (call == null) {
                call = newCall(batch);
                calls.put(batch, call);
            }
            return call;
        }
    }

    private Call newCall(PurgeBatch batch) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (PurgeTarget target : batch.targets()) {
            distinct.add(CloudFrontPaths.path(target, settings.queryStrings));
        }
        List<String> paths = List.copyOf(distinct);
        Map<String, Integer> collapsed = Map.of();
        if (settings.compaction && batch.kind() == Kind.URL) {
            CloudFrontCompaction.Result result = CloudFrontCompaction.compact(paths, settings.compactionMinFiles,
                    settings.compactionMinDepth, CloudFrontPaths.MAX_WILDCARD_PATHS);
            paths = result.paths;
            collapsed = result.collapsed;
        }
        return new Call(paths, collapsed, callerReference(batch, paths));
    }

    /**
     * From the request's idempotency key when it has one, else from the content and a time window of
     * {@code callerReferenceWindow} (0: unique per purge); always distinct per scope and paths, so that the calls of
     * one purge never collide, and the same for every attempt of one call.
     */
    private String callerReference(PurgeBatch batch, List<String> paths) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        String origin;
        if (batch.idempotencyKey().isPresent()) {
            origin = "key:" + batch.idempotencyKey().get();
        } else if (settings.callerReferenceWindow.isZero()) {
            origin = "once:" + UUID.randomUUID();
        } else {
            origin = "window:" + clock.millis() / settings.callerReferenceWindow.toMillis();
        }
        digest.update(origin.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(batch.scope().getBytes(StandardCharsets.UTF_8));
        for (String path : new java.util.TreeSet<>(paths)) {
            digest.update((byte) 0);
            digest.update(path.getBytes(StandardCharsets.UTF_8));
        }
        return "cdn-purge-" + HexFormat.of().formatHex(digest.digest(), 0, 20);
    }

    @Override
    public Set<String> secrets() {
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
