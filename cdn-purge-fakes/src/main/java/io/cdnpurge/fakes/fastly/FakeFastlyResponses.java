package io.cdnpurge.fakes.fastly;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fastly's answers as {@link FakeFastlyApi} sends them.
 *
 * <p>Bodies marked "sourced" are quoted from Fastly's API documentation
 * (https://www.fastly.com/documentation/reference/api/purging/); the others are the fake's
 * own wording, in Fastly's legacy {@code {msg, detail}} or {@code {status:"fail", reason}} formats, because Fastly
 * does not document them. A client must read the status, not the wording.
 */
final class FakeFastlyResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Sourced: a missing or unknown {@code Fastly-Key}. */
    static final Failure UNAUTHORIZED = Failure.of(401, "{\"msg\":\"Provided credentials are missing or invalid\"}");
    /** Sourced: {@code /purge/{host}/…} for a host no service has. */
    static final Failure NO_SERVICE_FOR_HOST =
            Failure.of(404, "{\"msg\":\"Record not found\",\"details\":\"Cannot find service\"}");
    /** Sourced: a bulk purge of more than 256 keys. */
    static final Failure TOO_MANY_KEYS = Failure.of(400, "{\"status\":\"fail\",\"reason\":\"Batch surrogate key "
            + "request only supports up to 256 surrogate keys\"}");
    /** The reason is the spec's sentence; the body format is the fake's choice. */
    static final Failure SOFT_PURGE_ALL = Failure.of(400, "{\"status\":\"fail\",\"reason\":\"Purge-all requests "
            + "cannot be done in soft mode\"}");
    /** Not sourced: any route but the purge routes. */
    static final Failure NO_ROUTE = Failure.of(404, "{\"msg\":\"Record not found\",\"detail\":\"No such route\"}");

    private static final AtomicLong SEQUENCE = new AtomicLong(974_124);

    private FakeFastlyResponses() {
    }

    /** An error answer: status, JSON body and extra headers. */
    record Failure(int status, String body, Map<String, String> headers) {
        Failure {
            Objects.requireNonNull(body, "body cannot be null");
            headers = Map.copyOf(headers);
        }

        static Failure of(int status, String body) {
            return new Failure(status, body, Map.of());
        }

        /** Not sourced: the token has none of the scopes the call needs. */
        static Failure forbidden(String scope) {
            return of(403, "{\"msg\":\"Forbidden\",\"detail\":\"The token does not have the " + scope
                    + " scope needed for this request\"}");
        }

        /** Not sourced: the service id of the path is not a service of the account. */
        static Failure unknownService(String serviceId) {
            ObjectNode body = JSON.createObjectNode().put("msg", "Record not found")
                    .put("detail", "Cannot find service '" + serviceId + "'");
            return of(404, body.toString());
        }

        /** Not sourced: an unusable key purge body, with the reason given. */
        static Failure badRequest(String reason) {
            return of(400, JSON.createObjectNode().put("status", "fail").put("reason", reason).toString());
        }

        /** Not sourced (Fastly documents only the headers): over the hourly limit until {@code reset}. */
        static Failure throttled(Instant reset) {
            return new Failure(429, "{\"msg\":\"Rate limit exceeded\",\"detail\":\"Too many requests\"}",
                    Map.of("Fastly-RateLimit-Remaining", "0", "Fastly-RateLimit-Reset", epochSeconds(reset)));
        }
    }

    /** A purge id shaped like Fastly's, e.g. {@code 108-1767225600-974125}; never the same twice. */
    static String newPurgeId(Instant now) {
        return "108-" + now.getEpochSecond() + "-" + SEQUENCE.incrementAndGet();
    }

    static MockResponse json(int status, String body, Map<String, String> headers) {
        MockResponse.Builder response = new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body);
        headers.forEach(response::setHeader);
        return response.build();
    }

    static MockResponse failure(Failure failure) {
        return json(failure.status(), failure.body(), failure.headers());
    }

    /** Closes the socket once the request has been read, so the client sees an IOException, not a status. */
    static MockResponse disconnect() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    /** Reads the request and never answers, so only the client's read timeout ends the call. */
    static MockResponse stall() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    /** Whole epoch seconds, rounded up, so a client that waits until then is never early. */
    static String epochSeconds(Instant at) {
        long seconds = at.getEpochSecond();
        return String.valueOf(at.getNano() > 0 ? seconds + 1 : seconds);
    }
}
