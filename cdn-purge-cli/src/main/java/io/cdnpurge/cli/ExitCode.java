package io.cdnpurge.cli;

/** The exit codes of {@code cdn-purge}, documented in the README and in {@code cdn-purge --help}. */
final class ExitCode {
    /** Every target purged, or accepted and in progress when not waiting. */
    static final int OK = 0;
    /** Every target failed. */
    static final int FAILED = 1;
    /** Bad input or configuration: nothing was sent. */
    static final int USAGE = 2;
    /** Some targets purged, some failed. */
    static final int PARTIAL = 3;
    /** A vendor refused the credential or its permission. */
    static final int AUTH = 4;
    /** {@code --wait} ended before every purge completed. */
    static final int TIMED_OUT = 5;

    static final String HELP = "Exit codes: 0 succeeded (or in progress without --wait), 1 failed, 2 bad input or "
            + "configuration (nothing sent), 3 partial, 4 authentication or permission, 5 --wait timed out.";

    private ExitCode() {
    }
}
