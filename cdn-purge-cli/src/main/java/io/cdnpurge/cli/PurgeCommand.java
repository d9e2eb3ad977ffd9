package io.cdnpurge.cli;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeStats;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cdn-purge purge}: purges targets from the command line, a file or standard input. */
@Command(name = "purge", sortOptions = false, usageHelpAutoWidth = true,
        description = "Purge URLs, prefixes, tags, hosts or everything.",
        footer = {"", "Targets file (-f FILE, or - for standard input): one a line, a URL, or prefix:<URL>, tag:<tag>, "
                + "host:<name>, cpcode:<number>, everything; # starts a comment. Every line is checked before "
                + "anything is sent.", "", ExitCode.HELP})
class PurgeCommand implements Callable<Integer> {
    /** Planned calls printed; the rest are counted. */
    private static final int PLAN_SHOWN = 200;

    @ParentCommand
    Main main;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "URL", description = "URLs to purge.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "URL", description = "A directory: everything under this URL.")
    List<String> prefixes = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "A cache tag (surrogate key).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--host", paramLabel = "NAME", description = "Everything of a host name.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--everything", description = "Everything the client's scope holds.")
    boolean everything;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Targets from a file, one a line; - for "
            + "standard input.")
    String file;

    @Option(names = "--mode", paramLabel = "MODE", description = "invalidate (mark stale) or delete (remove).")
    PurgeMode mode;

    @Option(names = "--load", description = "Load the URLs into the cache instead of purging them (Edgecast).")
    boolean load;

    @Option(names = "--tenant", paramLabel = "NAME", description = "Purge through this tenant's clients and routes.")
    String tenant;

    @Option(names = {"-n", "--dry-run"}, description = "Show the vendor calls a purge would make; send nothing.")
    boolean dryRun;

    @Option(names = "--wait", paramLabel = "LIMIT", arity = "0..1", fallbackValue = "10m",
            converter = DurationConverter.class,
            description = "Wait until the vendors complete the purge, at most LIMIT (10m if not given; 30s, 5m, 1h).")
    Duration wait;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "10000", hidden = true,
            description = "Targets read and purged at a time (${DEFAULT-VALUE}).")
    int chunk;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = main.terminal;
        List<PurgeTarget> given = new ArrayList<>();
        urls.forEach(url -> given.add(PurgeTarget.url(url)));
        prefixes.forEach(prefix -> given.add(PurgeTarget.prefix(prefix)));
        tags.forEach(tag -> given.add(PurgeTarget.tag(tag)));
        hosts.forEach(host -> given.add(PurgeTarget.host(host)));
        if (everything) {
            given.add(PurgeTarget.everything());
        }
        if (chunk < 1) {
            throw new Targets.BadInput("--chunk must be at least 1");
        }
        try (Targets targets = Targets.read(given, file, terminal.in)) {
            if (targets.count() == 0) {
                throw new Targets.BadInput("nothing to purge: give URLs, --prefix, --tag, --host, --everything or "
                        + "--file");
            }
            return run(this, targets, terminal);
        }
    }

    /** Runs a purge (or a plan) of the targets, printing as the options say; the exit code. */
    static int run(PurgeCommand options, Targets targets, Terminal terminal) throws Exception {
        CommonOptions common = options.common;
        try (Progress progress = new Progress(terminal, common.quiet || options.dryRun)) {
            ClientOptions clientOptions = terminal.clientOptions(common.debug).listener(progress).build();
            try (Connection connection = Connection.open(common, terminal, clientOptions)) {
                if (options.dryRun) {
                    return plan(options, targets, connection.client, terminal);
                }
                return purge(options, targets, connection.client, terminal, progress);
            }
        }
    }

    private PurgeRequest request(List<PurgeTarget> targets) {
        PurgeRequest.Builder request = PurgeRequest.builder().targets(targets);
        if (mode != null) {
            request.mode(mode);
        }
        if (load) {
            request.action(PurgeAction.PREFETCH);
        }
        if (tenant != null) {
            request.tenant(tenant);
        }
        return request.build();
    }

    private static int purge(PurgeCommand options, Targets targets, PurgeClient client, Terminal terminal,
                             Progress progress) {
        CommonOptions common = options.common;
        // every chunk is planned before any is sent: a target a vendor's own rules refuse stops the run here,
        // when nothing has been sent yet
        Iterator<List<PurgeTarget>> planned = targets.chunks(options.chunk);
        while (planned.hasNext()) {
            client.plan(options.request(planned.next()));
        }
        Instant deadline = options.wait == null ? null : terminal.clock.instant().plus(options.wait);
        try (Tally tally = new Tally(common.json ? terminal.out : null, terminal.clock)) {
            progress.start(targets.count());
            // sent all, then waited for once: a chunk waiting for the one before would only start later
            List<PurgeResult> pending = new ArrayList<>();
            Iterator<List<PurgeTarget>> chunks = targets.chunks(options.chunk);
            while (chunks.hasNext()) {
                List<PurgeTarget> chunk = chunks.next();
                PurgeResult result;
                try {
                    result = client.purge(options.request(chunk));
                } catch (RuntimeException e) {
                    // a chunk the client could not purge at all: its targets fail, saying why; the others go on
                    tally.failed(chunk, client.providerId(), e);
                    progress.chunkDone(chunk.size());
                    continue;
                }
                tally.addStats(result.stats(), result.timedOut());
                List<TargetOutcome> inProgress = new ArrayList<>();
                for (TargetOutcome outcome : result.outcomes()) {
                    if (deadline != null && outcome.status() == TargetOutcome.Status.IN_PROGRESS) {
                        inProgress.add(outcome);
                    } else {
                        tally.add(outcome);
                    }
                }
                if (!inProgress.isEmpty()) {
                    pending.add(result.toBuilder().outcomes(inProgress).parts(List.of()).build());
                }
                progress.chunkDone(chunk.size());
            }
            if (!pending.isEmpty()) {
                progress.awaiting(DurationConverter.format(Duration.between(terminal.clock.instant(), deadline)));
            }
            for (PurgeResult result : pending) {
                Duration left = Duration.between(terminal.clock.instant(), deadline);
                PurgeResult done = client.awaitCompletion(result, left.isNegative() ? Duration.ZERO : left);
                // the waiting's own requests: the result's figures already counted the purge's
                tally.addStats(PurgeStats.builder().requests(done.stats().requests() - result.stats().requests())
                        .retries(done.stats().retries() - result.stats().retries())
                        .throttled(done.stats().throttled() - result.stats().throttled()).build(), done.timedOut());
                done.outcomes().forEach(tally::add);
            }
            progress.stop();
            if (!common.quiet && !common.json) {
                tally.print(terminal.out, options.wait != null, hint(common, client));
            }
            int code = tally.exitCode(options.wait != null);
            if (common.quiet && code != ExitCode.OK && !common.json) {
                terminal.err.println("cdn-purge: " + tally.status() + " (exit " + code + "); run without --quiet "
                        + "for the outcomes");
            }
            return code;
        }
    }

    /**
     * How to ask later about a purge left in progress, for a client with a status API: the command that does it, with
     * this run's configuration; null for a client whose vendor has none.
     */
    private static java.util.function.Function<TargetOutcome, String> hint(CommonOptions common,
                                                                         PurgeClient client) {
        return outcome -> {
            PurgeClient of = client instanceof io.cdnpurge.PurgeRouter
                    ? ((io.cdnpurge.PurgeRouter) client).clients().get(outcome.provider()) : client;
            if (of == null || !of.capabilities().statusApi() || outcome.vendorReference().isEmpty()) {
                return null;
            }
            return "cdn-purge status" + (common.config == null ? "" : " --config " + common.config) + " --client "
                    + outcome.provider() + outcome.scope().map(scope -> " --scope " + scope).orElse("") + " "
                    + outcome.vendorReference().get();
        };
    }

    private static int plan(PurgeCommand options, Targets targets, PurgeClient client, Terminal terminal)
            throws IOException {
        Iterator<List<PurgeTarget>> chunks = targets.chunks(options.chunk);
        long calls = 0;
        java.util.Set<String> notes = new java.util.LinkedHashSet<>();
        JsonGenerator json = options.common.json ? new JsonFactory().createGenerator(terminal.out) : null;
        if (json != null) {
            json.writeStartObject();
            json.writeArrayFieldStart("calls");
        }
        while (chunks.hasNext()) {
            PurgePlan plan = client.plan(options.request(chunks.next()));
            for (PurgePlan part : plan.parts()) {
                for (PurgePlan.PlannedCall call : part.calls()) {
                    calls++;
                    if (json != null) {
                        json.writeStartObject();
                        json.writeStringField("client", part.providerId());
                        json.writeStringField("call", call.description());
                        json.writeNumberField("targets", call.targets().size());
                        json.writeEndObject();
                    } else if (!options.common.quiet && calls <= PLAN_SHOWN) {
                        terminal.out.println("  " + part.providerId() + ": " + call.description());
                    }
                }
            }
            notes.addAll(plan.notes());
        }
        if (json != null) {
            json.writeEndArray();
            json.writeArrayFieldStart("notes");
            for (String note : notes) {
                json.writeString(note);
            }
            json.writeEndArray();
            json.writeNumberField("targets", targets.count());
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } else if (!options.common.quiet) {
            if (calls > PLAN_SHOWN) {
                terminal.out.printf("  … %,d more calls%n", calls - PLAN_SHOWN);
            }
            notes.forEach(note -> terminal.out.println("  note: " + note));
            terminal.out.printf("Plan: %,d vendor calls for %,d targets; nothing was sent.%n", calls,
                    targets.count());
        }
        return ExitCode.OK;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms}, or ISO-8601 {@code PT30S}: as configuration keys read them. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration duration = io.cdnpurge.internal.MapPurgeConfig.parseDuration(value);
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("'" + value + "' is negative");
                }
                return duration;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration such as 30s, 5m, 1h or "
                        + "PT30S");
            }
        }

        static String format(Duration duration) {
            long seconds = Math.max(0, duration.getSeconds());
            return seconds >= 120 ? (seconds / 60) + " min" : seconds + " s";
        }
    }
}
