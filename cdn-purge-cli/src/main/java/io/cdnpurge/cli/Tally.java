package io.cdnpurge.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeStats;
import io.cdnpurge.TargetOutcome;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcomes of one command, however many purges it took: counts per client and status, the first failures, the
 * figures, whether a credential was refused and whether a wait ran out. With {@code --json} each outcome is written as
 * it comes, so that a million targets are never held at once.
 */
final class Tally implements AutoCloseable {
    /** Causes of failure told apart; the rest are counted together. */
    static final int FAILURES_SHOWN = 20;

    private final Map<String, Map<TargetOutcome.Status, Long>> byClient = new LinkedHashMap<>();
    /** The failures grouped by why: each cause, how many targets it failed and the first of them. */
    private final Map<String, Cause> causes = new LinkedHashMap<>();
    /** Per client, the first reference of a purge still in progress, and its scope: how to ask about it later. */
    private final Map<String, TargetOutcome> pendingExample = new LinkedHashMap<>();
    private final JsonGenerator json;
    private PurgeStats stats = PurgeStats.empty();
    private long targets;
    private long failed;
    private long succeeded;
    private long inProgress;
    private boolean credentialRefused;
    private boolean timedOut;
    private final Clock clock;
    private final Instant started;

    /** @param jsonOut where the JSON document goes, or null for none */
    Tally(PrintStream jsonOut, Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        if (jsonOut == null) {
            this.json = null;
            return;
        }
        try {
            this.json = new JsonFactory().createGenerator(jsonOut);
            json.writeStartObject();
            json.writeArrayFieldStart("outcomes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole result: its figures and every outcome. */
    void add(PurgeResult result) {
        addStats(result.stats(), result.timedOut());
        result.outcomes().forEach(this::add);
    }

    /** Figures of requests made (the outcomes come apart). */
    void addStats(PurgeStats more, boolean ranOut) {
        stats = stats.plus(more);
        timedOut |= ranOut;
    }

    /** Targets a client could not purge at all: each a FAILED outcome with the error. */
    void failed(java.util.List<io.cdnpurge.PurgeTarget> chunk, String provider, RuntimeException error) {
        io.cdnpurge.PurgeException cause = error instanceof io.cdnpurge.PurgeException
                ? (io.cdnpurge.PurgeException) error : new io.cdnpurge.PurgeException(provider + " failed: " + error,
                error);
        for (io.cdnpurge.PurgeTarget target : chunk) {
            add(TargetOutcome.builder(provider, target, TargetOutcome.Status.FAILED).error(cause).build());
        }
    }

    void add(TargetOutcome outcome) {
        targets++;
        byClient.computeIfAbsent(outcome.provider(), any -> new EnumMap<>(TargetOutcome.Status.class))
                .merge(outcome.status(), 1L, Long::sum);
        switch (outcome.status()) {
            case SUCCEEDED:
                succeeded++;
                break;
            case IN_PROGRESS:
                inProgress++;
                if (outcome.vendorReference().isPresent()) {
                    pendingExample.putIfAbsent(outcome.provider(), outcome);
                }
                break;
            default:
                failed++;
                String why = outcome.provider() + ": " + outcome.error().map(Tally::cause).orElse("failed");
                Cause cause = causes.get(why);
                if (cause != null) {
                    cause.count++;
                } else if (causes.size() < FAILURES_SHOWN) {
                    causes.put(why, new Cause(outcome));
                } else {
                    causes.computeIfAbsent("(other causes)", any -> new Cause(outcome)).count++;
                }
                outcome.error().ifPresent(error -> credentialRefused |= error
                        instanceof PurgeAuthenticationException || error instanceof PurgePermissionException);
        }
        if (json != null) {
            write(outcome);
        }
    }

    private void write(TargetOutcome outcome) {
        try {
            json.writeStartObject();
            json.writeStringField("target", outcome.target().value());
            json.writeStringField("kind", outcome.target().kind().name());
            json.writeStringField("provider", outcome.provider());
            json.writeStringField("status", outcome.status().name());
            if (outcome.error().isPresent()) {
                json.writeStringField("error", String.valueOf(outcome.error().get().getMessage()));
            } else {
                json.writeNullField("error");
            }
            if (outcome.vendorReference().isPresent()) {
                json.writeStringField("vendorReference", outcome.vendorReference().get());
            }
            if (outcome.scope().isPresent()) {
                json.writeStringField("scope", outcome.scope().get());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status of everything: as a {@link PurgeResult} would say it. */
    PurgeResult.Status status() {
        if (failed == 0) {
            return inProgress == 0 ? PurgeResult.Status.SUCCEEDED : PurgeResult.Status.IN_PROGRESS;
        }
        return succeeded + inProgress == 0 ? PurgeResult.Status.FAILED : PurgeResult.Status.PARTIAL;
    }

    /** @param waited whether {@code --wait} was asked for */
    int exitCode(boolean waited) {
        if (credentialRefused) {
            return ExitCode.AUTH;
        }
        switch (status()) {
            case FAILED:
                return ExitCode.FAILED;
            case PARTIAL:
                return ExitCode.PARTIAL;
            case IN_PROGRESS:
                return waited ? ExitCode.TIMED_OUT : ExitCode.OK;
            default:
                return ExitCode.OK;
        }
    }

    /** Wall time since the command started, purges and waits included. */
    Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    long targets() {
        return targets;
    }

    boolean timedOut() {
        return timedOut;
    }

    Map<String, Map<TargetOutcome.Status, Long>> byClient() {
        return byClient;
    }

    /** The result table: one row per client, then the failures by cause. */
    void print(PrintStream out, boolean waited) {
        print(out, waited, outcome -> null);
    }

    /**
     * @param hint how to ask later about an outcome left in progress, or null when its vendor cannot be asked
     */
    void print(PrintStream out, boolean waited, java.util.function.Function<TargetOutcome, String> hint) {
        out.printf("%s: %,d target%s, %,d call%s, %,d request%s, %,d retried, %,d throttled, %.1f s%n", status(),
                targets, plural(targets), stats.calls(), plural(stats.calls()), stats.requests(),
                plural(stats.requests()), stats.retries(), stats.throttled(), elapsed().toMillis() / 1000.0);
        int width = Math.max(6, byClient.keySet().stream().mapToInt(String::length).max().orElse(6));
        out.printf("  %-" + width + "s  %10s  %11s  %7s%n", "client", "succeeded", "in progress", "failed");
        byClient.forEach((client, counts) -> out.printf("  %-" + width + "s  %,10d  %,11d  %,7d%n", client,
                counts.getOrDefault(TargetOutcome.Status.SUCCEEDED, 0L),
                counts.getOrDefault(TargetOutcome.Status.IN_PROGRESS, 0L),
                counts.getOrDefault(TargetOutcome.Status.FAILED, 0L)));
        if (inProgress > 0) {
            out.println(waited ? "Still in progress when the wait ended: " + inProgress + " (--wait longer, or ask "
                    + "again later)" : inProgress + " accepted and in progress: add --wait to wait for completion");
            pendingExample.forEach((client, outcome) -> {
                String command = hint.apply(outcome);
                if (command != null) {
                    out.println("  ask later: " + command);
                }
            });
        }
        if (failed > 0) {
            out.printf("Failed (%,d), by cause:%n", failed);
            causes.forEach((why, cause) -> out.printf("  %,d × %s%n      e.g. %s%n", cause.count, why,
                    cause.first.target()));
        }
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

    /** An error's message without the vendor's request id, so that one cause of many calls is told once. */
    private static String cause(Throwable error) {
        String message = String.valueOf(error.getMessage());
        return message.replaceAll(" \\[request id [^]]*]$", "");
    }

    /** How many targets one cause failed, and the first. */
    private static final class Cause {
        final TargetOutcome first;
        long count = 1;

        Cause(TargetOutcome first) {
            this.first = first;
        }
    }

    /** Ends the JSON document: the status and the figures after the outcomes. */
    @Override
    public void close() {
        if (json == null) {
            return;
        }
        try {
            json.writeEndArray();
            json.writeStringField("status", status().name());
            json.writeObjectFieldStart("stats");
            json.writeNumberField("targets", targets);
            json.writeNumberField("succeeded", succeeded);
            json.writeNumberField("inProgress", inProgress);
            json.writeNumberField("failed", failed);
            json.writeNumberField("calls", stats.calls());
            json.writeNumberField("requests", stats.requests());
            json.writeNumberField("retries", stats.retries());
            json.writeNumberField("throttled", stats.throttled());
            json.writeNumberField("elapsedMs", elapsed().toMillis());
            if (stats.billableItems().isPresent()) {
                json.writeNumberField("billableItems", stats.billableItems().getAsLong());
            }
            json.writeBooleanField("timedOut", timedOut);
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
