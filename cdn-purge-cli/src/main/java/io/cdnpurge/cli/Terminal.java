package io.cdnpurge.cli;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.Sleeper;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Where the command reads and writes, and whether a person watches: standard streams and environment, given so that
 * tests run the commands in process.
 */
final class Terminal {
    final PrintStream out;
    final PrintStream err;
    final InputStream in;
    final Map<String, String> environment;
    /** Whether standard error is an interactive terminal: a progress line redrawn in place, else plain lines. */
    final boolean interactive;
    /** Columns of the terminal, for the progress line. */
    final int columns;
    /** The clock and sleeper of the clients and of the demo's fakes: the system's, or a test's virtual time. */
    final Clock clock;
    final Sleeper sleeper;

    Terminal(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, boolean interactive) {
        this(out, err, in, environment, interactive, Clock.systemUTC(), Sleeper.system());
    }

    Terminal(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, boolean interactive,
             Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.out = out;
        this.err = err;
        this.in = in;
        this.environment = environment;
        this.interactive = interactive;
        int width = 80;
        try {
            width = Integer.parseInt(environment.getOrDefault("COLUMNS", "80").trim());
        } catch (NumberFormatException e) {
            // the default
        }
        this.columns = Math.max(40, Math.min(width, 240));
    }

    /** Client options on this terminal's clock and sleeper, logging as asked. */
    ClientOptions.Builder clientOptions(boolean logging) {
        return ClientOptions.builder().clock(clock).sleeper(sleeper).logging(logging);
    }

    /**
     * Whether standard error, where the progress line goes, is a terminal: the console says so of standard input and
     * output only, so {@code 2>log} would fill the log with redrawn lines. Where the system shows it (Linux's
     * {@code /proc/self/fd/2}), its target must be a terminal device.
     */
    private static boolean stderrIsTerminal() {
        java.nio.file.Path fd = java.nio.file.Path.of("/proc/self/fd/2");
        try {
            String target = java.nio.file.Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not readable: the console's word stands
            return true;
        }
    }

    /** The process's own: a terminal when the JVM has an interactive console and TERM is not "dumb". */
    static Terminal system() {
        Map<String, String> environment = System.getenv();
        return new Terminal(System.out, System.err, System.in, environment, isInteractive(environment));
    }

    private static boolean isInteractive(Map<String, String> environment) {
        java.io.Console console = System.console();
        if (console == null || "dumb".equals(environment.get("TERM")) || !stderrIsTerminal()) {
            return false;
        }
        try {
            // Java 22+ has a console even when redirected; it says whether it is a terminal
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
