package io.cdnpurge.fakes.akamai;

import io.cdnpurge.fakes.internal.FakeCrypto;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fake's own EdgeGrid (EG1-HMAC-SHA256) check, written apart from Akamai's signer so that the two check each
 * other: it recomputes the signature of what arrived, byte for byte, and compares.
 */
final class FakeAkamaiSignature {
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss+0000", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String SCHEME = "EG1-HMAC-SHA256 ";

    private FakeAkamaiSignature() {
    }

    /** The fields of an {@code Authorization} value, or null when it is not EdgeGrid. */
    static Map<String, String> fields(String authorization) {
        if (authorization == null || !authorization.startsWith(SCHEME)) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : authorization.substring(SCHEME.length()).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }

    /** The part of the header the signature covers: everything before {@code signature=}. */
    static String authData(String authorization) {
        int at = authorization.indexOf("signature=");
        return at < 0 ? authorization : authorization.substring(0, at);
    }

    static Instant timestamp(String text) {
        try {
            return Instant.from(TIMESTAMP.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The signature EdgeGrid defines for a request.
     *
     * @param pathAndQuery    the raw path and {@code ?query} exactly as received
     * @param canonicalHeaders {@code name:value} pairs of the signed headers, in order
     */
    static String signature(String method, String host, String pathAndQuery, List<String> canonicalHeaders,
                            byte[] body, int maxBody, String authData, String timestamp, String clientSecret) {
        String contentHash = "";
        if (method.equals("POST") && body.length > 0) {
            contentHash = base64(sha256(Arrays.copyOf(body, Math.min(body.length, maxBody))));
        }
        String dataToSign = String.join("\t", method.toUpperCase(Locale.ROOT), "https",
                host.toLowerCase(Locale.ROOT), pathAndQuery.isEmpty() ? "/" : pathAndQuery,
                String.join("\t", canonicalHeaders), contentHash, authData);
        String signingKey = base64(hmac(clientSecret.getBytes(StandardCharsets.UTF_8), timestamp));
        return base64(hmac(signingKey.getBytes(StandardCharsets.UTF_8), dataToSign));
    }

    /** A header as EdgeGrid signs it: name lower case, value trimmed with inner whitespace runs as one space. */
    static String canonicalHeader(String name, String value) {
        return name.toLowerCase(Locale.ROOT) + ":" + value.trim().replaceAll("\\s+", " ");
    }

    private static byte[] sha256(byte[] data) {
        return FakeCrypto.sha256(data);
    }

    private static byte[] hmac(byte[] key, String message) {
        return FakeCrypto.hmacSha256(key, message);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
