package io.cdnpurge.highwinds.internal;

import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.http.Json;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;

import java.time.Clock;

/**
 * StrikeTracker's error answers, {@code {"error": "<message>", "code": <int>}}, to exceptions. A 429 (the 100 URLs a
 * minute window) rejected the whole request, nothing of it purged, and carries {@code Retry-After}: the engine sends
 * the whole batch again after that wait.
 */
final class HighwindsErrors {
    private HighwindsErrors() {
    }

    /**
     * @param client   the client's name, the prefix of the keys the advice names
     * @param password whether the client signs in with a user's password rather than an API token
     */
    static PurgeServiceException of(VendorResponse response, Clock clock, String client, boolean password,
                                    String what) {
        String p = client + ".";
        Json json = response.json();
        String message = json.path("error").asText(null);
        if (message == null) {
            String body = response.body().strip();
            message = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        }
        VendorErrors.Builder builder = VendorErrors.builder("highwinds", response, clock).message(message);
        if (json.path("code").canConvertToLong()) {
            builder.vendorCode(json.path("code").asText());
        }
        int status = response.status();
        if (status == 401) {
            return builder.advice(password ? "Check " + p + "username and " + p + "password: StrikeTracker did not "
                    + "take the user's token" : "Check " + p + "apiToken" + (client.equals("highwinds")
                    ? " (or the HIGHWINDS_API_TOKEN variable)" : "") + ": the token is missing, wrong or revoked")
                    .authentication();
        }
        if (status == 403) {
            return builder.permission("purge").advice("the user may not purge this account; check "
                    + p + "accountHash and the user's rights in StrikeTracker").build();
        }
        if (status == 429) {
            return builder.advice("StrikeTracker's limit of 100 URLs a minute per account was reached (another "
                    + "client of the account, or " + p + "rateLimit.urls set above it); nothing of the request was "
                    + "purged, it is sent again").build();
        }
        if (status == 400 || status == 404) {
            return builder.retryable(false).advice("StrikeTracker refused " + what + " and it is not retried").build();
        }
        return builder.build();
    }
}
