package io.cdnpurge.fastly.internal;

import io.cdnpurge.http.Json;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;
import io.cdnpurge.spi.PurgeBatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fastly's error answers to exceptions. Fastly has three error bodies, and any of them may come: legacy
 * {@code {msg, detail}} or {@code {status:"fail", reason}}, JSON:API {@code {errors:[{code, detail, id, status,
 * title}]}}, and RFC 7807 {@code {title, detail, status}}.
 */
final class FastlyErrors {
    private FastlyErrors() {
    }

    /** HTTP 2xx, and not a legacy {@code "status":"fail"} body. */
    static boolean succeeded(VendorResponse response) {
        return response.successful() && !"fail".equals(response.json().path("status").asText(""));
    }

    static PurgeServiceException of(VendorResponse response, PurgeBatch batch, Clock clock, String client) {
        String p = client + ".";
        Json json = response.json();
        Json errors = json.path("errors");
        VendorErrors.Builder builder = VendorErrors.builder("fastly", response, clock).message(message(json));
        if (errors.isArray() && errors.size() > 0) {
            builder.vendorCode(text(errors.path(0), "code")).requestId(text(errors.path(0), "id"));
        }
        int status = response.status();
        Kind kind = batch.kind();
        if (status == 429) {
            Duration wait = VendorErrors.retryAfter(response.header("Retry-After").orElse(null), clock)
                    .or(() -> untilReset(response, clock)).orElse(null);
            PurgeServiceException throttled = builder.retryAfter(wait).advice("Fastly's API rate limit was reached "
                    + "(1,000 purge-all and other write requests an hour per token; URL and key purges are exempt)")
                    .build();
            // the hourly write limit is the purgeAll bucket; a throttle of URL or key purges names no bucket
            return kind == Kind.EVERYTHING ? new PurgeThrottledException(throttled.getMessage(), status,
                    throttled.vendorCode().orElse(null), throttled.requestId().orElse(null), wait, "purgeAll")
                    : throttled;
        }
        if (status == 401) {
            return builder.advice("Check " + p + "apiToken" + (client.equals("fastly") ? " (or the FASTLY_API_TOKEN "
                    + "variable)" : "") + ": the API token is "
                    + "missing, invalid, expired or revoked").authentication();
        }
        if (status == 403) {
            if (kind == Kind.EVERYTHING) {
                return builder.permission("purge_all").advice("Purging a whole service needs a token with the "
                        + "purge_all (or global) scope; purge_select does not cover it. A token may also be limited "
                        + "to other services than " + batch.scope()).build();
            }
            return builder.permission("purge_select").advice("URL and surrogate-key purges need a token with the "
                    + "purge_select (or global) scope, and a token may be limited to certain services; this one "
                    + "cannot purge " + where(batch)).build();
        }
        if (status == 404 && kind == Kind.URL) {
            return builder.retryable(false).advice("Host '" + host(batch) + "' is on no Fastly service this token "
                    + "can purge: a configuration error. Add the host as a domain of its service, or fix the URL")
                    .build();
        }
        if (status == 404) {
            return builder.retryable(false).advice("Service '" + batch.scope() + "' does not exist or this token "
                    + "cannot see it: check " + p + "serviceId and " + p + "services").build();
        }
        if (status == 400) {
            return builder.retryable(false).advice("Fastly found the request invalid and it is not retried; if it "
                    + "says there are too many keys, that is a bug in cdn-purge (it sends at most "
                    + p + "keysPerCall, 256 by default): please report it").build();
        }
        if (response.successful()) {
            return builder.retryable(false).build();
        }
        return builder.build();
    }

    /**
     * Whether a 2xx answer is Fastly's acknowledgement of the call: {@code {"status":"ok","id":…}} for a URL,
     * {@code {"status":"ok"}} for a whole service, and an id for every key of a bulk key purge.
     */
    static boolean acknowledged(VendorResponse response, PurgeBatch batch) {
        Json json = response.json();
        if (!json.isObject()) {
            return false;
        }
        switch (batch.kind()) {
            case TAG:
                return batch.targets().stream().allMatch(target -> json.path(target.value()).isTextual());
            case EVERYTHING:
                return "ok".equals(json.path("status").asText(null));
            default:
                return "ok".equals(json.path("status").asText(null)) && json.path("id").isTextual();
        }
    }

    /** What {@link #acknowledged} looks for, for the message of an answer that is not it. */
    static String acknowledgement(PurgeBatch batch) {
        switch (batch.kind()) {
            case TAG:
                return "an object with the purge id of each surrogate key";
            case EVERYTHING:
                return "{\"status\":\"ok\"}";
            default:
                return "{\"status\":\"ok\",\"id\":…}";
        }
    }

    /** {@code Fastly-RateLimit-Remaining}, when Fastly sent a number. */
    static Optional<Integer> rateLimitRemaining(VendorResponse response) {
        return response.header("Fastly-RateLimit-Remaining").flatMap(FastlyErrors::number).map(Long::intValue);
    }

    /** The time from now until {@code Fastly-RateLimit-Reset} (epoch seconds); never negative. */
    static Optional<Duration> untilReset(VendorResponse response, Clock clock) {
        return response.header("Fastly-RateLimit-Reset").flatMap(FastlyErrors::number).map(reset -> {
            Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(reset));
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    private static Optional<Long> number(String header) {
        try {
            return Optional.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The error text of whichever of Fastly's three formats the body is in. */
    static String message(Json json) {
        List<String> parts = new ArrayList<>();
        Json errors = json.path("errors");
        if (errors.isArray() && errors.size() > 0) {
            for (Json error : errors) {
                parts.add(join(text(error, "title"), text(error, "detail")));
            }
        } else if (json.hasNonNull("msg")) {
            parts.add(join(text(json, "msg"), text(json, "detail") != null ? text(json, "detail")
                    : text(json, "details")));
        } else if (json.hasNonNull("reason")) {
            parts.add(text(json, "reason"));
        } else if (json.hasNonNull("title") || json.hasNonNull("detail")) {
            parts.add(join(text(json, "title"), text(json, "detail")));
        }
        parts.removeIf(part -> part == null || part.isBlank());
        return parts.isEmpty() ? "no Fastly error body in the answer" : String.join("; ", parts);
    }

    private static String join(String title, String detail) {
        if (title == null) {
            return detail;
        }
        return detail == null || detail.equals(title) ? title : title + " (" + detail + ")";
    }

    private static String text(Json node, String field) {
        Json value = node.path(field);
        return value.isMissing() || value.isNull() || value.isObject() || value.isArray() ? null : value.asText();
    }

    private static String host(PurgeBatch batch) {
        return batch.targets().get(0).hostName().orElse(batch.scope());
    }

    private static String where(PurgeBatch batch) {
        return batch.kind() == Kind.URL ? "host '" + host(batch) + "'" : "service '" + batch.scope() + "'";
    }
}
