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
import java.util.Comparator;
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
 */
final class Planner {
    private Planner() {
    }

    /**
     * Where each distinct target goes, as far as the provider knows without asking the vendor: targets grouped by
     * kind and scope (or look-up) as they are placed, so that nothing is kept per target but the target itself.
     */
    static final class Placement {
        final List<PurgeTarget> distinct;
        final int duplicates;
        /** Targets by kind and known scope, or by kind and look-up key, in the order of their first target. */
        final Map<List<Object>, List<PurgeTarget>> groups = new LinkedHashMap<>();
        /** The placeholder of each look-up, by key, in the order of their first target. */
        final Map<String, String> placeholders = new LinkedHashMap<>();
        final Map<PurgeTarget, PurgeException> unscoped = new LinkedHashMap<>();

        private Placement(List<PurgeTarget> distinct, int duplicates) {
            this.distinct = distinct;
            this.duplicates = duplicates;
        }

        /** The look-ups the placement needs, each once, in the order of their first target. */
        Set<String> lookups() {
            return placeholders.keySet();
        }
    }

    /** The calls of a request, and the targets that cannot be sent. */
    static final class Plan {
        final List<PurgeTarget> distinct;
        final List<PurgePlan.PlannedCall> planned;
        final List<PurgeCall> calls;
        final Map<PurgeTarget, PurgeException> unscoped;
        final List<String> lookups;
        final int duplicates;
        final int minimumCalls;

        Plan(List<PurgeTarget> distinct, List<PurgePlan.PlannedCall> planned, List<PurgeCall> calls,
             Map<PurgeTarget, PurgeException> unscoped, List<String> lookups, int duplicates, int minimumCalls) {
            this.distinct = distinct;
            this.planned = planned;
            this.calls = calls;
            this.unscoped = unscoped;
            this.lookups = lookups;
            this.duplicates = duplicates;
            this.minimumCalls = minimumCalls;
        }
    }

    private static final class Group {
        final PurgeTarget.Kind kind;
        final String scope;
        final boolean known;
        final List<PurgeTarget> targets = new ArrayList<>();

        Group(PurgeTarget.Kind kind, String scope, boolean known) {
            this.kind = kind;
            this.scope = scope;
            this.known = known;
        }
    }

    static Placement place(PurgeRequest request, PurgeBackend backend) {
        List<PurgeTarget> distinct = new ArrayList<>(new LinkedHashSet<>(request.targets()));
        Placement placement = new Placement(distinct, request.targets().size() - distinct.size());
        for (PurgeTarget target : distinct) {
            Scope scope;
            try {
                scope = Objects.requireNonNull(backend.scope(target), "scope");
            } catch (PurgeException e) {
                placement.unscoped.put(target, e);
                continue;
            } catch (RuntimeException e) {
                // a provider bug must fail its own targets, never the whole purge
                placement.unscoped.put(target, new PurgeException(backend.providerId() + " provider failed "
                        + "unexpectedly finding where " + target + " goes (" + e.getClass().getName() + "); please "
                        + "report it", e));
                continue;
            }
            String key = scope.lookupKey().orElse(null);
            if (key != null) {
                placement.placeholders.putIfAbsent(key, scope.placeholder());
            }
            placement.groups.computeIfAbsent(key == null ? List.of(target.kind(), scope.id().orElseThrow(), true)
                    : List.of(target.kind(), key, false), k -> new ArrayList<>()).add(target);
        }
        return placement;
    }

    /**
     * The calls of a placement.
     *
     * @param resolved the scopes the look-ups found, by key; a key without one is shown as still to be looked up
     * @param failed   the look-ups that failed, by key: their targets cannot be sent
     */
    static Plan plan(PurgeRequest request, Placement placement, Map<String, String> resolved,
                     Map<String, PurgeException> failed, PurgeBackend backend, PurgeCapabilities capabilities,
                     Redactor redactor) {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        Map<PurgeTarget, PurgeException> unscoped = new LinkedHashMap<>(placement.unscoped);
        Set<String> pending = new LinkedHashSet<>();
        for (Map.Entry<List<Object>, List<PurgeTarget>> placed : placement.groups.entrySet()) {
            PurgeTarget.Kind kind = (PurgeTarget.Kind) placed.getKey().get(0);
            String where = (String) placed.getKey().get(1);
            boolean known = (Boolean) placed.getKey().get(2);
            if (!known) {
                PurgeException failure = failed.get(where);
                if (failure != null) {
                    placed.getValue().forEach(target -> unscoped.put(target, failure));
                    continue;
                }
                String id = resolved.get(where);
                if (id != null) {
                    where = id;
                    known = true;
                } else {
                    String placeholder = placement.placeholders.get(where);
                    pending.add(placeholder.substring(1, placeholder.length() - 1));
                    where = placeholder;
                }
            }
            String scope = where;
            boolean isKnown = known;
            groups.computeIfAbsent(List.of(kind, scope, isKnown), k -> new Group(kind, scope, isKnown)).targets
                    .addAll(placed.getValue());
        }
        List<PurgePlan.PlannedCall> planned = new ArrayList<>();
        List<PurgeCall> calls = new ArrayList<>();
        int minimum = 0;
        for (Group group : groups.values()) {
            BatchLimit limit = capabilities.limit(group.kind).orElseThrow();
            List<List<PurgeTarget>> packed = limit.hasByteLimit()
                    ? packByBytes(group.targets, limit, backend)
                    : packByItems(group.targets, limit.maxItems());
            minimum += minimumCalls(group.targets, limit, backend);
            for (List<PurgeTarget> targets : packed) {
                PurgeBatch batch = PurgeBatch.builder(group.kind, group.scope).targets(targets).mode(request.mode())
                        .action(request.action()).idempotencyKey(request.idempotencyKey().orElse(null)).build();
                PurgeCall call;
                try {
                    call = Objects.requireNonNull(backend.call(batch), "call");
                } catch (RuntimeException e) {
                    PurgeException bug = new PurgeException(backend.providerId() + " provider failed unexpectedly "
                            + "making the call for " + batch + " (" + e.getClass().getName() + "); please report it", e);
                    targets.forEach(target -> unscoped.put(target, bug));
                    continue;
                }
                calls.add(call);
                PurgePlan.PlannedCall.Builder plannedCall = PurgePlan.PlannedCall
                        .builder(group.kind, redactor.scrub(describe(backend, call)))
                        .targets(targets).bytes(limit.hasByteLimit() ? bodyBytes(targets, limit, backend) : 0);
                planned.add((group.known ? plannedCall.scope(group.scope) : plannedCall.unknownScope(group.scope))
                        .build());
            }
        }
        return new Plan(placement.distinct, planned, calls, unscoped, List.copyOf(pending), placement.duplicates,
                minimum);
    }

