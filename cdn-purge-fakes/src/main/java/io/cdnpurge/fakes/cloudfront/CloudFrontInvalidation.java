package io.cdnpurge.fakes.cloudfront;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One invalidation that {@link FakeCloudFrontApi} stored: what the client asked to invalidate, where, and when.
 *
 * <pre>{@code
 * CloudFrontInvalidation invalidation = cloudFront.invalidations().get(0);
 * assertThat(invalidation.paths()).containsExactly("/index.html", "/img/*");
 * assertThat(invalidation.wildcardPaths()).isEqualTo(1);
 * }</pre>
 *
 * <p>A path ending in {@code *} counts as a wildcard path; every other item, {@code #tag} items included, counts as a
 * file path, as CloudFront counts them against its in-flight quotas.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CloudFrontInvalidation {
    private final String id;
    private final String distributionId;
    private final String tenantId;
    private final String callerReference;
    private final List<String> paths;
    private final Instant createTime;
    private final int filePaths;
    private final int wildcardPaths;

    CloudFrontInvalidation(String id, String distributionId, String tenantId, String callerReference,
                           List<String> paths, Instant createTime) {
        this.id = Objects.requireNonNull(id, "id cannot be null");
        this.distributionId = Objects.requireNonNull(distributionId, "distributionId cannot be null");
        this.tenantId = tenantId;
        this.callerReference = Objects.requireNonNull(callerReference, "callerReference cannot be null");
        this.paths = List.copyOf(paths);
        this.createTime = Objects.requireNonNull(createTime, "createTime cannot be null");
        this.wildcardPaths = (int) this.paths.stream().filter(CloudFrontInvalidation::isWildcard).count();
        this.filePaths = this.paths.size() - wildcardPaths;
    }

    /** Whether CloudFront counts this item as a wildcard path: it ends in {@code *}. */
    static boolean isWildcard(String path) {
        return path.endsWith("*");
    }

    /** The invalidation id the fake answered with, {@code I} and 13 upper-case letters or digits. */
    public String id() {
        return id;
    }

    /** The distribution, or for a tenant's invalidation the tenant's distribution. */
    public String distributionId() {
        return distributionId;
    }

    /** The distribution tenant, when the invalidation was created through the tenant's route. */
    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public String callerReference() {
        return callerReference;
    }

    /** The paths and {@code #tag} items, in the order sent. */
    public List<String> paths() {
        return paths;
    }

    /** The fake clock's time of creation, in whole milliseconds as on the wire. */
    public Instant createTime() {
        return createTime;
    }

    /** How many items are not wildcards, {@code #tag} items included. */
    public int filePaths() {
        return filePaths;
    }

    /** How many items end in {@code *}. */
    public int wildcardPaths() {
        return wildcardPaths;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CloudFrontInvalidation)) {
            return false;
        }
        CloudFrontInvalidation that = (CloudFrontInvalidation) other;
        return id.equals(that.id) && distributionId.equals(that.distributionId)
                && Objects.equals(tenantId, that.tenantId) && callerReference.equals(that.callerReference)
                && paths.equals(that.paths) && createTime.equals(that.createTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, distributionId, tenantId, callerReference, paths, createTime);
    }

    @Override
    public String toString() {
        return "CloudFrontInvalidation{" + id + " on " + distributionId
                + (tenantId == null ? "" : " tenant " + tenantId) + ", callerReference=" + callerReference
                + ", " + filePaths + " file and " + wildcardPaths + " wildcard paths, created " + createTime + "}";
    }
}
