package io.cdnpurge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The default listener: one SLF4J line per vendor request (INFO when answered, WARN when retried or failed), INFO
 * while a call waits for a rate limit, a vendor's {@code Retry-After} or quota room, DEBUG for plans and requests,
 * INFO for the end of a purge. Logger name {@code io.cdnpurge}. Lines are built from
 * events, which never carry credentials.
 */
public final class Slf4jPurgeListener implements PurgeListener {
    private final Logger logger;

    public Slf4jPurgeListener() {
        this(LoggerFactory.getLogger("io.cdnpurge"));
    }

    /** Logs to the given logger (for tests that capture lines, or a logger name of your own). */
    public Slf4jPurgeListener(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger cannot be null");
    }

    /** Only the events whose level the logger has enabled: with logging off, no event is built. */
    @Override
    public boolean wants(PurgeEvent.Type type) {
        switch (type) {
            case RESPONSE:
            case QUEUED:
            case WAITING:
            case COMPLETED:
                return logger.isInfoEnabled();
            case RETRY:
            case CALL_FAILED:
                return logger.isWarnEnabled();
            default:
                return logger.isDebugEnabled();
        }
    }

    @Override
    public void onEvent(PurgeEvent event) {
        switch (event.type()) {
            case RESPONSE:
            case QUEUED:
            case WAITING:
            case COMPLETED:
                if (logger.isInfoEnabled()) {
                    logger.info(event.toString());
                }
                break;
            case RETRY:
            case CALL_FAILED:
                if (logger.isWarnEnabled()) {
                    logger.warn(event.toString());
                }
                break;
            default:
                if (logger.isDebugEnabled()) {
                    logger.debug(event.toString());
                }
        }
    }
}
