package io.cdnpurge.fakes.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cloudflare's v4 response envelope and the error codes {@link FakeCloudflareApi} answers with.
 *
 * <p>Codes marked "sourced" are documented by Cloudflare (its API reference and
 * https://developers.cloudflare.com/fundamentals/api/troubleshooting/); the others are the fake's own
 * choice because Cloudflare does not document them, so a client must not rely on their exact value.
 */
final class FakeCloudflareResponses {

    /** Sourced: no Authorization and no X-Auth-* header. */
    static final int MISSING_AUTH = 9106;
    /** Sourced: a token or key that Cloudflare does not accept. */
    static final int AUTH_ERROR = 10000;
    /** Sourced: "Invalid request headers", the parent of 6103 and 6105. */
    static final int INVALID_HEADERS = 6003;
    /** Sourced: the chained cause when an API token is sent as {@code X-Auth-Key}. */
    static final int INVALID_KEY_FORMAT = 6103;
    /** Not sourced: the chained cause for a body that is not declared as JSON. */
    static final int INVALID_CONTENT_TYPE = 6105;
    /** Not sourced: a body that does not parse as a JSON object. */
    static final int MALFORMED_JSON = 6007;
    /** Sourced: an unknown route. */
    static final int NO_ROUTE = 7000;
    /** Not sourced: a method the route does not serve; Cloudflare's real answer to e.g. DELETE is disputed. */
    static final int METHOD_NOT_ALLOWED = 7001;
    /** Sourced: an unknown zone id. */
    static final int UNKNOWN_ZONE = 7003;
    /**
     * Sourced for "no purge key"; the fake reuses it for every other unusable purge body (several keys, empty
     * lists, bad URLs, prefixes or file headers) because Cloudflare's codes for those are not documented.
     */
    static final int INVALID_PURGE_BODY = 1012;
    /** Sourced: a purge value of the wrong JSON type. */
    static final int NOT_AN_ARRAY = 1014;
    /** Not sourced: Cloudflare documents only that the message states the cap. */
    static final int TOO_MANY_ITEMS = 1018;
    /** Sourced (HTTP 200): a tag over 1,024 characters. Which of 1100 and 1315 means which is a guess. */
    static final int TAG_TOO_LONG = 1100;
    /** Sourced (HTTP 200): a tag with a space or a character outside printable ASCII. */
    static final int TAG_INVALID = 1315;
    /** Sourced: the summary error that follows a per-tag error. */
    static final int PURGE_ERRORS = 1016;
    /**
     * Not sourced: the purge limiter's code is undocumented and 1134 appears only in third-party fixtures. The
     * message is the global API limiter's, as users quote it (lablabs/cloudflare-exporter#74).
     */
    static final int RATE_LIMITED = 971;

    static final String MISSING_AUTH_MESSAGE = "Missing X-Auth-Key, X-Auth-Email or Authorization headers";
    static final String RATE_LIMITED_MESSAGE = "Please wait and consider throttling your request speed";
    static final String NO_PURGE_KEY_MESSAGE = "Request must contain one of \"purge_everything\" or \"files\", "
            + "or \"tags\", or \"hosts\" or \"prefixes\"";

    static final ObjectMapper JSON = new ObjectMapper();

    private FakeCloudflareResponses() {
    }

    /** One entry of {@code errors[]}; {@code chain} becomes Cloudflare's nested {@code error_chain}. */
    record ApiError(int code, String message, List<ApiError> chain) {
        ApiError {
            Objects.requireNonNull(message, "message cannot be null");
            chain = List.copyOf(chain);
        }

        ApiError(int code, String message) {
            this(code, message, List.of());
        }
    }

    /** A failed answer; {@code retryAfter} is null unless the answer is a 429. */
    record Failure(int status, List<ApiError> errors, Duration retryAfter) {
        Failure {
            errors = List.copyOf(errors);
        }

        static Failure of(int status, int code, String message) {
            return new Failure(status, List.of(new ApiError(code, message)), null);
        }

        static Failure throttled(Duration retryAfter) {
            return new Failure(429, List.of(new ApiError(RATE_LIMITED, RATE_LIMITED_MESSAGE)), retryAfter);
        }

        List<Integer> codes() {
            return errors.stream().map(ApiError::code).toList();
        }
    }

    static String newRayId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    static String newPurgeId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static MockResponse success(JsonNode result, String rayId) {
        return respond(200, envelope(true, result, List.of()), rayId).build();
    }

    static MockResponse zoneList(ArrayNode zones, int perPage, String rayId) {
        ObjectNode body = envelope(true, zones, List.of());
        ObjectNode info = body.putObject("result_info");
        info.put("page", 1);
        info.put("per_page", perPage);
        info.put("count", zones.size());
        info.put("total_count", zones.size());
        info.put("total_pages", 1);
        return respond(200, body, rayId).build();
    }

    static MockResponse failure(Failure failure, String rayId) {
        MockResponse.Builder response = respond(failure.status(), envelope(false, null, failure.errors()), rayId);
        if (failure.retryAfter() != null) {
            response.setHeader("Retry-After", retryAfterSeconds(failure.retryAfter()));
        }
        return response.build();
    }

    /** Closes the socket once the request has been read, so the client sees an IOException, not a status. */
    static MockResponse disconnect() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    /** Reads the request and never answers, so only the client's read timeout ends the call. */
    static MockResponse stall() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    /** Whole seconds, rounded up: {@code Retry-After} has no fractions, and rounding down invites an early retry. */
    static long retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static MockResponse.Builder respond(int status, ObjectNode body, String rayId) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .setHeader("cf-ray", rayId)
                .body(body.toString());
    }

    private static ObjectNode envelope(boolean success, JsonNode result, List<ApiError> errors) {
        ObjectNode body = JSON.createObjectNode();
        body.put("success", success);
        ArrayNode errorArray = body.putArray("errors");
        errors.forEach(error -> errorArray.add(toJson(error)));
        body.putArray("messages");
        body.set("result", result == null ? JSON.nullNode() : result);
        return body;
    }

    private static ObjectNode toJson(ApiError error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", error.code());
        node.put("message", error.message());
        if (!error.chain().isEmpty()) {
            ArrayNode chain = node.putArray("error_chain");
            error.chain().forEach(cause -> chain.add(toJson(cause)));
        }
        return node;
    }
}
