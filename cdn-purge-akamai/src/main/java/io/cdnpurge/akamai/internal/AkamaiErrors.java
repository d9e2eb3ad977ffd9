package io.cdnpurge.akamai.internal;

import io.cdnpurge.http.Json;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Fast Purge's problem answers ({@code {title, detail, httpStatus, supportId, describedBy}}) to exceptions, and the
 * wait a 429 asks for. Akamai sends no {@code Retry-After}: the wait is computed from what the answer says about
 * its token buckets.
 */
final class AkamaiErrors {
    /** The permission a purge needs, as Akamai Control Center names it. */
    static final String PERMISSION = "CCU APIs (READ-WRITE)";
    /** The wait when the request bucket is empty or a 429 says nothing about its buckets: Akamai's advice. */
    static final Duration DEFAULT_THROTTLE_WAIT = Duration.ofSeconds(5);
    /** The shortest wait after a 429: other API clients of the account draw from the same buckets. */
    static final Duration MIN_THROTTLE_WAIT = Duration.ofSeconds(1);

    private AkamaiErrors() {
    }

    static PurgeServiceException of(VendorResponse response, Kind kind, int objects, double objectsPerSecond,
                                     AkamaiCredential credential, Clock clock) {
        Json body = response.json();
        String title = body.path("title").asText("");
        String detail = body.path("detail").asText("");
        String message = !detail.isEmpty() ? detail : !title.isEmpty() ? title
                : response.body().isBlank() ? "no problem body in the answer" : "an answer that is not problem JSON";
        VendorErrors.Builder builder = VendorErrors.builder("akamai", response, clock)
                .vendorCode(title.isEmpty() ? null : title)
                .message(message)
                .requestId(body.path("supportId").asText(null));
        switch (response.status()) {
            case 429:
                long bucket = body.path("rateLimit").asLong(Long.MAX_VALUE);
                long size = body.path("rateLimitCurrentRequestSize").asLong(objects);
                if (isObjectBucket(title) && size > bucket) {
                    // no wait helps: the account's bucket can never hold this many objects at once
                    return new PurgeServiceException("akamai answered HTTP 429 (" + title + "): the request has "
                            + size + " objects, more than the account's bucket of " + bucket + " holds; set akamai"
                            + ".rateLimit." + bucketName(kind) + ".burst to " + bucket + " so requests fit"
                            + (body.hasNonNull("supportId") ? " [request id " + body.path("supportId").asText()
                            + "]" : ""), 429, title, body.path("supportId").asText(null), false, null);
                }
                Duration wait = throttleWait(response, objects, objectsPerSecond);
                PurgeServiceException throttled = builder.retryAfter(wait)
                        .advice("Akamai's purge rate limit for the account was reached (the buckets are shared by "
                                + "every API client of the account)").build();
                // the title names the bucket that is empty: only that client-side bucket holds other calls back
                return new PurgeThrottledException(throttled.getMessage(), 429, title.isEmpty() ? null : title,
                        throttled.requestId().orElse(null), wait, title.toLowerCase(Locale.ROOT).contains("rate limit")
                        ? (isObjectBucket(title) ? bucketName(kind) : "requests") : null);
            case 401:
                return builder.advice("Akamai did not accept the EdgeGrid signature of the credential from "
                        + credential.source() + ": check that host, client token, client secret and access token "
                        + "belong to one API client, that the request goes to that credential's host, and that "
                        + "this machine's clock is right").authentication();
            case 403:
                return builder.permission(PERMISSION).advice("The API client of the credential from "
                        + credential.source() + " needs the " + PERMISSION + " service, and the purged "
                        + kindName(kind) + "s must belong to its account ('unauthorized arl' names the one that "
                        + "does not)").build();
            case 400:
                if (lower(title + " " + detail).contains("invalid endpoint")) {
                    return builder.retryable(false).advice("The credential from " + credential.source()
                            + " is not a Fast Purge credential: create an API client with the " + PERMISSION
                            + " service and use its host").build();
                }
                return builder.retryable(false).advice("Akamai refused the request; for 'bad URL' percent-encode "
                        + "the URL's non-ASCII characters").build();
            case 413:
            case 415:
                return builder.retryable(false).advice("cdn-purge keeps bodies within Akamai's 50,000 bytes and "
                        + "sends JSON, so this is a bug in cdn-purge: please report it with the support id").build();
            default:
                return builder.build();
        }
    }

    /**
     * How long a 429 asks to wait. An object bucket ({@code URL|CPCODE|TAG Rate Limit exceeded}) lacks
     * {@code rateLimitCurrentRequestSize - rateLimitRemaining} objects, refilled at
     * {@code X-Ratelimit-Limit-Per-Second-Objects} (else the configured bucket's rate), at least 1 s. The request
     * bucket ({@code Rate Limit exceeded}) and an answer without bucket details get Akamai's advice, 5 s.
     */
    static Duration throttleWait(VendorResponse response, int objects, double objectsPerSecond) {
        Json body = response.json();
        String title = lower(body.path("title").asText(""));
        if (!title.contains("rate limit")) {
            return DEFAULT_THROTTLE_WAIT;
        }
        if (!isObjectBucket(title)) {
            // the whole account's request bucket is empty: Akamai's advice, not the 20 ms one token takes
            return DEFAULT_THROTTLE_WAIT;
        }
        long size = body.path("rateLimitCurrentRequestSize").asLong(objects);
        long remaining = number(body, "rateLimitRemaining")
                .or(() -> header(response, "X-Ratelimit-Remaining-Objects")).orElse(0.0).longValue();
        double deficit = Math.max(1, size - remaining);
        double rate = header(response, "X-Ratelimit-Limit-Per-Second-Objects").orElse(objectsPerSecond);
        if (!(rate > 0)) {
            return DEFAULT_THROTTLE_WAIT;
        }
        Duration wait = Duration.ofMillis(Math.round(deficit * 1000 / rate));
        return wait.compareTo(MIN_THROTTLE_WAIT) < 0 ? MIN_THROTTLE_WAIT : wait;
    }

    /**
     * Whether a 2xx answer is Fast Purge's acknowledgement: 201 with {@code httpStatus} 201 and a {@code supportId}
     * (the schema's required fields, with {@code detail}).
     */
    static boolean acknowledged(VendorResponse response) {
        Json body = response.json();
        return response.status() == 201 && body.isObject() && body.path("httpStatus").asInt(0) == 201
                && body.path("supportId").isTextual() && !body.path("supportId").asText().isBlank();
    }

    /** {@code URL|CPCODE|TAG Rate Limit exceeded}, as opposed to the request bucket's {@code Rate Limit exceeded}. */
    static boolean isObjectBucket(String title) {
        String lower = lower(title);
        return lower.startsWith("url ") || lower.startsWith("cpcode ") || lower.startsWith("tag ");
    }

    private static String bucketName(Kind kind) {
        return kind == Kind.URL ? "urls" : kind == Kind.CP_CODE ? "cpcodes" : "tags";
    }

    private static Optional<Double> number(Json body, String field) {
        Json node = body.path(field);
        return node.isNumber() ? Optional.of(node.asDouble(0)) : Optional.empty();
    }

    static Optional<Double> header(VendorResponse response, String name) {
        return response.header(name).flatMap(value -> {
            try {
                double number = Double.parseDouble(value.trim());
                return Double.isFinite(number) ? Optional.of(number) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    static String kindName(Kind kind) {
        switch (kind) {
            case URL: return "URL";
            case CP_CODE: return "CP code";
            default: return "cache tag";
        }
    }
}
