package io.cdnpurge.internal;

import io.cdnpurge.TargetOutcome;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The outcomes of a purge, one per distinct target in the order of the request, kept as the calls' outcomes: what
 * the targets of a call share is held once, and each {@link TargetOutcome} is made when it is read. A million
 * outcomes cost four bytes each (their order) beside the targets. Immutable and thread-safe.
 */
public final class OutcomeList extends AbstractList<TargetOutcome> implements RandomAccess {
    private final String provider;
    private final CallOutcome[] calls;
    /** Where each call's outcomes begin, in call order. */
    private final int[] starts;
    /** For each distinct target, where its outcome is in call order; null when the two orders are the same. */
    private final int[] positions;
    private final int size;
    private final int failed;
    private final int inProgress;

    private OutcomeList(String provider, CallOutcome[] calls, int[] starts, int[] positions, int size) {
        this.provider = provider;
        this.calls = calls;
        this.starts = starts;
        this.positions = positions;
        this.size = size;
        int failedCount = 0;
        int inProgressCount = 0;
        for (CallOutcome call : calls) {
            failedCount += call.count(TargetOutcome.Status.FAILED);
            inProgressCount += call.count(TargetOutcome.Status.IN_PROGRESS);
        }
        this.failed = failedCount;
        this.inProgress = inProgressCount;
    }

    /**
     * @param count the distinct targets
     * @param calls how each call ended, with the indices of its targets among the distinct targets
     * @throws IllegalStateException unless every distinct target has exactly one outcome
     */
    static OutcomeList of(String provider, int count, List<CallOutcome> calls) {
        int[] starts = new int[calls.size()];
        int total = 0;
        boolean sameOrder = true;
        for (int c = 0; c < calls.size(); c++) {
            starts[c] = total;
            sameOrder = sameOrder && calls.get(c).indices.isRangeFrom(total);
            total += calls.get(c).size();
        }
        if (total != count) {
            throw new IllegalStateException(total + " outcomes for " + count + " targets");
        }
        int[] positions = null;
        if (!sameOrder) {
            positions = new int[count];
            Arrays.fill(positions, -1);
            for (int c = 0; c < calls.size(); c++) {
                IntList own = calls.get(c).indices;
                for (int j = 0; j < own.size(); j++) {
                    int index = own.get(j);
                    if (positions[index] >= 0) {
                        throw new IllegalStateException("two outcomes for target " + index);
                    }
                    positions[index] = starts[c] + j;
                }
            }
        }
        return new OutcomeList(provider, calls.toArray(new CallOutcome[0]), starts, positions, count);
    }

    @Override
    public TargetOutcome get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("outcome " + index + " of " + size);
        }
        int position = positions == null ? index : positions[index];
        int call = Arrays.binarySearch(starts, position);
        if (call < 0) {
            call = -call - 2;
        } else {
            // calls never hold zero targets, but be exact: the last call that starts here
            while (call + 1 < starts.length && starts[call + 1] == position) {
                call++;
            }
        }
        return calls[call].outcome(position - starts[call], provider);
    }

    @Override
    public int size() {
        return size;
    }

    /** How many outcomes are in the state, without making them. */
    public int count(TargetOutcome.Status status) {
        switch (status) {
            case FAILED:
                return failed;
            case IN_PROGRESS:
                return inProgress;
            default:
                return size - failed - inProgress;
        }
    }
}
