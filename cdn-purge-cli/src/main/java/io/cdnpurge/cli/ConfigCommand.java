package io.cdnpurge.cli;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.Route;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cdn-purge config check}: reads the configuration as a purge would, offline, and says what it found. */
@Command(name = "config", description = "Check a configuration.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        main.terminal.err.println("cdn-purge config: say what to do: cdn-purge config check --config FILE");
        return ExitCode.USAGE;
    }

    /**
     * Each client's read-only check, printed; exit 4 when a vendor denied, 1 when one could not be asked (nothing
     * was proven: a CI gate must not pass), 0 otherwise.
     */
    static int online(PurgeClient client, Terminal terminal, boolean quiet) {
        boolean denied = false;
        boolean unreachable = false;
        for (io.cdnpurge.AccessCheck check : client.checkAccess()) {
            denied |= check.verdict() == io.cdnpurge.AccessCheck.Verdict.DENIED;
            unreachable |= check.verdict() == io.cdnpurge.AccessCheck.Verdict.UNREACHABLE;
            String line = "  " + check.client() + ": " + label(check.verdict()) + " — " + check.detail();
            if (!quiet) {
                terminal.out.println(line);
            } else if (check.verdict() == io.cdnpurge.AccessCheck.Verdict.DENIED
                    || check.verdict() == io.cdnpurge.AccessCheck.Verdict.UNREACHABLE) {
                terminal.err.println(line.trim());
            }
        }
        return denied ? ExitCode.AUTH : unreachable ? ExitCode.FAILED : ExitCode.OK;
    }

    private static String label(io.cdnpurge.AccessCheck.Verdict verdict) {
        switch (verdict) {
            case CONFIRMED:
                return "may purge";
            case CREDENTIAL_ONLY:
                return "credential works (purge permission not shown read-only)";
            case DENIED:
                return "DENIED";
            case UNREACHABLE:
                return "could not ask";
            default:
                return "not checked";
        }
    }

    /** Every key checked against its provider's schema, every client created; nothing sent. */
    @Command(name = "check", description = "Check every client's keys and the routes, offline: nothing is sent. "
            + "Exit 0 when usable, 2 naming every problem with its line. With --online, also ask each vendor, "
            + "read-only, whether the credential works and may purge: exit 4 naming what is missing.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Mixin
        CommonOptions common;

        @picocli.CommandLine.Option(names = "--online", description = "Ask each vendor, read-only (no purge), "
                + "whether the credential works and has the permission to purge.")
        boolean online;

        @Override
        public Integer call() throws Exception {
            Terminal terminal = config.main.terminal;
            try (Connection connection = Connection.open(common, terminal, terminal.clientOptions(false).build())) {
                PurgeClient client = connection.client;
                if (common.quiet) {
                    return online ? online(client, terminal, true) : ExitCode.OK;
                }
                if (client instanceof PurgeRouter) {
                    PurgeRouter router = (PurgeRouter) client;
                    terminal.out.println("configuration OK: " + router.clients().size() + " clients, "
                            + router.routes().size() + " routes, " + router.buckets().size() + " buckets");
                    for (Map.Entry<String, PurgeClient> each : router.clients().entrySet()) {
                        terminal.out.println("  client " + each.getKey() + ": " + each.getValue());
                    }
                    for (Route route : router.routes()) {
                        terminal.out.println("  route " + route);
                    }
                    router.bucketRoutes().forEach(bucket -> terminal.out.println("  bucket " + bucket));
                } else {
                    terminal.out.println("configuration OK: " + client);
                }
                if (!online) {
                    terminal.out.println("(offline: the credentials were not tried; --online asks each vendor)");
                    return ExitCode.OK;
                }
                return online(client, terminal, false);
            }
        }
    }
}
