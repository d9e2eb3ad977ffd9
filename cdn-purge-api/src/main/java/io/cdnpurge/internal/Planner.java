package io.cdnpurge.internal;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Splits a validated request into the fewest vendor calls: one kind and one scope per call, duplicates once,
 * within the item limit and (where the vendor has one) the byte limit of each kind. Placing targets needs no I/O:
 * a scope only the vendor can tell is a look-up, made by a purge and shown as such by a plan.
 *
 * <p>Targets are handled by their index in the list of distinct targets, four bytes each, so that a plan of a million
 * URLs costs a few megabytes beside the URLs themselves, and every step is linear in the targets (or n log n for the
 * byte-limited packing).
 */
final class Planner {
    private Planner() {
    }

    /** The distinct targets of a request, in the order of their first occurrence. */
    static final class Distinct {
        /** The request's own list when it has no duplicates. */
        final List<PurgeTarget> targets;
        final int duplicates;
        /**
         * The request-body bytes of each target of a kind the vendor limits by bytes, by index, as validation found
         * them; null when no kind of the request is.
         */
        int[] sizes;

        Distinct(List<PurgeTarget> targets, int duplicates) {
            this.targets = targets;
            this.duplicates = duplicates;
        }
    }

    /** Where the targets of a plan's calls stand in the list of distinct targets. */
    static Distinct distinct(List<PurgeTarget> targets) {
        int n = targets.size();
        if (n < 2) {
            return new Distinct(targets, 0);
        }
        // open addressing over indices: 4 bytes a slot, at most half full
        int capacity = Integer.highestOneBit(n - 1) << 2;
        int mask = capacity - 1;
        int[] table = new int[capacity];
        BitSet repeated = null;
        for (int i = 0; i < n; i++) {
            PurgeTarget target = targets.get(i);
            int h = target.hashCode() * 0x9E3779B9;
            int slot = (h ^ h >>> 16) & mask;
            while (true) {
                int held = table[slot];
                if (held == 0) {
                    table[slot] = i + 1;
                    break;
                }
                if (targets.get(held - 1).equals(target)) {
                    if (repeated == null) {
                        repeated = new BitSet(n);
                    }
                    repeated.set(i);
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        if (repeated == null) {
            return new Distinct(targets, 0);
        }
        int duplicates = repeated.cardinality();
        List<PurgeTarget> distinct = new ArrayList<>(n - duplicates);
        for (int i = 0; i < n; i++) {
            if (!repeated.get(i)) {
                distinct.add(targets.get(i));
            }
        }
        return new Distinct(distinct, duplicates);
    }

    /** A group of targets: one kind, and a known scope or the key of the look-up that will tell it. */
    private static final class GroupKey {
        final PurgeTarget.Kind kind;
        final String where;
        final boolean known;
        private final int hash;

        GroupKey(PurgeTarget.Kind kind, String where, boolean known) {
            this.kind = kind;
            this.where = where;
            this.known = known;
            this.hash = (kind.ordinal() * 31 + where.hashCode()) * 2 + (known ? 1 : 0);
        }

        boolean is(PurgeTarget.Kind otherKind, String otherWhere, boolean otherKnown) {
            return kind == otherKind && known == otherKnown && where.equals(otherWhere);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GroupKey && ((GroupKey) other).is(kind, where, known);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Targets that cannot be sent, by index, and why. */
    static final class Failed {
        final IntList indices;
        final PurgeException error;

        Failed(IntList indices, PurgeException error) {
            this.indices = indices;
            this.error = error;
        }
    }

    /**
     * Where each distinct target goes, as far as the provider knows without asking the vendor: target indices grouped
     * by kind and scope (or look-up) as they are placed.
     */
    static final class Placement {
        final List<PurgeTarget> distinct;
        final int duplicates;
        /** Target indices by kind and known scope, or by kind and look-up key, in the order of their first target. */
        private final Map<GroupKey, IntList> groups = new LinkedHashMap<>();
        /** The placeholder of each look-up, by key, in the order of their first target. */
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private final List<Failed> unscoped = new ArrayList<>();

        private final int[] sizes;

        private Placement(Distinct distinct) {
            this.distinct = distinct.targets;
            this.duplicates = distinct.duplicates;
            this.sizes = distinct.sizes;
        }

        /** The look-ups the placement needs, each once, in the order of their first target. */
        Set<String> lookups() {
            return placeholders.keySet();
        }
    }

    /** One call of a plan: the kind, the scope and the indices, among the distinct targets, of its targets. */
    static final class CallSpec {
        final PurgeTarget.Kind kind;
        final String scope;
        final IntList indices;
        /** The bytes of the call's request body where the vendor limits them, else 0. */
        final int bytes;

        CallSpec(PurgeTarget.Kind kind, String scope, IntList indices, int bytes) {
            this.kind = kind;
            this.scope = scope;
            this.indices = indices;
            this.bytes = bytes;
        }
    }

    /**
     * The calls of a request, and the targets that cannot be sent. A purge's calls are made from their specs when
     * they are about to run, so that a plan of a million URLs holds no batch, no request and no description until
     * then.
     */
    static final class Plan {
        final PurgeRequest request;
        final List<PurgeTarget> distinct;
        final List<CallSpec> specs;
        /** The calls, made at once for a plan that describes them; null for a purge. */
        final List<PurgeCall> calls;
        /** The calls as a plan shows them; null when not asked for. */
        final List<PurgePlan.PlannedCall> planned;
        final List<Failed> unscoped;
        final List<String> lookups;
        final int duplicates;
        final int minimumCalls;

        Plan(PurgeRequest request, List<PurgeTarget> distinct, List<CallSpec> specs, List<PurgeCall> calls,
             List<PurgePlan.PlannedCall> planned, List<Failed> unscoped, List<String> lookups, int duplicates,
             int minimumCalls) {
            this.request = request;
            this.distinct = distinct;
            this.specs = specs;
            this.calls = calls;
            this.planned = planned;
            this.unscoped = unscoped;
            this.lookups = lookups;
            this.duplicates = duplicates;
            this.minimumCalls = minimumCalls;
        }

        int callCount() {
            return specs.size();
        }
    }

    static Placement place(Distinct distinct, PurgeBackend backend) {
        Placement placement = new Placement(distinct);
        List<PurgeTarget> targets = distinct.targets;
        GroupKey lastKey = null;
        IntList lastGroup = null;
        for (int i = 0; i < targets.size(); i++) {
            PurgeTarget target = targets.get(i);
            Scope scope;
            try {
                scope = Objects.requireNonNull(backend.scope(target), "scope");
            } catch (PurgeException e) {
                placement.unscoped.add(new Failed(IntList.of(i), e));
                continue;
            } catch (RuntimeException e) {
                // a provider bug must fail its own targets, never the whole purge
                placement.unscoped.add(new Failed(IntList.of(i), new PurgeException(backend.providerId()
                        + " provider failed unexpectedly finding where " + target + " goes (" + e.getClass().getName()
                        + "); please report it", e)));
                continue;
            }
            String key = scope.lookupKey().orElse(null);
            boolean known = key == null;
            String where = known ? scope.id().orElseThrow() : key;
            // targets of one scope mostly come together: no map look-up for them
            if (lastKey == null || !lastKey.is(target.kind(), where, known)) {
                if (!known) {
                    placement.placeholders.putIfAbsent(key, scope.placeholder());
                }
                lastKey = new GroupKey(target.kind(), where, known);
                int left = targets.size() - i;
                // the first group mostly holds every target: sized for them, it never grows by copying
                lastGroup = placement.groups.computeIfAbsent(lastKey,
                        k -> new IntList(placement.groups.isEmpty() ? left : 16));
            }
            lastGroup.add(i);
        }
        return placement;
    }

    /**
     * The calls of a placement.
     *
     * @param resolved the scopes the look-ups found, by key; a key without one is shown as still to be looked up
     * @param failed   the look-ups that failed, by key: their targets cannot be sent
     * @param describe whether to describe the calls as a plan shows them
     */
    static Plan plan(PurgeRequest request, Placement placement, Map<String, String> resolved,
                     Map<String, PurgeException> failed, PurgeBackend backend, PurgeCapabilities capabilities,
                     Redactor redactor, boolean describe) {
        List<PurgeTarget> distinct = placement.distinct;
        List<Failed> unscoped = new ArrayList<>(placement.unscoped);
        Set<String> pending = new LinkedHashSet<>();
        // with nothing to look up, the placement's groups are the plan's
        Map<GroupKey, IntList> groups = placement.placeholders.isEmpty() ? placement.groups
                : resolve(placement, resolved, failed, unscoped, pending);
        List<CallSpec> specs = new ArrayList<>();
        List<PurgeCall> calls = describe ? new ArrayList<>() : null;
        List<PurgePlan.PlannedCall> planned = describe ? new ArrayList<>() : null;
        int minimum = 0;
        for (Map.Entry<GroupKey, IntList> entry : groups.entrySet()) {
            GroupKey key = entry.getKey();
            IntList group = entry.getValue();
            BatchLimit limit = capabilities.limit(key.kind).orElseThrow();
            int[] sizes = limit.hasByteLimit() ? sizes(group, distinct, placement.sizes, backend) : null;
            List<IntList> packed = new ArrayList<>();
            IntList bytes = new IntList(0);
            if (sizes != null) {
                packByBytes(group, sizes, limit, packed, bytes);
            } else {
                packByItems(group, limit.maxItems(), packed);
            }
            minimum += minimumCalls(group.size(), sizes, limit);
            for (int p = 0; p < packed.size(); p++) {
                IntList slice = packed.get(p);
                CallSpec spec = new CallSpec(key.kind, key.where, slice, sizes == null ? 0 : bytes.get(p));
                if (!describe) {
                    specs.add(spec);
                    continue;
                }
                PurgeCall call;
                try {
                    call = call(request, distinct, spec, backend);
                } catch (RuntimeException e) {
                    unscoped.add(new Failed(slice, providerBug(backend, spec, e)));
                    continue;
                }
                specs.add(spec);
                calls.add(call);
                PurgePlan.PlannedCall.Builder plannedCall = PurgePlan.PlannedCall
                        .builder(key.kind, redactor.scrub(describe(backend, call)))
                        .targets(call.batch().targets()).bytes(spec.bytes);
                planned.add((key.known ? plannedCall.scope(key.where) : plannedCall.unknownScope(key.where)).build());
            }
        }
        return new Plan(request, distinct, specs, calls, planned, unscoped, List.copyOf(pending),
                placement.duplicates, minimum);
    }

    /**
     * The groups of a placement with their look-ups resolved: groups whose look-up found a scope join the group of
     * that scope; those whose look-up failed go to {@code unscoped}; the others keep their placeholder, their
     * look-up added to {@code pending}.
     */
    private static Map<GroupKey, IntList> resolve(Placement placement, Map<String, String> resolved,
                                                  Map<String, PurgeException> failed, List<Failed> unscoped,
                                                  Set<String> pending) {
        Map<GroupKey, IntList> groups = new LinkedHashMap<>();
        for (Map.Entry<GroupKey, IntList> placed : placement.groups.entrySet()) {
            GroupKey key = placed.getKey();
            if (!key.known) {
                PurgeException failure = failed.get(key.where);
                if (failure != null) {
                    unscoped.add(new Failed(placed.getValue(), failure));
                    continue;
                }
                String id = resolved.get(key.where);
                if (id != null) {
                    key = new GroupKey(key.kind, id, true);
                } else {
                    String placeholder = placement.placeholders.get(key.where);
                    pending.add(placeholder.substring(1, placeholder.length() - 1));
                    key = new GroupKey(key.kind, placeholder, false);
                }
            }
            IntList group = groups.get(key);
            if (group == null) {
                groups.put(key, placed.getValue());
            } else {
                // two look-ups that found one scope (sibling hosts of one zone): one group
                group.addAll(placed.getValue());
            }
        }
        return groups;
    }

    /** The plan's call at the index: made now for a purge, made already for a plan. */
    static PurgeCall call(Plan plan, int index, PurgeBackend backend) {
        return plan.calls != null ? plan.calls.get(index)
                : call(plan.request, plan.distinct, plan.specs.get(index), backend);
    }

    /**
     * The provider's call for the spec.
     *
     * @throws RuntimeException when the provider fails to make it, or makes one that does not carry its targets
     */
    private static PurgeCall call(PurgeRequest request, List<PurgeTarget> distinct, CallSpec spec,
                                  PurgeBackend backend) {
        PurgeTarget[] batchTargets = new PurgeTarget[spec.indices.size()];
        for (int j = 0; j < batchTargets.length; j++) {
            batchTargets[j] = distinct.get(spec.indices.get(j));
        }
        List<PurgeTarget> targets = List.of(batchTargets);
        PurgeBatch batch = PurgeBatch.builder(spec.kind, spec.scope).targets(targets).mode(request.mode())
                .action(request.action()).idempotencyKey(request.idempotencyKey().orElse(null)).build();
        PurgeCall call = Objects.requireNonNull(backend.call(batch), "call");
        if (call.batch() != batch && !call.batch().targets().equals(targets)) {
            // outcomes are matched to targets by their place in the batch
            throw new IllegalStateException("the call carries other targets than its batch");
        }
        return call;
    }

    /** What the targets of a call the provider failed to make are told. */
    static PurgeException providerBug(PurgeBackend backend, CallSpec spec, RuntimeException e) {
        return new PurgeException(backend.providerId() + " provider failed unexpectedly making the call for "
                + spec.kind + "×" + spec.indices.size() + (spec.scope.isEmpty() ? "" : " @" + spec.scope) + " ("
                + e.getClass().getName() + "); please report it", e);
    }

    /** The provider's description, or a plain one when the provider fails to give it. */
    static String describe(PurgeBackend backend, PurgeCall call) {
        try {
            return call.describe();
        } catch (RuntimeException e) {
            return backend.providerId() + " " + call.batch();
        }
    }

    /** The request-body bytes of each target of a group, by its place in the group. */
    private static int[] sizes(IntList group, List<PurgeTarget> distinct, int[] known, PurgeBackend backend) {
        int[] sizes = new int[group.size()];
        for (int i = 0; i < sizes.length; i++) {
            int index = group.get(i);
            sizes[i] = known != null ? known[index] : backend.itemBytes(distinct.get(index));
        }
        return sizes;
    }

    private static void packByItems(IntList group, int maxItems, List<IntList> calls) {
        for (int from = 0; from < group.size(); from += maxItems) {
            calls.add(group.slice(from, Math.min(group.size(), from + maxItems)));
        }
    }

    /**
     * First-fit decreasing: the largest targets first, each into the first call with room for it. Within 11/9 of the
     * optimum (plus one) in the worst case and at the optimum for the near-equal sizes URL lists have. n log n: the
     * room left in the calls is kept in a tree of maxima over the calls in order, so the first with room is found in
     * log steps, and no call is ever scanned.
     */
    private static void packByBytes(IntList group, int[] sizes, BatchLimit limit, List<IntList> calls,
                                    IntList bytes) {
        int n = sizes.length;
        int separator = limit.separatorBytes();
        // the room of a call not opened yet: its body holds the envelope, less the separator its first item won't need
        int emptyRoom = limit.maxBytes() - limit.envelopeBytes() + separator;
        // largest first, and in the group's order among equal sizes: both in one sort of primitives
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = (long) (Integer.MAX_VALUE - sizes[i]) << 32 | i;
        }
        Arrays.sort(order);
        // first fit never needs more than twice the minimum, plus one: all its calls but one are over half full
        RoomTree rooms = new RoomTree(2 * minimumCalls(n, sizes, limit) + 2, emptyRoom);
        List<IntList> members = new ArrayList<>();
        for (long entry : order) {
            int place = (int) entry;
            int need = separator + sizes[place];
            int call = rooms.firstWithRoom(need);
            if (call == members.size()) {
                members.add(new IntList(64));
            }
            IntList held = members.get(call);
            held.add(place);
            int room = rooms.room(call) - need;
            // a call that is full by items, or cannot take even the smallest item, is closed for good
            rooms.set(call, held.size() >= limit.maxItems() || room < separator + 1 ? 0 : room);
        }
        for (IntList held : members) {
            IntList indices = new IntList(held.size());
            int body = limit.envelopeBytes() - separator;
            for (int j = 0; j < held.size(); j++) {
                indices.add(group.get(held.get(j)));
                body += separator + sizes[held.get(j)];
            }
            calls.add(indices);
            bytes.add(body);
        }
    }

    /** The room left in each call of a packing, with the largest room of every run of calls above it. */
    private static final class RoomTree {
        private final int emptyRoom;
        private int leaves;
        private int[] tree;

        RoomTree(int calls, int emptyRoom) {
            this.emptyRoom = emptyRoom;
            build(Integer.highestOneBit(Math.max(1, calls - 1)) << 1, null);
        }

        private void build(int size, int[] old) {
            int[] next = new int[2 * size];
            Arrays.fill(next, size, 2 * size, emptyRoom);
            if (old != null) {
                System.arraycopy(old, leaves, next, size, leaves);
            }
            leaves = size;
            tree = next;
            for (int node = leaves - 1; node > 0; node--) {
                tree[node] = Math.max(tree[2 * node], tree[2 * node + 1]);
            }
        }

        /** The first call with at least {@code need} bytes of room; a call not opened yet when none has. */
        int firstWithRoom(int need) {
            if (tree[1] < need) {
                // every call so far is too full, and so many are open that the tree has no fresh one left
                build(leaves * 2, tree);
            }
            int node = 1;
            while (node < leaves) {
                node = tree[2 * node] >= need ? 2 * node : 2 * node + 1;
            }
            return node - leaves;
        }

        int room(int call) {
            return tree[leaves + call];
        }

        void set(int call, int room) {
            int node = leaves + call;
            tree[node] = room;
            for (node /= 2; node > 0; node /= 2) {
                tree[node] = Math.max(tree[2 * node], tree[2 * node + 1]);
            }
        }
    }

    private static int minimumCalls(int count, int[] sizes, BatchLimit limit) {
        int byItems = ceilDiv(count, limit.maxItems());
        if (sizes == null) {
            return byItems;
        }
        // k calls hold sum(items) + n*separator <= k * (maxBytes - envelope + separator)
        long payload = 0;
        for (int size : sizes) {
            payload += size + (long) limit.separatorBytes();
        }
        long perCall = (long) limit.maxBytes() - limit.envelopeBytes() + limit.separatorBytes();
        int byBytes = (int) ((payload + perCall - 1) / perCall);
        return Math.max(byItems, byBytes);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
