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

    /** Every key checked against its provider's schema, every client created; nothing sent. */
    @Command(name = "check", description = "Check every client's keys and the routes, offline: nothing is sent. "
            + "Exit 0 when usable, 2 naming every problem with its line.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            Terminal terminal = config.main.terminal;
            try (Connection connection = Connection.open(common, terminal, terminal.clientOptions(false).build())) {
                if (common.quiet) {
                    return ExitCode.OK;
                }
                PurgeClient client = connection.client;
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
                terminal.out.println("(offline: the credentials were not tried)");
                return ExitCode.OK;
            }
        }
    }
}
