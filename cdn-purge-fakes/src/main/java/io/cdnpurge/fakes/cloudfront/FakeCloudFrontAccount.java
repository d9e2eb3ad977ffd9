package io.cdnpurge.fakes.cloudfront;

import io.cdnpurge.fakes.cloudfront.FakeCloudFrontXml.Batch;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontXml.Distribution;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontXml.Failure;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontXml.Summary;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The state behind {@link FakeCloudFrontApi}: distributions, tenants and invalidations, with CloudFront's
 * CallerReference rules and in-flight quotas. Not thread-safe: the fake calls it under its lock.
 */
final class FakeCloudFrontAccount {
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int DEFAULT_MAX_ITEMS = 100;

    private final Map<String, List<String>> distributions = new LinkedHashMap<>();
    private final Map<String, Scope> tenants = new LinkedHashMap<>();
    private final List<CloudFrontInvalidation> invalidations = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Random random = new Random();
    private Duration completionDelay = Duration.ofSeconds(2);
    private int fileQuota = 3000;
    private int wildcardQuota = 15;
    private int tooManyInvalidationsAnswers;
    private int maxFilePathsInFlight;
    private int maxWildcardPathsInFlight;

    /** Where an invalidation is made: a distribution, or a tenant of one ({@code tenantId} null for the former). */
    record Scope(String distributionId, String tenantId) {
        boolean owns(CloudFrontInvalidation invalidation) {
            return distributionId.equals(invalidation.distributionId())
                    && Objects.equals(tenantId, invalidation.tenantId().orElse(null));
        }
    }

    void distribution(String id, List<String> aliases) {
        distributions.put(id, List.copyOf(aliases));
    }

    /** The first distribution registered, or null. */
    String firstDistribution() {
        return distributions.isEmpty() ? null : distributions.keySet().iterator().next();
    }

    boolean hasDistribution(String id) {
        return distributions.containsKey(id);
    }

    void tenant(String tenantId, String distributionId) {
        tenants.put(tenantId, new Scope(distributionId, tenantId));
    }

    void completionDelay(Duration delay) {
        completionDelay = delay;
    }

    void quotas(int files, int wildcards) {
        fileQuota = files;
        wildcardQuota = wildcards;
    }

    Scope distributionScope(String id) {
        if (!distributions.containsKey(id)) {
            throw new Failure(404, "NoSuchDistribution", "The specified distribution does not exist.");
        }
        return new Scope(id, null);
    }

    Scope tenantScope(String id) {
        Scope scope = tenants.get(id);
        if (scope == null) {
            throw new Failure(404, "EntityNotFound", "The entity was not found: no distribution tenant '" + id + "'.");
        }
        return scope;
    }

    /**
     * Creates an invalidation, or returns the one made earlier in the same scope with the same CallerReference and
     * the same set of paths.
     */
    CloudFrontInvalidation create(Scope scope, Batch batch, Instant now) {
        for (CloudFrontInvalidation earlier : invalidations) {
            if (scope.owns(earlier) && earlier.callerReference().equals(batch.callerReference())) {
                if (Set.copyOf(earlier.paths()).equals(Set.copyOf(batch.paths()))) {
                    return earlier;
                }
                throw new Failure(409, "InvalidationBatchAlreadyExists", "An invalidation with CallerReference '"
                        + batch.callerReference() + "' already exists with different paths (" + earlier.id() + ").");
            }
        }
        CloudFrontInvalidation candidate = newInvalidation(scope, batch.callerReference(), batch.paths(), now);
        int files = inFlight(scope.distributionId(), now, CloudFrontInvalidation::filePaths);
        int wildcards = inFlight(scope.distributionId(), now, CloudFrontInvalidation::wildcardPaths);
        if (files + candidate.filePaths() > fileQuota) {
            tooManyInvalidationsAnswers++;
            throw new Failure(400, "TooManyInvalidationsInProgress", "Processing your request will cause you to "
                    + "exceed the maximum number of in-progress invalidations.");
        }
        if (wildcards + candidate.wildcardPaths() > wildcardQuota) {
            tooManyInvalidationsAnswers++;
            throw new Failure(400, "TooManyInvalidationsInProgress", "Processing your request will cause you to "
                    + "exceed the maximum number of in-progress wildcard invalidations.");
        }
        return store(candidate, now);
    }

