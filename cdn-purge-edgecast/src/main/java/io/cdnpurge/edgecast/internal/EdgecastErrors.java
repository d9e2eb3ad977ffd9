package io.cdnpurge.edgecast.internal;

import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.http.Json;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;

import java.time.Clock;
import java.util.Locale;

/**
 * Edgecast's error answers to exceptions. Only 200 is success; an error's body is usually {@code {"Message": …}}
 * (sometimes XML, whose text is then shown as it came). An invalid account number is a 400; over the limit of
 * outstanding purge and load requests Edgecast answers 400 too, which the engine takes as back-pressure (see the
 * Edgecast REST API's status codes and error messages, and "Purge Content" on the limit of 50 concurrent requests).
 */
final class EdgecastErrors {
    /** The vendor code given to a refusal for the outstanding-request limit, so the quota recognises it. */
    static final String OUTSTANDING_FULL = "OutstandingRequestsLimit";

    private EdgecastErrors() {
    }

    /** The message of an error answer: {@code Message} of JSON, else the body's first line. */
    static String message(VendorResponse response) {
        Json json = response.json();
        String message = json.path("Message").asText(null);
        if (message == null) {
            message = json.path("message").asText(null);
        }
        if (message == null) {
            String body = response.body().trim();
            int newline = body.indexOf('\n');
            message = newline < 0 ? body : body.substring(0, newline);
            if (message.length() > 200) {
                message = message.substring(0, 200) + "…";
            }
        }
        return message;
    }

    /**
     * Whether a 400 refuses a request for the limit of outstanding purges: Edgecast documents the status, not the
     * wording, so a message about a concurrent, outstanding or maximum number of requests is taken as that.
     */
    static boolean outstandingFull(int status, String message) {
        if (status != 400 || message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("concurrent") || text.contains("outstanding") || text.contains("maximum number")
                || text.contains("too many");
    }

    /**
     * The error of an answer that is not a success.
     *
     * @param client  the client's name, the prefix of the keys the advice names
     * @param account the account number of the request
     * @param what    what the request was, e.g. {@code PUT /edge/purge}
     */
    static PurgeServiceException of(VendorResponse response, Clock clock, String client, String account,
                                     String what) {
        String p = client + ".";
        int status = response.status();
        String message = message(response);
        VendorErrors.Builder builder = VendorErrors.builder("edgecast", response, clock).message(message);
        boolean denied = message != null && message.toLowerCase(Locale.ROOT).contains("access denied");
        if (status == 403) {
            return builder.permission("purge").advice("Edgecast refused the token for " + what + ": check that "
                    + p + "apiToken is the REST API token of account " + account + " and that its user may purge")
                    .build();
        }
        if (status == 401 || denied) {
            return builder.advice("Check " + p + "apiToken" + (client.equals("edgecast") ? " (or the "
                    + "EDGECAST_API_TOKEN variable)" : "") + ": it must be the web service REST API token of account "
                    + account + ", from the MCC (My Settings, REST API Token)").authentication();
        }
        if (outstandingFull(status, message)) {
            return new PurgeThrottledException("edgecast has as many purge and load requests outstanding on account "
                    + account + " as it allows (" + message + ")", status, OUTSTANDING_FULL, null, null);
        }
        if (status == 400 && message != null && message.toLowerCase(Locale.ROOT).contains("account")) {
            return builder.retryable(false).advice("Edgecast did not take account '" + account + "': check "
                    + p + "accountNumber against the account number the MCC shows").build();
        }
        if (status == 400 || status == 404) {
            return builder.retryable(false).advice("Edgecast refused " + what + " and it is not retried; check the "
                    + "URL and the platform (" + p + "platform, " + p + "platforms)").build();
        }
        return builder.build();
    }
}
