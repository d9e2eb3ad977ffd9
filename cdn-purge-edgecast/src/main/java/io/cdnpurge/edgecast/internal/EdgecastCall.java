package io.cdnpurge.edgecast.internal;

import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.VendorRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One call: the Edgecast requests a batch becomes (one purge or bulk purge, or one load per file), each sent once.
 * A request Edgecast accepted is not sent again when a later one of the same call fails and the call is retried: its
 * id is kept across attempts.
 */
final class EdgecastCall implements PurgeCall {
    /** What a request does, and the path of its operation under {@code /edge/}. */
    enum Operation {
        PURGE("purge", "purge"), BULK_PURGE("bulkpurge", "bulk purge"), LOAD("load", "load");

        final String path;
        final String noun;

        Operation(String path, String noun) {
            this.path = path;
            this.noun = noun;
        }
    }

    /** One request: its operation, platform, media paths and the targets it covers. */
    static final class Step {
        final Operation operation;
        final int mediaType;
        final List<String> mediaPaths;
        final List<PurgeTarget> targets;

        Step(Operation operation, int mediaType, List<String> mediaPaths, List<PurgeTarget> targets) {
            this.operation = operation;
            this.mediaType = mediaType;
            this.mediaPaths = List.copyOf(mediaPaths);
            this.targets = List.copyOf(targets);
        }

        String describe() {
            return mediaPaths.size() == 1 ? mediaPaths.get(0) + " (MediaType " + mediaType + ")"
                    : "MediaPath×" + mediaPaths.size() + " (MediaType " + mediaType + ")";
        }
    }

    private final PurgeBatch batch;
    private final EdgecastBackend backend;
    private final List<Step> steps;
    private final String[] ids;

    EdgecastCall(PurgeBatch batch, EdgecastBackend backend) {
        this.batch = batch;
        this.backend = backend;
        this.steps = backend.steps(batch);
        this.ids = new String[steps.size()];
    }

    @Override
    public PurgeBatch batch() {
        return batch;
    }

    @Override
    public String describe() {
        if (steps.size() == 1) {
            return "PUT /edge/" + steps.get(0).operation.path + " " + steps.get(0).describe();
        }
        return steps.size() + "× PUT /edge/" + steps.get(0).operation.path;
    }

    /** Every media path counts against the outstanding limit, a bulk purge's elements included. */
    @Override
    public Map<String, Integer> quotaUse() {
        int paths = 0;
        for (Step step : steps) {
            paths += step.mediaPaths.size();
        }
        return Map.of(EdgecastBackend.UNIT, paths);
    }

    @Override
    public BatchResult send(VendorRequests requests) {
        for (int i = 0; i < steps.size(); i++) {
            if (ids[i] == null) {
                ids[i] = backend.send(steps.get(i), requests);
            }
        }
        BatchResult.Builder result = backend.result();
        List<String> all = new ArrayList<>(List.of(ids));
        if (steps.size() == 1) {
            result.reference(ids[0]);
        } else {
            for (int i = 0; i < steps.size(); i++) {
                for (PurgeTarget target : steps.get(i).targets) {
                    result.targetReference(target, steps.get(i).targets.size() == batch.targets().size()
                            && steps.size() > 1 ? String.join(",", all) : ids[i]);
                }
            }
        }
        return result.completion(backend.completion(steps, all)).build();
    }

    @Override
    public String toString() {
        return describe();
    }
}
