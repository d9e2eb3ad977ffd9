package io.cdnpurge.fakes.cloudflare;

import io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.ApiError;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.Failure;
import okhttp3.Headers;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.AUTH_ERROR;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.INVALID_HEADERS;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.INVALID_KEY_FORMAT;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.MISSING_AUTH;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.MISSING_AUTH_MESSAGE;

/** The credentials {@link FakeCloudflareApi} accepts, and Cloudflare's answer to any others
 * (https://developers.cloudflare.com/fundamentals/api/troubleshooting/). */
final class FakeCloudflareAuth {

    private static final String AUTH_ERROR_MESSAGE = "Authentication error";

    private final Set<String> apiTokens = new HashSet<>();
    private final Set<List<String>> legacyKeys = new HashSet<>();
    /** Tokens an account owns: the user endpoint of verify does not know them, the account endpoint does. */
    private final Set<String> accountOwned = new HashSet<>();
    /** Tokens that are no longer active: {@code expired} or {@code disabled}. */
    private final java.util.Map<String, String> inactive = new java.util.HashMap<>();

    synchronized void addApiToken(String token) {
        apiTokens.add(token);
    }

    synchronized void accountOwned(String token) {
        accountOwned.add(token);
    }

    synchronized void tokenStatus(String token, String status) {
        if (status.equals("active")) {
            inactive.remove(token);
        } else {
            inactive.put(token, status);
        }
    }

    /**
     * {@code GET /user/tokens/verify}: the token's status, or null with the failure for one Cloudflare does not know
     * (code 1000, "Invalid API Token").
     */
    synchronized String verify(Headers headers, boolean accountEndpoint) {
        String authorization = headers.get("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        boolean known = apiTokens.contains(token) && accountOwned.contains(token) == accountEndpoint;
        return known ? inactive.getOrDefault(token, "active") : null;
    }

    synchronized void addLegacyKey(String email, String globalKey) {
        legacyKeys.add(List.of(email, globalKey));
    }

    /** Null when the request is authenticated, otherwise the failure Cloudflare answers with. */
    synchronized Failure check(Headers headers) {
        String authorization = headers.get("Authorization");
        String email = headers.get("X-Auth-Email");
        String key = headers.get("X-Auth-Key");
        if (scheme(headers).equals("none")) {
            return Failure.of(400, MISSING_AUTH, MISSING_AUTH_MESSAGE);
        }
        if (authorization != null) {
            boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            String token = authorization.substring(7).trim();
            return bearer && apiTokens.contains(token) && !inactive.containsKey(token) ? null : authError();
        }
        // Cloudflare's API troubleshooting page: the most common mistake is a token sent in key syntax, which Cloudflare calls malformed.
        if (key != null && apiTokens.contains(key)) {
            return new Failure(400, List.of(new ApiError(INVALID_HEADERS, "Invalid request headers",
                    List.of(new ApiError(INVALID_KEY_FORMAT, "Invalid format for X-Auth-Key header")))), null);
        }
        if (email == null && key == null) {
            // Only X-Auth-User-Service-Key: an Origin CA key, which cannot purge.
            return authError();
        }
        if (email == null || key == null) {
            return Failure.of(400, MISSING_AUTH, MISSING_AUTH_MESSAGE);
        }
        return legacyKeys.contains(List.of(email, key)) ? null : authError();
    }

    /** {@code "bearer"} for an Authorization header, {@code "legacy"} for any X-Auth-* header, else {@code "none"}. */
    static String scheme(Headers headers) {
        if (headers.get("Authorization") != null) {
            return "bearer";
        }
        for (String name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-auth-")) {
                return "legacy";
            }
        }
        return "none";
    }

    private static Failure authError() {
        return Failure.of(403, AUTH_ERROR, AUTH_ERROR_MESSAGE);
    }
}