    /** The provider's description, or a plain one when the provider fails to give it. */
    static String describe(PurgeBackend backend, PurgeCall call) {
        try {
            return call.describe();
        } catch (RuntimeException e) {
            return backend.providerId() + " " + call.batch();
        }
    }

    private static List<List<PurgeTarget>> packByItems(List<PurgeTarget> targets, int maxItems) {
        List<List<PurgeTarget>> calls = new ArrayList<>();
        for (int from = 0; from < targets.size(); from += maxItems) {
            calls.add(List.copyOf(targets.subList(from, Math.min(targets.size(), from + maxItems))));
        }
        return calls;
    }

    /**
     * First-fit decreasing: the largest targets first, each into the first call with room for it. Within 11/9 of
     * the optimum (plus one) in the worst case and at the optimum for the near-equal sizes URL lists have.
     */
    private static List<List<PurgeTarget>> packByBytes(List<PurgeTarget> targets, BatchLimit limit,
                                                       PurgeBackend backend) {
        List<PurgeTarget> bySize = new ArrayList<>(targets);
        Map<PurgeTarget, Integer> sizes = new LinkedHashMap<>();
        for (PurgeTarget target : targets) {
            sizes.put(target, backend.itemBytes(target));
        }
        bySize.sort(Comparator.comparingInt((PurgeTarget target) -> sizes.get(target)).reversed());
        List<List<PurgeTarget>> calls = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        int firstOpen = 0;
        for (PurgeTarget target : bySize) {
            int size = sizes.get(target);
            int placed = -1;
            for (int i = firstOpen; i < calls.size(); i++) {
                List<PurgeTarget> call = calls.get(i);
                if (call.size() < limit.maxItems()
                        && used.get(i) + limit.separatorBytes() + size <= limit.maxBytes()) {
                    placed = i;
                    break;
                }
            }
            if (placed < 0) {
                calls.add(new ArrayList<>());
                used.add(limit.envelopeBytes() - limit.separatorBytes());
                placed = calls.size() - 1;
            }
            calls.get(placed).add(target);
            used.set(placed, used.get(placed) + limit.separatorBytes() + size);
            // calls that cannot take even the smallest possible item are closed for good
            while (firstOpen < calls.size() && (calls.get(firstOpen).size() >= limit.maxItems()
                    || used.get(firstOpen) + limit.separatorBytes() + 1 > limit.maxBytes())) {
                firstOpen++;
            }
        }
        List<List<PurgeTarget>> result = new ArrayList<>();
        for (List<PurgeTarget> call : calls) {
            result.add(List.copyOf(call));
        }
        return result;
    }

    static int bodyBytes(List<PurgeTarget> targets, BatchLimit limit, PurgeBackend backend) {
        int bytes = limit.envelopeBytes() + Math.max(0, targets.size() - 1) * limit.separatorBytes();
        for (PurgeTarget target : targets) {
            bytes += backend.itemBytes(target);
        }
        return bytes;
    }

    private static int minimumCalls(List<PurgeTarget> targets, BatchLimit limit, PurgeBackend backend) {
        int byItems = ceilDiv(targets.size(), limit.maxItems());
        if (!limit.hasByteLimit()) {
            return byItems;
        }
        // k calls hold sum(items) + n*separator <= k * (maxBytes - envelope + separator)
        long payload = 0;
        for (PurgeTarget target : targets) {
            payload += backend.itemBytes(target) + (long) limit.separatorBytes();
        }
        long perCall = (long) limit.maxBytes() - limit.envelopeBytes() + limit.separatorBytes();
        int byBytes = (int) ((payload + perCall - 1) / perCall);
        return Math.max(byItems, byBytes);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
