package io.cdnpurge.cli;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.UnsupportedPurgeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Properties;

/** The {@code cdn-purge} command line. */
@Command(name = "cdn-purge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true,
        description = "Purge CDN caches on Cloudflare, Akamai, Fastly, CloudFront, Edgecast and Highwinds.",
        subcommands = {PurgeCommand.class, PlanCommand.class, StatusCommand.class, ProvidersCommand.class, ConfigCommand.class,
                DemoCommand.class, FakesCommand.class, CommandLine.HelpCommand.class},
        footer = {"", ExitCode.HELP})
public final class Main implements java.util.concurrent.Callable<Integer> {
    final Terminal terminal;
    private final boolean debug;

    Main(Terminal terminal, boolean debug) {
        this.terminal = terminal;
        this.debug = debug;
    }

    public static void main(String[] args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        // before any logger exists: the CLI shows progress, not log lines, unless --debug
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.exit(run(args, Terminal.system()));
    }

    /** Runs one command line; the exit code. */
    static int run(String[] args, Terminal terminal) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine line = new CommandLine(new Main(terminal, debug));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(new PrintWriter(terminal.out, true));
        line.setErr(new PrintWriter(terminal.err, true));
        line.setParameterExceptionHandler((error, args1) -> {
            terminal.err.println("cdn-purge: " + error.getMessage());
            terminal.err.println("Try: " + error.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCode.USAGE;
        });
        line.setExecutionExceptionHandler((error, failed, parsed) -> {
            int code = exitCode(error);
            terminal.err.println("cdn-purge: " + message(error));
            if (debug) {
                error.printStackTrace(terminal.err);
            } else if (code == ExitCode.FAILED && !(error instanceof PurgeException)) {
                terminal.err.println("(run with --debug for the stack trace, and report it please)");
            }
            return code;
        });
        return line.execute(args);
    }

    private static int exitCode(Throwable error) {
        if (error instanceof Targets.BadInput || error instanceof InvalidConfigurationException
                || error instanceof InvalidPurgeRequestException || error instanceof UnsupportedPurgeException
                || error instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (error instanceof PurgeAuthenticationException || error instanceof PurgePermissionException) {
            return ExitCode.AUTH;
        }
        return ExitCode.FAILED;
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }

    /** {@code cdn-purge} alone: the usage, and exit 2. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(terminal.err);
        return ExitCode.USAGE;
    }

    /** The version the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"cdn-purge " + properties.getProperty("version", "(unknown version)"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
