package io.cdnpurge;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A dry run: the vendor calls a purge would make, without making them. Immutable and thread-safe.
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

    public PurgePlan(String providerId, List<PlannedCall> calls, int targetCount, int duplicatesRemoved,
                     int minimumCalls, List<String> notes) {
        this(providerId, calls, targetCount, duplicatesRemoved, minimumCalls, notes, OptionalLong.empty());
    }

    /** @param billableItems what the vendor would bill for the calls, where it bills per item */
    public PurgePlan(String providerId, List<PlannedCall> calls, int targetCount, int duplicatesRemoved,
                     int minimumCalls, List<String> notes, OptionalLong billableItems) {
        this.billableItems = Objects.requireNonNull(billableItems, "billableItems cannot be null").orElse(-1);
        this.providerId = Objects.requireNonNull(providerId, "providerId cannot be null");
        this.calls = List.copyOf(calls);
        this.targetCount = targetCount;
        this.duplicatesRemoved = duplicatesRemoved;
        this.minimumCalls = minimumCalls;
        this.notes = List.copyOf(notes);
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

    /** Remarks the provider or the planner made (for example how zones were resolved). */
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

    /** One vendor call of a plan. Immutable and thread-safe. */
    public static final class PlannedCall {
        private final PurgeTarget.Kind kind;
        private final String scope;
        private final List<PurgeTarget> targets;
        private final int bytes;
        private final String description;

        public PlannedCall(PurgeTarget.Kind kind, String scope, List<PurgeTarget> targets, int bytes,
                           String description) {
            this.kind = Objects.requireNonNull(kind, "kind cannot be null");
            this.scope = Objects.requireNonNull(scope, "scope cannot be null");
            this.targets = List.copyOf(targets);
            this.bytes = bytes;
            this.description = Objects.requireNonNull(description, "description cannot be null");
        }

        /** The one kind of target this call carries. */
        public PurgeTarget.Kind kind() {
            return kind;
        }

        /** Where the call goes within the account: a zone, service or distribution id (may be empty). */
        public String scope() {
            return scope;
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
    }
}
