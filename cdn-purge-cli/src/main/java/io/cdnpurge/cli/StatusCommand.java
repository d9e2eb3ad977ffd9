package io.cdnpurge.cli;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.TargetOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code cdn-purge status REF…}: asks the vendor about purges sent earlier, by the references their outcomes carried
 * ({@code vendorReference} in {@code --json}, {@code (purge id …)} in the table), and with {@code --wait} until they
 * complete.
 */
@Command(name = "status", sortOptions = false, usageHelpAutoWidth = true,
        description = "Ask about purges sent earlier, by the vendor references their outcomes carried.",
        footer = {"", "Cloudflare, Akamai and Fastly have no status API: their purges complete on their own within "
                + "seconds. A file of several clients needs --client (on a terminal, you are asked).", "",
                ExitCode.HELP})
final class StatusCommand implements Callable<Integer> {
    /** First wait between questions with --wait; doubled each time up to {@link #MAX_INTERVAL}. */
    private static final Duration FIRST_INTERVAL = Duration.ofSeconds(2);
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

    @ParentCommand
    Main main;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "REF", arity = "1..*", description = "Vendor references (purge, invalidation or job "
            + "ids).")
    List<String> references = new ArrayList<>();

    @Option(names = "--scope", paramLabel = "SCOPE", description = "The scope the outcomes named, where the vendor "
            + "needs it (CloudFront: the distribution id; Highwinds: the account hash); the client's own if not given.")
    String scope;

    @Option(names = "--wait", paramLabel = "LIMIT", arity = "0..1", fallbackValue = "10m",
            converter = PurgeCommand.DurationConverter.class,
            description = "Ask again until complete, at most LIMIT (10m if not given).")
    Duration wait;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = main.terminal;
        try (Connection connection = Connection.open(common, terminal, terminal.clientOptions(common.debug).build())) {
            PurgeClient client = connection.client instanceof PurgeRouter
                    ? chooseClient((PurgeRouter) connection.client, terminal) : connection.client;
            Instant deadline = wait == null ? null : terminal.clock.instant().plus(wait);
            List<String[]> rows = new ArrayList<>();
            boolean failed = false;
            boolean refused = false;
            boolean pending = false;
            for (String reference : references) {
                String answer;
                try {
                    Optional<TargetOutcome.Status> status = ask(client, reference, deadline, terminal);
                    if (status.isEmpty()) {
                        answer = "NO_STATUS_API";
                    } else {
                        answer = status.get().name();
                        failed |= status.get() == TargetOutcome.Status.FAILED;
                        pending |= status.get() == TargetOutcome.Status.IN_PROGRESS;
                    }
                } catch (PurgeException e) {
                    answer = "ERROR: " + e.getMessage();
                    failed = true;
                    refused |= e instanceof PurgeAuthenticationException || e instanceof PurgePermissionException;
                }
                rows.add(new String[] {reference, answer});
            }
            print(rows, terminal);
            if (refused) {
                return ExitCode.AUTH;
            }
            if (failed) {
                return ExitCode.FAILED;
            }
            return pending && wait != null ? ExitCode.TIMED_OUT : ExitCode.OK;
        }
    }

    /** One reference's status: asked once, or until it is no longer in progress or the deadline has passed. */
    private Optional<TargetOutcome.Status> ask(PurgeClient client, String reference, Instant deadline,
                                               Terminal terminal) throws InterruptedException {
        Duration interval = FIRST_INTERVAL;
        while (true) {
            Optional<TargetOutcome.Status> status;
            try {
                status = client.status(reference, scope);
            } catch (PurgeException e) {
                // a throttle, a timeout or a server error while waiting: the purge is likely fine; ask again
                Duration left = deadline == null ? Duration.ZERO : Duration.between(terminal.clock.instant(), deadline);
                if (!e.retryable() || left.isNegative() || left.isZero()) {
                    throw e;
                }
                status = Optional.of(TargetOutcome.Status.IN_PROGRESS);
            }
            if (deadline == null || status.isEmpty() || status.get() != TargetOutcome.Status.IN_PROGRESS) {
                if (deadline != null && terminal.interactive && !common.quiet && !common.json) {
                    terminal.err.print("\r\033[K");
                    terminal.err.flush();
                }
                return status;
            }
            Duration left = Duration.between(terminal.clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return status;
            }
            Duration pause = interval.compareTo(left) < 0 ? interval : left;
            if (!common.quiet && !common.json) {
                String line = reference + " in progress; asking again in " + pause.toSeconds() + " s (--wait ends in "
                        + PurgeCommand.DurationConverter.format(left) + ")";
                if (terminal.interactive) {
                    // one line, redrawn in place at each question
                    terminal.err.print("\r" + line + "\033[K");
                    terminal.err.flush();
                } else {
                    terminal.err.println(line);
                }
            }
            terminal.sleeper.sleep(pause);
            interval = interval.multipliedBy(2).compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval.multipliedBy(2);
        }
    }

    private void print(List<String[]> rows, Terminal terminal) throws IOException {
        if (common.json) {
            StringBuilder json = new StringBuilder("{\"references\":[");
            for (int i = 0; i < rows.size(); i++) {
                json.append(i == 0 ? "" : ",").append("{\"reference\":").append(jsonString(rows.get(i)[0]))
                        .append(",\"status\":").append(jsonString(rows.get(i)[1])).append('}');
            }
            terminal.out.println(json.append("]}"));
        } else if (!common.quiet) {
            for (String[] row : rows) {
                terminal.out.println(row[0] + ": " + (row[1].equals("NO_STATUS_API") ? "no status API at this "
                        + "vendor: its purges complete on their own within seconds" : row[1]));
            }
        }
    }

    private static String jsonString(String text) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory()
                .createGenerator(out)) {
            json.writeString(text);
        }
        return out.toString();
    }

    /**
     * A file of several clients needs the one whose vendor gave the references: on a terminal the user picks it from
     * a numbered list; elsewhere the command says to give {@code --client}.
     */
    private PurgeClient chooseClient(PurgeRouter router, Terminal terminal) throws IOException {
        List<String> names = new ArrayList<>(router.clients().keySet());
        if (names.size() == 1) {
            return router;
        }
        if (!terminal.interactive) {
            throw new Targets.BadInput(common.config + " has several clients (" + String.join(", ", names)
                    + "): name the one whose vendor gave the references with --client");
        }
        terminal.err.println(common.config + " has several clients; which one gave the references?");
        for (int i = 0; i < names.size(); i++) {
            terminal.err.println("  " + (i + 1) + ") " + names.get(i));
        }
        terminal.err.print("client [1-" + names.size() + "]: ");
        terminal.err.flush();
        String line = new BufferedReader(new InputStreamReader(terminal.in, StandardCharsets.UTF_8)).readLine();
        String answer = line == null ? "" : line.trim();
        for (int i = 0; i < names.size(); i++) {
            if (answer.equals(String.valueOf(i + 1)) || answer.equals(names.get(i))) {
                return router.clients().get(names.get(i));
            }
        }
        throw new Targets.BadInput("'" + answer + "' is none of the clients " + String.join(", ", names));
    }
}
