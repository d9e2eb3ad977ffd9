package io.cdnpurge.cloudflare.internal;

import io.cdnpurge.http.Json;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cloudflare's error envelope ({@code success:false} with {@code errors[{code, message}]}) to exceptions. The
 * {@code success} flag decides, not the HTTP status: Cloudflare has answered 200 with {@code success:false}.
 */
final class CloudflareErrors {
    static final String PERMISSION = "Cache Purge";
    /** Missing auth headers, bad credential, malformed key header (and its chained code). */
    private static final Set<Integer> AUTH = Set.of(9106, 9103, 9109, 10000, 10001, 6003, 6103, 6111);
    /** Invalid zone id or route. */
    private static final Set<Integer> ZONE = Set.of(7003, 7000);
    /** A body with no purge key, or a value that is not an array: the request itself is wrong. */
    private static final Set<Integer> REQUEST = Set.of(1012, 1014);
    /** Item errors: a tag too long or non-printable, and the summary "one or more cache purge errors". */
    private static final Set<Integer> ITEM = Set.of(1016, 1100, 1315);

    private CloudflareErrors() {
    }

    /** Whether the answer is a success: HTTP 2xx and {@code "success": true}. */
    static boolean succeeded(VendorResponse response) {
        return response.successful() && response.json().path("success").asBoolean(false);
    }

    /** A 2xx that is not Cloudflare's envelope at all (a proxy's page, an empty body): the call may not have run. */
    static PurgeServiceException unrecognised(VendorResponse response, String expected) {
        return VendorErrors.unrecognised("cloudflare", response, "{\"success\":true,…} with " + expected,
                response.header("cf-ray").orElse(null));
    }

    /**
     * The error of an answer that is not a success.
     *
     * @param client   the client's name, the prefix of the keys the advice names
     * @param zoneId   the zone of the call, for messages
     * @param expected what the result of a success holds, for a 2xx that is no envelope at all
     */
    static PurgeServiceException of(VendorResponse response, Clock clock, String client, String zoneId,
                                     String expected) {
        String p = client + ".";
        if (response.successful() && !response.json().path("success").isBoolean()) {
            return unrecognised(response, expected);
        }
        Json errors = response.json().path("errors");
        List<String> messages = new ArrayList<>();
        Integer firstCode = null;
        Set<Integer> codes = new java.util.LinkedHashSet<>();
        for (Json error : errors) {
            int code = error.path("code").asInt(0);
            if (code != 0) {
                codes.add(code);
                firstCode = firstCode == null ? code : firstCode;
            }
            String text = error.path("message").asText("");
            messages.add(code == 0 || errors.size() == 1 ? text : code + " " + text);
        }
        String message = messages.isEmpty() ? (response.successful() ? "success:false without errors"
                : "no Cloudflare error envelope in the answer") : String.join("; ", messages);
        VendorErrors.Builder builder = VendorErrors.builder("cloudflare", response, clock)
                .vendorCode(firstCode == null ? null : String.valueOf(firstCode))
                .message(message)
                .requestId(response.header("cf-ray").orElse(null));
        if (response.status() == 429) {
            return builder.advice("Cloudflare's purge rate limit was reached; lower the request rate "
                    + "or set " + p + "plan to your plan").build();
        }
        if (codes.stream().anyMatch(AUTH::contains) || response.status() == 401) {
            return builder.advice("Check " + p + "apiToken: the token must be valid and have the Zone · "
                    + PERMISSION + " permission for this zone (legacy auth: " + p + "email and " + p + "globalKey)")
                    .authentication();
        }
        if (codes.stream().anyMatch(ZONE::contains)) {
            return builder.retryable(false).advice("Zone id '" + zoneId + "' is not a zone this credential can "
                    + "see: check " + p + "zoneId or " + p + "zones").build();
        }
        if (codes.stream().anyMatch(REQUEST::contains)) {
            return builder.retryable(false).advice("Cloudflare found the request invalid; this is a bug in "
                    + "cdn-purge, please report it with the request id").build();
        }
        if (codes.stream().anyMatch(ITEM::contains)) {
            return builder.retryable(false).advice("Cloudflare refused an item of this call (e.g. a tag that is "
                    + "too long or not printable) and purged none of it; fix the item and purge again").build();
        }
        if (response.status() == 403) {
            return builder.permission(PERMISSION).advice("The credential lacks the Zone · " + PERMISSION
                    + " permission for this zone").build();
        }
        if (response.successful()) {
            return builder.retryable(false).build();
        }
        return builder.build();
    }
}
