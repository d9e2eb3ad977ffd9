package io.cdnpurge.cloudflare.internal;

import okhttp3.Request;

import java.util.Set;

/** The credential: an API token (Bearer) or the legacy email and global API key. Never printed. */
public final class CloudflareAuth {
    private final String token;
    /** {@code Bearer <token>}, made once. */
    private final String bearer;
    private final String email;
    private final String globalKey;

    private CloudflareAuth(String token, String email, String globalKey) {
        this.token = token;
        this.bearer = token == null ? null : "Bearer " + token;
        this.email = email;
        this.globalKey = globalKey;
    }

    public static CloudflareAuth token(String token) {
        return new CloudflareAuth(token, null, null);
    }

    public static CloudflareAuth legacy(String email, String globalKey) {
        return new CloudflareAuth(null, email, globalKey);
    }

    Request.Builder apply(Request.Builder request) {
        if (token != null) {
            return request.header("Authorization", bearer);
        }
        return request.header("X-Auth-Email", email).header("X-Auth-Key", globalKey);
    }

    /** Whether this is an API token, which Cloudflare can verify; the legacy key cannot be. */
    boolean isToken() {
        return token != null;
    }

    Set<String> secrets() {
        return token != null ? Set.of(token) : Set.of(globalKey);
    }

    @Override
    public String toString() {
        return token != null ? "CloudflareAuth{token=[REDACTED]}" : "CloudflareAuth{email=" + email
                + ", globalKey=[REDACTED]}";
    }
}
