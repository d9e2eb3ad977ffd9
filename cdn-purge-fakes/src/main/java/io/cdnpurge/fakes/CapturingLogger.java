package io.cdnpurge.fakes;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.util.ArrayList;
import java.util.List;

/**
 * An SLF4J logger that keeps every line (all levels), for tests that check what a client logs.
 *
 * <pre>{@code
 * CapturingLogger log = new CapturingLogger();
 * ClientOptions options = ClientOptions.builder().logging(false).listener(new Slf4jPurgeListener(log)).build();
 * }</pre>
 */
public final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient List<String> lines = new ArrayList<>();

    public CapturingLogger() {
        this.name = "captured";
    }

    /** Every line logged so far, as {@code LEVEL message}, with any throwable's message appended. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines logged at one level, without the level prefix. */
    public synchronized List<String> lines(Level level) {
        List<String> atLevel = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(level.name() + " ")) {
                atLevel.add(line.substring(level.name().length() + 1));
            }
        }
        return atLevel;
    }

    @Override
    protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                                                            Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        lines.add(level.name() + " " + message + (throwable == null ? "" : " " + throwable));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
