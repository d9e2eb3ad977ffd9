package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.VendorRequests;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.InvalidationBatch;
import software.amazon.awssdk.services.cloudfront.model.Paths;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One invalidation, worked out once from its batch so that every attempt sends the same paths and
 * {@code CallerReference}: the paths (compacted into wildcards when enabled), what it counts against the in-flight
 * quota, and what it bills. Thread-safe.
 */
final class CloudFrontCall implements PurgeCall {
    private static final String CREATE = "cloudfront:CreateInvalidation";
    private static final String CREATE_TENANT = "cloudfront:CreateInvalidationForDistributionTenant";

    private final PurgeBatch batch;
    private final CloudFrontClient client;
    private final Clock clock;
    private final FreeTierTracker freeTier;
    private final List<String> paths;
    private final int files;
    private final int wildcards;
    private final Map<String, Integer> collapsed;
    /** Guarded by this. */
    private String callerReference;
    private boolean charged;
    private boolean refreshed;
    /** When the first attempt was sent; an invalidation created before it is not this call's. */
    private Instant firstSent;

    /** The client's name, the prefix of the keys an error names. */
    private final String clientName;

    CloudFrontCall(PurgeBatch batch, CloudFrontSettings settings, CloudFrontClient client, Clock clock,
                   FreeTierTracker freeTier) {
        this.clientName = settings.clientName;
        this.batch = batch;
        this.client = client;
        this.clock = clock;
        this.freeTier = freeTier;
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (PurgeTarget target : batch.targets()) {
            distinct.add(CloudFrontPaths.path(target, settings.queryStrings));
        }
        List<String> planned = List.copyOf(distinct);
        Map<String, Integer> compacted = Map.of();
        if (settings.compaction && batch.kind() == Kind.URL) {
            CloudFrontCompaction.Result result = CloudFrontCompaction.compact(planned, settings.compactionMinFiles,
                    settings.compactionMinDepth, CloudFrontPaths.MAX_WILDCARD_PATHS);
            planned = result.paths;
            compacted = result.collapsed;
        }
        this.paths = planned;
        this.collapsed = compacted;
        this.wildcards = wildcards(planned);
        this.files = planned.size() - wildcards;
        this.callerReference = callerReference(batch, planned, settings, clock);
    }

    @Override
    public PurgeBatch batch() {
        return batch;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("POST ").append(CloudFrontScopes.invalidationPath(batch.scope()))
                .append(" paths×").append(paths.size());
        if (wildcards > 0) {
            text.append(" (").append(wildcards).append(" wildcard").append(wildcards == 1 ? "" : "s").append(')');
        }
        if (!collapsed.isEmpty()) {
            int compactedFiles = collapsed.values().stream().mapToInt(Integer::intValue).sum();
            text.append(", compacted ").append(compactedFiles).append(" files into ").append(collapsed.keySet())
                    .append(": ").append(compactedFiles).append(" billable paths become ").append(collapsed.size())
                    .append(", and everything else under those directories is invalidated too");
        }
        return text.toString();
    }

    @Override
    public OptionalInt billableItems() {
        return OptionalInt.of(paths.size());
    }

    @Override
    public Map<String, Integer> quotaUse() {
        return Map.of(CloudFrontBackend.PATHS, files, CloudFrontBackend.WILDCARDS, wildcards);
    }

