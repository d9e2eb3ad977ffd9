package io.cdnpurge.internal;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.PurgeTransportException;
import io.cdnpurge.PurgeUnavailableException;
import io.cdnpurge.spi.Secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replaces every known secret in a text with {@code [REDACTED]}. */
final class Redactor {
    static final String MASK = "[REDACTED]";

    private final Secrets source;
    private volatile long version = -1;
    private volatile List<String> secrets = List.of();

    /** Redacts every secret the set holds, those added later included. */
    Redactor(Secrets source) {
        this.source = source;
    }

    /** The secrets, longest first so that one containing another is masked whole; rebuilt when one is added. */
    private List<String> secrets() {
        long current = source.version();
        if (current != version) {
            synchronized (this) {
                if (current != version) {
                    List<String> usable = new ArrayList<>(source.values());
                    usable.sort(Comparator.comparingInt(String::length).reversed());
                    secrets = List.copyOf(usable);
                    version = current;
                }
            }
        }
        return secrets;
    }

    /**
     * The error itself when nothing in it or its causes holds a secret; otherwise a copy of the same type with the
     * secret masked in its message and the offending cause left out (a stack trace would print it).
     */
    PurgeException scrubError(PurgeException error) {
        if (error == null || !leaks(error)) {
            return error;
        }
        String message = scrub(error.getMessage());
        boolean causeLeaks = leaks(error.getCause());
        Throwable cause = causeLeaks ? null : error.getCause();
        if (causeLeaks) {
            message = message + " (cause omitted: it contained a credential)";
        }
        PurgeException clean = copy(error, message, cause);
        clean.setStackTrace(error.getStackTrace());
        return clean;
    }

    private PurgeException copy(PurgeException error, String message, Throwable cause) {
        if (error instanceof PurgeServiceException) {
            PurgeServiceException service = (PurgeServiceException) error;
            String code = scrub(service.vendorCode().orElse(null));
            String requestId = scrub(service.requestId().orElse(null));
            if (error instanceof PurgePermissionException) {
                return new PurgePermissionException(message, ((PurgePermissionException) error).permission(),
                        service.httpStatus(), code, requestId);
            }
            if (error instanceof PurgeAuthenticationException) {
                return new PurgeAuthenticationException(message, service.httpStatus(), code, requestId,
                        ((PurgeAuthenticationException) error).credentialExpired());
            }
            if (error instanceof PurgeThrottledException) {
                return new PurgeThrottledException(message, service.httpStatus(), code, requestId,
                        service.retryAfter().orElse(null), ((PurgeThrottledException) error).rateLimit().orElse(null));
            }
            return new PurgeServiceException(message, service.httpStatus(), code, requestId, service.retryable(),
                    service.retryAfter().orElse(null));
        }
        if (error instanceof PurgeTransportException) {
            PurgeTransportException transport = (PurgeTransportException) error;
            return new PurgeTransportException(message, transport.timeout(), transport.sent(), cause);
        }
        if (error instanceof PurgeUnavailableException) {
            return new PurgeUnavailableException(message, ((PurgeUnavailableException) error).retryAt());
        }
        if (error instanceof InvalidConfigurationException) {
            List<String> problems = new ArrayList<>();
            ((InvalidConfigurationException) error).problems().forEach(problem -> problems.add(scrub(problem)));
            return new InvalidConfigurationException(problems);
        }
        return new PurgeException(message, cause);
    }

    private boolean leaks(Throwable error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++, current = current.getCause()) {
            String text = current.toString();
            for (String secret : secrets()) {
                if (text.contains(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets()) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
