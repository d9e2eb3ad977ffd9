package io.cdnpurge;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** An SLF4J logger with every level enabled that keeps the formatted lines. Thread-safe. */
public final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    /** One logged line. */
    public record Line(Level level, String text) {
    }

    private final transient List<Line> lines = new CopyOnWriteArrayList<>();

    public CapturingLogger() {
        this.name = "io.cdnpurge.test";
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<String> texts(Level level) {
        return lines.stream().filter(line -> line.level() == level).map(Line::text).collect(Collectors.toList());
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

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String text = MessageFormatter.basicArrayFormat(pattern, arguments);
        lines.add(new Line(level, throwable == null ? text : text + " " + throwable));
    }
}
