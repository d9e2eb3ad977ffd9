package io.cdnpurge.http;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns a vendor's error answer into the exception hierarchy: 401 authentication, 403 permission, 429 throttled
 * (with {@code Retry-After}), 408/5xx retryable, other 4xx permanent.
 *
 * <pre>{@code
 * throw VendorErrors.builder("cloudflare", response.status())
 *     .vendorCode("10000").message("Authentication error").requestId(ray)
 *     .permission("Cache Purge").build();
 * }</pre>
 */
public final class VendorErrors {
    private VendorErrors() {
    }

    public static Builder builder(String providerId, int httpStatus) {
        return new Builder(providerId, httpStatus);
    }

    /**
     * A builder for an error answer, with the answer's status and its {@code Retry-After}, whatever the status (a
     * 503 announcing an outage carries one as much as a 429 does).
     */
    public static Builder builder(String providerId, VendorResponse response, Clock clock) {
        return new Builder(providerId, response.status())
                .retryAfter(retryAfter(response.header("Retry-After").orElse(null), clock).orElse(null));
    }

    /**
     * Parses {@code Retry-After}: delay seconds, or an HTTP date relative to the clock. Empty when absent or
     * unreadable; never negative.
     */
    public static Optional<Duration> retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /**
     * A 2xx answer whose body is not the vendor's acknowledgement (an HTML page from a proxy, an empty body, JSON of
     * another shape): the purge may or may not have been made, so the error is retryable (purges are idempotent), and
     * its message names what came back.
     *
     * @param expected what the acknowledgement looks like, e.g. {@code {"status":"ok","id":…}}
     */
    public static PurgeServiceException unrecognised(String providerId, VendorResponse response, String expected,
                                                     String requestId) {
        String body = response.body().strip().replaceAll("\\s+", " ");
        String shown = body.isEmpty() ? "an empty body" : "'" + (body.length() > 200 ? body.substring(0, 200) + "…"
                : body) + "'" + response.header("Content-Type").map(type -> " (" + type + ")").orElse("");
        return new PurgeServiceException(providerId + " answered HTTP " + response.status() + " with " + shown
                + ", which is not its acknowledgement (" + expected + "): the purge may not have been made",
                response.status(), null, requestId, true, null);
    }

    /** Whether a status is worth retrying: timeouts, conflicts, throttling and server errors. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    /** Builds the exception for one error answer. Not thread-safe. */
    public static final class Builder {
        private final String providerId;
        private final int httpStatus;
        private String vendorCode;
        private String message;
        private String requestId;
        private Duration retryAfter;
        private String permission;
        private String advice;
        private Boolean retryable;

        private Builder(String providerId, int httpStatus) {
            this.providerId = providerId;
            this.httpStatus = httpStatus;
        }

        /** The vendor's error code, if it sent one. */
        public Builder vendorCode(String code) {
            this.vendorCode = code;
            return this;
        }

        /** The vendor's own error text. It must not contain credentials (vendors do not echo them). */
        public Builder message(String vendorMessage) {
            this.message = vendorMessage;
            return this;
        }

        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        public Builder retryAfter(Duration wait) {
            this.retryAfter = wait;
            return this;
        }

        /** The permission the credential needs, named in a 403's message and exception. */
        public Builder permission(String needed) {
            this.permission = needed;
            return this;
        }

        /** What the user should do, appended to the message. */
        public Builder advice(String whatToDo) {
            this.advice = whatToDo;
            return this;
        }

        /** Overrides the status-based decision (e.g. a vendor that throttles with 400). */
        public Builder retryable(boolean canRetry) {
            this.retryable = canRetry;
            return this;
        }

        /** A 401 or 403 becomes authentication or permission, 429 throttled, the rest a service error. */
        public PurgeServiceException build() {
            String text = text();
            if (httpStatus == 429 || (Boolean.TRUE.equals(retryable) && retryAfter != null)) {
                return new PurgeThrottledException(text, httpStatus, vendorCode, requestId, retryAfter);
            }
            if (httpStatus == 401) {
                return new PurgeAuthenticationException(text, httpStatus, vendorCode, requestId);
            }
            if (httpStatus == 403 && permission != null) {
                return new PurgePermissionException(text, permission, httpStatus, vendorCode, requestId);
            }
            if (httpStatus == 403) {
                return new PurgeAuthenticationException(text, httpStatus, vendorCode, requestId);
            }
            boolean canRetry = retryable != null ? retryable : retryableStatus(httpStatus);
            return new PurgeServiceException(text, httpStatus, vendorCode, requestId, canRetry, retryAfter);
        }

        /** Like {@link #build} but always an authentication error (a vendor that says "bad credential" with 400). */
        public PurgeAuthenticationException authentication() {
            return new PurgeAuthenticationException(text(), httpStatus, vendorCode, requestId);
        }

        private String text() {
            StringBuilder out = new StringBuilder(providerId).append(" answered HTTP ").append(httpStatus);
            if (vendorCode != null) {
                out.append(" (code ").append(vendorCode).append(')');
            }
            out.append(": ").append(message == null || message.isBlank() ? "no error message" : message.trim());
            if (advice != null) {
                out.append(". ").append(advice);
            }
            if (requestId != null) {
                out.append(" [request id ").append(requestId).append(']');
            }
            return out.toString();
        }
    }
}
