package io.cdnpurge;

import io.cdnpurge.internal.TargetRules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to purge: targets of any kind, a {@link PurgeMode}, a {@link PurgeAction} and an optional idempotency key.
 * Immutable and thread-safe; the {@link Builder} is not.
 *
 * <pre>{@code
 * PurgeRequest request = PurgeRequest.builder()
 *     .url("https://www.example.com/news/42")
 *     .tag("article-42")
 *     .idempotencyKey("publish-article-42-v7")
 *     .build();
 * }</pre>
 *
 * <p>Targets keep the order they were added in. Duplicates are allowed here and are sent once.
 */
public final class PurgeRequest {
    private final List<PurgeTarget> targets;
    private final PurgeMode mode;
    private final PurgeAction action;
    private final String idempotencyKey;
    private final String tenant;

    private PurgeRequest(Builder builder) {
        this.targets = List.copyOf(builder.targets);
        this.mode = builder.mode;
        this.action = builder.action;
        this.idempotencyKey = builder.idempotencyKey;
        this.tenant = builder.tenant;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A request that purges the given URLs with the defaults. */
    public static PurgeRequest ofUrls(Collection<String> urls) {
        return builder().urls(urls).build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.targets.addAll(targets);
        builder.mode = mode;
        builder.action = action;
        builder.idempotencyKey = idempotencyKey;
        builder.tenant = tenant;
        return builder;
    }

    /** The targets in the order they were added, duplicates included. */
    public List<PurgeTarget> targets() {
        return targets;
    }

    /** {@link PurgeMode#INVALIDATE} unless set. */
    public PurgeMode mode() {
        return mode;
    }

    /** {@link PurgeAction#PURGE} unless set. */
    public PurgeAction action() {
        return action;
    }

    /**
     * A caller-chosen key that makes retries of this request safe: providers whose vendor supports idempotency
     * (CloudFront {@code CallerReference}) derive their vendor key from it.
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /**
     * The tenant whose clients purge the request, for a {@link PurgeRouter} that serves several; empty for the
     * default tenant. A client of one CDN account ignores it.
     */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PurgeRequest)) {
            return false;
        }
        PurgeRequest that = (PurgeRequest) other;
        return targets.equals(that.targets) && mode == that.mode && action == that.action
                && Objects.equals(idempotencyKey, that.idempotencyKey) && Objects.equals(tenant, that.tenant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targets, mode, action, idempotencyKey, tenant);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PurgeRequest{").append(targets.size()).append(" targets");
        int shown = Math.min(targets.size(), 5);
        if (shown > 0) {
            out.append(" ").append(targets.subList(0, shown));
        }
        if (shown < targets.size()) {
            out.append("…");
        }
        out.append(", mode=").append(mode).append(", action=").append(action);
        if (idempotencyKey != null) {
            out.append(", idempotencyKey=").append(idempotencyKey);
        }
        if (tenant != null) {
            out.append(", tenant=").append(tenant);
        }
        return out.append('}').toString();
    }

    /** Builds a {@link PurgeRequest}. Not thread-safe. Each target is checked as it is added. */
    public static final class Builder {
        private final List<PurgeTarget> targets = new ArrayList<>();
        private PurgeMode mode = PurgeMode.INVALIDATE;
        private PurgeAction action = PurgeAction.PURGE;
        private String idempotencyKey;
        private String tenant;

        private Builder() {
        }

        /** Adds one object by absolute URL. */
        public Builder url(String url) {
            return target(PurgeTarget.url(url));
        }

        /** Adds one object by URL with the request headers its custom cache key includes. */
        public Builder url(String url, Map<String, String> cacheKeyHeaders) {
            return target(PurgeTarget.url(url, cacheKeyHeaders));
        }

        /** Adds objects by absolute URL. */
        public Builder urls(Collection<String> urls) {
            Objects.requireNonNull(urls, "urls cannot be null");
            urls.forEach(this::url);
            return this;
        }

        /** Adds everything under an absolute URL prefix. */
        public Builder prefix(String prefix) {
            return target(PurgeTarget.prefix(prefix));
        }

        /** Adds everything tagged with a cache tag or surrogate key. */
        public Builder tag(String tag) {
            return target(PurgeTarget.tag(tag));
        }

        /** Adds everything tagged with any of the tags. */
        public Builder tags(Collection<String> tags) {
            Objects.requireNonNull(tags, "tags cannot be null");
            tags.forEach(this::tag);
            return this;
        }

        /** Adds everything cached for one host name. */
        public Builder host(String host) {
            return target(PurgeTarget.host(host));
        }

        /** Adds everything under an Akamai CP code. */
        public Builder cpCode(long cpCode) {
            return target(PurgeTarget.cpCode(cpCode));
        }

        /** Adds the whole zone, service or distribution. Nothing ever widens to this unless you call it. */
        public Builder everything() {
            return target(PurgeTarget.everything());
        }

        public Builder target(PurgeTarget target) {
            targets.add(Objects.requireNonNull(target, "target cannot be null"));
            return this;
        }

        public Builder targets(Collection<PurgeTarget> targets) {
            Objects.requireNonNull(targets, "targets cannot be null");
            targets.forEach(this::target);
            return this;
        }

        public Builder mode(PurgeMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode cannot be null");
            return this;
        }

        public Builder action(PurgeAction action) {
            this.action = Objects.requireNonNull(action, "action cannot be null");
            return this;
        }

        /** At most 128 printable ASCII characters; {@code null} clears it. */
        public Builder idempotencyKey(String idempotencyKey) {
            if (idempotencyKey != null
                    && (idempotencyKey.isEmpty() || idempotencyKey.length() > 128
                        || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E))) {
                throw new InvalidPurgeRequestException("idempotencyKey " + TargetRules.quote(idempotencyKey)
                        + " must be 1 to 128 printable ASCII characters without spaces");
            }
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * The tenant whose clients purge the request (a {@link PurgeRouter}'s tenants); letters, digits, '.', '_' and
         * '-'; {@code null} for the default tenant.
         */
        public Builder tenant(String tenant) {
            if (tenant != null && !tenant.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new InvalidPurgeRequestException("tenant " + TargetRules.quote(tenant) + " must be 1 to 64 "
                        + "letters, digits, '.', '_' or '-'");
            }
            this.tenant = tenant;
            return this;
        }

        /** Replaces the targets (for a router splitting a request between clients). */
        public Builder replaceTargets(Collection<PurgeTarget> newTargets) {
            Objects.requireNonNull(newTargets, "targets cannot be null");
            targets.clear();
            newTargets.forEach(this::target);
            return this;
        }

        /** @throws InvalidPurgeRequestException when no target was added */
        public PurgeRequest build() {
            if (targets.isEmpty()) {
                throw new InvalidPurgeRequestException("the request has no targets: add at least one with url(), "
                        + "prefix(), tag(), host(), cpCode() or everything()");
            }
            return new PurgeRequest(this);
        }
    }
}
