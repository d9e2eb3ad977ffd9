package io.cdnpurge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A dry run: the vendor calls a purge would make, without making them or any other request. A scope that only the
 * vendor can tell (a Cloudflare zone looked up by host name, a CloudFront distribution found by alias) is shown as
 * such: {@link PlannedCall#scopeKnown()} is false and its description names what would be looked up. Immutable and
 * thread-safe; the {@link Builder} is not.
 *
 * <pre>{@code
 * PurgePlan plan = cdn.plan(request);
 * log.info("{} calls for {} targets", plan.calls().size(), plan.targetCount());
 * }</pre>
 */
public final class PurgePlan {
    private final String providerId;
    private final List<PlannedCall> calls;
    private final int targetCount;
    private final int duplicatesRemoved;
    private final int minimumCalls;
    private final List<String> notes;
    private final long billableItems;
    private final List<PurgePlan> parts;

    private PurgePlan(Builder builder) {
        this.providerId = Objects.requireNonNull(builder.providerId, "providerId cannot be null");
        this.calls = List.copyOf(builder.calls);
        this.targetCount = builder.targetCount;
        this.duplicatesRemoved = builder.duplicatesRemoved;
        this.minimumCalls = builder.minimumCalls;
        this.notes = List.copyOf(builder.notes);
        this.billableItems = builder.billableItems;
        this.parts = builder.parts == null ? null : List.copyOf(builder.parts);
    }

    public static Builder builder(String providerId) {
        return new Builder(providerId);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(providerId);
        builder.calls.addAll(calls);
        builder.targetCount = targetCount;
        builder.duplicatesRemoved = duplicatesRemoved;
        builder.minimumCalls = minimumCalls;
        builder.notes.addAll(notes);
        builder.billableItems = billableItems;
        builder.parts = parts;
        return builder;
    }

    /** The plan of each client a router would send targets to; a plan of one client is its only part. */
    public List<PurgePlan> parts() {
        return parts == null ? List.of(this) : parts;
    }

    public String providerId() {
        return providerId;
    }

    /** The vendor calls in the order they are sent (up to the configured concurrency at a time). */
    public List<PlannedCall> calls() {
        return calls;
    }

    /** Distinct targets covered by the calls. */
    public int targetCount() {
        return targetCount;
    }

    /** Targets dropped because they repeated an earlier one. */
    public int duplicatesRemoved() {
        return duplicatesRemoved;
    }

    /**
     * The lower bound on calls for these targets under the provider's limits (per kind and scope: the larger of
     * items ÷ item limit and bytes ÷ byte limit, rounded up). A plan at this figure cannot be beaten.
     */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** Remarks the provider or the planner made: scopes still to be looked up, targets that cannot be sent. */
    public List<String> notes() {
        return notes;
    }

    /**
     * What the vendor would bill for these calls, in its units (CloudFront: paths, a wildcard counting one);
     * empty for vendors that do not bill per item.
     */
    public OptionalLong billableItems() {
        return billableItems < 0 ? OptionalLong.empty() : OptionalLong.of(billableItems);
    }

    @Override
    public String toString() {
        return "PurgePlan{" + providerId + ", " + calls.size() + " calls (minimum " + minimumCalls + ") for "
                + targetCount + " targets, " + duplicatesRemoved + " duplicates removed"
                + (billableItems < 0 ? "" : ", " + billableItems + " billable") + "}";
    }

    /** Builds a {@link PurgePlan}. Not thread-safe. */
    public static final class Builder {
        private final String providerId;
        private final List<PlannedCall> calls = new ArrayList<>();
        private int targetCount;
        private int duplicatesRemoved;
        private int minimumCalls;
        private final List<String> notes = new ArrayList<>();
        private long billableItems = -1;
        private List<PurgePlan> parts;

        private Builder(String providerId) {
            this.providerId = Objects.requireNonNull(providerId, "providerId cannot be null");
        }

        public Builder call(PlannedCall call) {
            calls.add(Objects.requireNonNull(call, "call cannot be null"));
            return this;
        }

        public Builder targetCount(int count) {
            this.targetCount = count;
            return this;
        }

        public Builder duplicatesRemoved(int count) {
            this.duplicatesRemoved = count;
            return this;
        }

        public Builder minimumCalls(int count) {
            this.minimumCalls = count;
            return this;
        }

        public Builder note(String remark) {
            notes.add(Objects.requireNonNull(remark, "note cannot be null"));
            return this;
        }

        /** What the vendor would bill, where it bills per item; empty for none. */
        public Builder billableItems(OptionalLong items) {
            this.billableItems = Objects.requireNonNull(items, "billableItems cannot be null").orElse(-1);
            return this;
        }

        /** The plans of the clients a router combined into this one. */
        public Builder parts(List<PurgePlan> clientPlans) {
            this.parts = List.copyOf(clientPlans);
            return this;
        }

        public PurgePlan build() {
            return new PurgePlan(this);
        }
    }

    /** One vendor call of a plan. Immutable and thread-safe; the {@link Builder} is not. */
    public static final class PlannedCall {
        private final PurgeTarget.Kind kind;
        private final String scope;
        private final boolean scopeKnown;
        private final List<PurgeTarget> targets;
        private final int bytes;
        private final String description;

        private PlannedCall(Builder builder) {
            this.kind = Objects.requireNonNull(builder.kind, "kind cannot be null");
            this.scope = Objects.requireNonNull(builder.scope, "scope cannot be null");
            this.scopeKnown = builder.scopeKnown;
            this.targets = List.copyOf(builder.targets);
            this.bytes = builder.bytes;
            this.description = Objects.requireNonNull(builder.description, "description cannot be null");
            if (this.targets.isEmpty()) {
                throw new IllegalArgumentException("a planned call needs at least one target");
            }
        }

        /**
         * @param kind        the one kind of target the call carries
         * @param description what the call is, in the vendor's terms
         */
        public static Builder builder(PurgeTarget.Kind kind, String description) {
            return new Builder(kind, description);
        }

        public Builder toBuilder() {
            Builder builder = new Builder(kind, description);
            builder.scope = scope;
            builder.scopeKnown = scopeKnown;
            builder.targets.addAll(targets);
            builder.bytes = bytes;
            return builder;
        }

        /** The one kind of target this call carries. */
        public PurgeTarget.Kind kind() {
            return kind;
        }

        /**
         * Where the call goes within the account: a zone, service or distribution id (may be empty); when
         * {@link #scopeKnown()} is false, what the vendor would be asked, e.g. {@code {zone of www.example.com}}.
         */
        public String scope() {
            return scope;
        }

        /** False when the scope is only known once the vendor is asked (a look-up a purge makes, a plan does not). */
        public boolean scopeKnown() {
            return scopeKnown;
        }

        public List<PurgeTarget> targets() {
            return targets;
        }

        /** The size of the targets as the provider measures them against its byte limit (0 when it has none). */
        public int bytes() {
            return bytes;
        }

        /** What the call is, in the vendor's terms, e.g. {@code POST /zones/023e…/purge_cache files×30}. */
        public String description() {
            return description;
        }

        @Override
        public String toString() {
            return description;
        }

        /** Builds a {@link PlannedCall}. Not thread-safe. */
        public static final class Builder {
            private final PurgeTarget.Kind kind;
            private final String description;
            private String scope = "";
            private boolean scopeKnown = true;
            private final List<PurgeTarget> targets = new ArrayList<>();
            private int bytes;

            private Builder(PurgeTarget.Kind kind, String description) {
                this.kind = Objects.requireNonNull(kind, "kind cannot be null");
                this.description = Objects.requireNonNull(description, "description cannot be null");
            }

            /** A scope the client knows. */
            public Builder scope(String where) {
                this.scope = Objects.requireNonNull(where, "scope cannot be null");
                this.scopeKnown = true;
                return this;
            }

            /** A scope only the vendor can tell, described by what would be looked up. */
            public Builder unknownScope(String placeholder) {
                this.scope = Objects.requireNonNull(placeholder, "placeholder cannot be null");
                this.scopeKnown = false;
                return this;
            }

            public Builder targets(List<PurgeTarget> carried) {
                targets.clear();
                targets.addAll(carried);
                return this;
            }

            public Builder bytes(int size) {
                this.bytes = size;
                return this;
            }

            public PlannedCall build() {
                return new PlannedCall(this);
            }
        }
    }
}