    @Override
    public BatchResult send(VendorRequests requests) {
        synchronized (this) {
            if (firstSent == null) {
                firstSent = clock.instant();
            }
            if (freeTier != null && !charged) {
                freeTier.charge(paths.size(), describe());
                charged = true;
            }
        }
        Created created = requests.send(PurgeEvent.Purpose.PURGE, null, this::create);
        Invalidation invalidation = created.invalidation;
        boolean stale;
        synchronized (this) {
            stale = batch.idempotencyKey().isEmpty() && !refreshed && "Completed".equals(invalidation.status())
                    && invalidation.createTime() != null && invalidation.createTime().isBefore(firstSent.minusSeconds(5));
            if (stale) {
                // an identical purge within callerReferenceWindow, already complete: it cannot cover changes made since
                refreshed = true;
                callerReference = callerReference + "-" + UUID.randomUUID();
            }
        }
        if (stale) {
            created = requests.send(PurgeEvent.Purpose.PURGE, describe() + " (a new invalidation: the identical one "
                    + invalidation.id() + " is complete)", this::create);
            invalidation = created.invalidation;
        }
        BatchResult.Builder result = BatchResult.builder(201).reference(invalidation.id())
                .requestId(created.requestId);
        if ("Completed".equals(invalidation.status())) {
            result.estimatedCompletion(Duration.ZERO);
        } else {
            result.completion(CloudFrontBackend.completion(client, batch.scope(), invalidation.id(), clock,
                    clientName));
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

    /** One CreateInvalidation, whose answer must be an invalidation with an id and a status. */
    private Created create() {
        String scope = batch.scope();
        String id = CloudFrontScopes.id(scope);
        String reference;
        synchronized (this) {
            reference = callerReference;
        }
        InvalidationBatch body = InvalidationBatch.builder()
                .paths(Paths.builder().quantity(paths.size()).items(paths).build())
                .callerReference(reference)
                .build();
        boolean tenant = CloudFrontScopes.isTenant(scope);
        Created created;
        try {
            if (tenant) {
                var response = client.createInvalidationForDistributionTenant(b -> b.id(id).invalidationBatch(body));
                created = new Created(response.invalidation(), response.responseMetadata().requestId());
            } else {
                var response = client.createInvalidation(b -> b.distributionId(id).invalidationBatch(body));
                created = new Created(response.invalidation(), response.responseMetadata().requestId());
            }
        } catch (SdkException e) {
            PurgeException error = CloudFrontErrors.map(e, tenant ? CREATE_TENANT : CREATE,
                    CloudFrontScopes.describe(scope), clock, clientName);
            if (!error.retryable() && freeTier != null) {
                synchronized (this) {
                    if (charged) {
                        freeTier.refund(paths.size());
                        charged = false;
                    }
                }
            }
            throw error;
        }
        if (created.invalidation == null || created.invalidation.id() == null || created.invalidation.status() == null) {
            throw CloudFrontBackend.unrecognised("CreateInvalidation on " + CloudFrontScopes.describe(scope),
                    created.requestId);
        }
        return created;
    }

    /** GetInvalidation (or its tenant form) through the engine, as a status question. */
    static Invalidation get(CloudFrontClient client, String scope, String reference, VendorRequests requests,
                            Clock clock, String clientName) {
        String id = CloudFrontScopes.id(scope);
        return requests.send(PurgeEvent.Purpose.STATUS, "GET " + CloudFrontScopes.invalidationPath(scope) + "/"
                + reference, () -> {
                    Invalidation invalidation;
                    try {
                        invalidation = CloudFrontScopes.isTenant(scope)
                                ? client.getInvalidationForDistributionTenant(b -> b.distributionTenantId(id)
                                .id(reference)).invalidation()
                                : client.getInvalidation(b -> b.distributionId(id).id(reference)).invalidation();
                    } catch (SdkException e) {
                        throw CloudFrontErrors.map(e, CloudFrontBackend.GET + (CloudFrontScopes.isTenant(scope)
                                ? "ForDistributionTenant" : ""), reference + " on " + CloudFrontScopes.describe(scope),
                                clock, clientName);
                    }
                    if (invalidation == null || invalidation.status() == null) {
                        throw CloudFrontBackend.unrecognised("GetInvalidation of " + reference, null);
                    }
                    return invalidation;
                });
    }

    /** How many of the paths are wildcards (15 may be in flight); the rest count against the 3,000 file paths. */
    static int wildcards(List<String> paths) {
        return (int) paths.stream().filter(CloudFrontPaths::isWildcard).count();
    }

    /**
     * From the request's idempotency key when it has one, else from the content and a time window of
     * {@code callerReferenceWindow} (0: unique per purge); always distinct per scope and paths, so that the calls of
     * one purge never collide, and the same for every attempt of one call.
     */
    private static String callerReference(PurgeBatch batch, List<String> paths, CloudFrontSettings settings,
                                          Clock clock) {
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
        for (String path : new TreeSet<>(paths)) {
            digest.update((byte) 0);
            digest.update(path.getBytes(StandardCharsets.UTF_8));
        }
        return "cdn-purge-" + HexFormat.of().formatHex(digest.digest(), 0, 20);
    }
}
