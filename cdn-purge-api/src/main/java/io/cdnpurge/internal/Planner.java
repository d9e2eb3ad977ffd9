package io.cdnpurge.internal;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits a validated request into the fewest vendor calls: one kind and one scope per call, duplicates once,
 * within the item limit and (where the vendor has one) the byte limit of each kind.
 */
final class Planner {
    private Planner() {
    }

    /** The calls of a request, and the targets whose scope could not be found. */
    static final class Plan {
        final List<PurgeTarget> distinct;
        final List<PurgePlan.PlannedCall> calls;
        final List<PurgeBatch> batches;
        final Map<PurgeTarget, PurgeException> unscoped;
        final int duplicates;
        final int minimumCalls;

        Plan(List<PurgeTarget> distinct, List<PurgePlan.PlannedCall> calls, List<PurgeBatch> batches,
             Map<PurgeTarget, PurgeException> unscoped, int duplicates, int minimumCalls) {
            this.distinct = distinct;
            this.calls = calls;
            this.batches = batches;
            this.unscoped = unscoped;
            this.duplicates = duplicates;
            this.minimumCalls = minimumCalls;
        }
    }

    private static final class Group {
        final PurgeTarget.Kind kind;
        final String scope;
        final List<PurgeTarget> targets = new ArrayList<>();

        Group(PurgeTarget.Kind kind, String scope) {
            this.kind = kind;
            this.scope = scope;
        }
    }

    /** Descriptions are redacted here, since a plan is shown to users as well as put in events. */
    static Plan plan(PurgeRequest request, PurgeBackend backend, PurgeCapabilities capabilities, Redactor redactor) {
        List<PurgeTarget> distinct = new ArrayList<>(new LinkedHashSet<>(request.targets()));
        int duplicates = request.targets().size() - distinct.size();
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        Map<PurgeTarget, PurgeException> unscoped = new LinkedHashMap<>();
        for (PurgeTarget target : distinct) {
            String scope;
            try {
                scope = Objects.requireNonNull(backend.scope(target), "scope");
            } catch (PurgeException e) {
                unscoped.put(target, e);
                continue;
            } catch (RuntimeException e) {
                // a provider bug must fail its own targets, never the whole purge
                unscoped.put(target, new PurgeException(backend.providerId() + " provider failed unexpectedly "
                        + "finding where " + target + " goes (" + e.getClass().getName() + "); please report it", e));
                continue;
            }
            groups.computeIfAbsent(List.of(target.kind(), scope), key -> new Group(target.kind(), scope))
                    .targets.add(target);
        }
        List<PurgePlan.PlannedCall> calls = new ArrayList<>();
        List<PurgeBatch> batches = new ArrayList<>();
        int minimum = 0;
        for (Group group : groups.values()) {
            BatchLimit limit = capabilities.limit(group.kind).orElseThrow();
            List<List<PurgeTarget>> packed = limit.hasByteLimit()
                    ? packByBytes(group.targets, limit, backend)
                    : packByItems(group.targets, limit.maxItems());
            minimum += minimumCalls(group.targets, limit, backend);
            for (List<PurgeTarget> targets : packed) {
                PurgeBatch batch = new PurgeBatch(group.kind, group.scope, targets, request.mode(), request.action(),
                        request.idempotencyKey().orElse(null));
                batches.add(batch);
                calls.add(new PurgePlan.PlannedCall(group.kind, group.scope, targets,
                        limit.hasByteLimit() ? bodyBytes(targets, limit, backend) : 0,
                        redactor.scrub(describe(backend, batch))));
            }
        }
        return new Plan(distinct, calls, batches, unscoped, duplicates, minimum);
    }

    /** The provider's description, or a plain one when the provider fails to give it. */
    private static String describe(PurgeBackend backend, PurgeBatch batch) {
        try {
            return backend.describe(batch);
        } catch (RuntimeException e) {
            return backend.providerId() + " " + batch;
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