    /** Someone else's invalidation, stored as it is: it does not count against the quotas when made. */
    CloudFrontInvalidation inProgress(String distributionId, int files, int wildcards, Instant now) {
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= files; i++) {
            paths.add("/other-" + i);
        }
        for (int i = 1; i <= wildcards; i++) {
            paths.add("/other-dir-" + i + "/*");
        }
        String id = newId();
        CloudFrontInvalidation invalidation = new CloudFrontInvalidation(id, distributionId, null, "other-" + id,
                paths, now.truncatedTo(ChronoUnit.MILLIS));
        return store(invalidation, now);
    }

    CloudFrontInvalidation get(Scope scope, String id) {
        for (CloudFrontInvalidation invalidation : invalidations) {
            if (invalidation.id().equals(id) && scope.owns(invalidation)) {
                return invalidation;
            }
        }
        throw new Failure(404, "NoSuchInvalidation", "The specified invalidation does not exist.");
    }

    String status(CloudFrontInvalidation invalidation, Instant now) {
        return inProgressAt(invalidation, now) ? "InProgress" : "Completed";
    }

    /** A scope's invalidations, newest first, as an {@code InvalidationList}. */
    String list(Scope scope, String marker, String maxItems, Instant now) {
        List<CloudFrontInvalidation> newestFirst = new ArrayList<>();
        for (int i = invalidations.size() - 1; i >= 0; i--) {
            if (scope.owns(invalidations.get(i))) {
                newestFirst.add(invalidations.get(i));
            }
        }
        int max = maxItems(maxItems);
        Page<CloudFrontInvalidation> page = page(newestFirst, CloudFrontInvalidation::id, marker, max, "invalidation");
        List<Summary> summaries = new ArrayList<>();
        page.items().forEach(inv -> summaries.add(new Summary(inv.id(), inv.createTime(), status(inv, now))));
        return FakeCloudFrontXml.invalidationList(page.marker(), page.nextMarker(), max, summaries);
    }

    /** Every distribution, in the order registered, as a {@code DistributionList}. */
    String listDistributions(String marker, String maxItems) {
        List<Distribution> all = new ArrayList<>();
        distributions.forEach((id, aliases) -> all.add(new Distribution(id, aliases)));
        int max = maxItems(maxItems);
        Page<Distribution> page = page(all, Distribution::id, marker, max, "distribution");
        return FakeCloudFrontXml.distributionList(page.marker(), page.nextMarker(), max, page.items());
    }

    List<CloudFrontInvalidation> invalidations() {
        return List.copyOf(invalidations);
    }

    int tooManyInvalidationsAnswers() {
        return tooManyInvalidationsAnswers;
    }

    int maxFilePathsInFlight() {
        return maxFilePathsInFlight;
    }

    int maxWildcardPathsInFlight() {
        return maxWildcardPathsInFlight;
    }

    private CloudFrontInvalidation newInvalidation(Scope scope, String callerReference, List<String> paths,
                                                   Instant now) {
        return new CloudFrontInvalidation(newId(), scope.distributionId(), scope.tenantId(), callerReference, paths,
                now.truncatedTo(ChronoUnit.MILLIS));
    }

    /** {@code I} and 13 upper-case letters or digits, like CloudFront's, never the same twice. */
    private String newId() {
        String id;
        do {
            StringBuilder chars = new StringBuilder("I");
            for (int i = 0; i < 13; i++) {
                chars.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
            }
            id = chars.toString();
        } while (!ids.add(id));
        return id;
    }

    private CloudFrontInvalidation store(CloudFrontInvalidation invalidation, Instant now) {
        invalidations.add(invalidation);
        maxFilePathsInFlight = Math.max(maxFilePathsInFlight,
                inFlight(invalidation.distributionId(), now, CloudFrontInvalidation::filePaths));
        maxWildcardPathsInFlight = Math.max(maxWildcardPathsInFlight,
                inFlight(invalidation.distributionId(), now, CloudFrontInvalidation::wildcardPaths));
        return invalidation;
    }

    /** The paths of a distribution's invalidations still in progress, its tenants' included. */
    private int inFlight(String distributionId, Instant now, Function<CloudFrontInvalidation, Integer> count) {
        int sum = 0;
        for (CloudFrontInvalidation invalidation : invalidations) {
            if (invalidation.distributionId().equals(distributionId) && inProgressAt(invalidation, now)) {
                sum += count.apply(invalidation);
            }
        }
        return sum;
    }

    private boolean inProgressAt(CloudFrontInvalidation invalidation, Instant now) {
        return now.isBefore(invalidation.createTime().plus(completionDelay));
    }

    private static int maxItems(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_MAX_ITEMS;
        }
        try {
            int max = Integer.parseInt(text);
            if (max >= 1) {
                return max;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw FakeCloudFrontXml.invalidArgument("MaxItems must be a positive integer, got '" + text + "'");
    }

    private record Page<T>(List<T> items, String marker, String nextMarker) {
    }

    /** The items after the one whose id is {@code marker} (from the start when it is empty), at most {@code max}. */
    private static <T> Page<T> page(List<T> all, Function<T, String> id, String marker, int max, String kind) {
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            from = -1;
            for (int i = 0; i < all.size() && from < 0; i++) {
                if (id.apply(all.get(i)).equals(marker)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw FakeCloudFrontXml.invalidArgument("Marker '" + marker + "' is not the id of a " + kind
                        + " in this list");
            }
        }
        int to = (int) Math.min(all.size(), (long) from + max);
        List<T> items = List.copyOf(all.subList(from, to));
        String next = to < all.size() && !items.isEmpty() ? id.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, marker == null ? "" : marker, next);
    }
}
