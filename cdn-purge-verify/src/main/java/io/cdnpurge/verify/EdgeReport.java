package io.cdnpurge.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The edge checks of one verification, one per URL in the order given. Immutable. */
public final class EdgeReport {
    /** Checks named by {@link #toString()} among those that are not {@link EdgeCheck.Verdict#PURGED}. */
    private static final int NAMED = 10;

    private final List<EdgeCheck> checks;

    EdgeReport(List<EdgeCheck> checks) {
        this.checks = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(checks, "checks")));
    }

    public List<EdgeCheck> checks() {
        return checks;
    }

    /** The checks with this verdict. */
    public List<EdgeCheck> withVerdict(EdgeCheck.Verdict verdict) {
        List<EdgeCheck> matching = new ArrayList<>();
        for (EdgeCheck check : checks) {
            if (check.verdict() == verdict) {
                matching.add(check);
            }
        }
        return matching;
    }

    /** How many checks have each verdict, every verdict present (0 for none). */
    public Map<EdgeCheck.Verdict, Integer> counts() {
        Map<EdgeCheck.Verdict, Integer> counts = new EnumMap<>(EdgeCheck.Verdict.class);
        for (EdgeCheck.Verdict verdict : EdgeCheck.Verdict.values()) {
            counts.put(verdict, 0);
        }
        for (EdgeCheck check : checks) {
            counts.merge(check.verdict(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * Whether every URL is purged or not cached at all: no stale copy seen and nothing left unknown. False when
     * nothing was checked, which proves nothing.
     */
    public boolean allPurged() {
        if (checks.isEmpty()) {
            return false;
        }
        for (EdgeCheck check : checks) {
            if (check.verdict() != EdgeCheck.Verdict.PURGED && check.verdict() != EdgeCheck.Verdict.NOT_CACHED) {
                return false;
            }
        }
        return true;
    }

    /** The counts, then up to ten checks that are not purged, stale ones first. */
    @Override
    public String toString() {
        Map<EdgeCheck.Verdict, Integer> counts = counts();
        StringBuilder out = new StringBuilder().append(checks.size()).append(checks.size() == 1 ? " URL" : " URLs")
                .append(" checked at the edge: ").append(counts.get(EdgeCheck.Verdict.PURGED)).append(" purged, ")
                .append(counts.get(EdgeCheck.Verdict.NOT_PURGED)).append(" not purged, ")
                .append(counts.get(EdgeCheck.Verdict.NOT_CACHED)).append(" not cached, ")
                .append(counts.get(EdgeCheck.Verdict.UNKNOWN)).append(" unknown");
        int named = 0;
        for (EdgeCheck.Verdict verdict : new EdgeCheck.Verdict[] {EdgeCheck.Verdict.NOT_PURGED,
                EdgeCheck.Verdict.UNKNOWN}) {
            for (EdgeCheck check : withVerdict(verdict)) {
                if (named == NAMED) {
                    out.append("\n  …");
                    return out.toString();
                }
                out.append("\n  ").append(check);
                named++;
            }
        }
        return out.toString();
    }
}
