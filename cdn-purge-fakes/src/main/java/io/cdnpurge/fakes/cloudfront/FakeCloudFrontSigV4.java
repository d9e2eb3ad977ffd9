package io.cdnpurge.fakes.cloudfront;

import io.cdnpurge.fakes.internal.FakeCrypto;

import io.cdnpurge.fakes.cloudfront.FakeCloudFrontXml.Failure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fake's own check of AWS Signature Version 4 ({@code AWS4-HMAC-SHA256} in the {@code Authorization} header),
 * written apart from any AWS signer so that the two check each other: it recomputes the signature of what arrived,
 * byte for byte, and compares.
 *
 * <p>The canonical URI is the path as received, dot segments removed, with each segment URI-encoded once more, as
 * AWS does for every service but S3; the canonical query string decodes, re-encodes and sorts the parameters; the
 * payload hash is the {@code x-amz-content-sha256} header when present (it must then be the body's hash), else the
 * hex SHA-256 of the body.
 */
final class FakeCloudFrontSigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String REGION = "us-east-1";
    static final String SERVICE = "cloudfront";
    private static final String TERMINATOR = "aws4_request";
    private static final HexFormat HEX = HexFormat.of();

    private FakeCloudFrontSigV4() {
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…}. */
    record Authorization(String accessKeyId, String date, String region, String service, String terminator,
                         List<String> signedHeaders, String signature) {

        /** The parsed header, or null when it is not a complete SigV4 header. */
        static Authorization parse(String header) {
            if (header == null || !header.startsWith(ALGORITHM + " ")) {
                return null;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
            String credential = fields.get("Credential");
            String signedHeaders = fields.get("SignedHeaders");
            String signature = fields.get("Signature");
            String[] scope = credential == null ? new String[0] : credential.split("/", -1);
            if (scope.length != 5 || signedHeaders == null || signedHeaders.isEmpty() || signature == null) {
                return null;
            }
            return new Authorization(scope[0], scope[1], scope[2], scope[3], scope[4],
                    List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")), signature);
        }

        String scope() {
            return date + "/" + region + "/" + service + "/" + terminator;
        }
    }

    /** What a signer must have computed: the canonical request, the string to sign and the signature in hex. */
    record Computation(String canonicalRequest, String stringToSign, String signature) {
    }

    /**
     * Checks a request's signature; null when it passes. Without {@code secrets} only the header's presence and its
     * credential scope are checked.
     *
     * @param headers header names in lower case, each with its values in the order received
     * @param secrets access key id → secret access key; empty to accept any key without checking the signature
     */
    static Failure check(String method, String target, Map<String, List<String>> headers, byte[] body,
                         Map<String, String> secrets) {
        String header = first(headers, "authorization");
        String amzDate = first(headers, "x-amz-date");
        if (header == null || amzDate == null) {
            return new Failure(403, "MissingAuthenticationToken", "Request is missing Authentication Token: "
                    + (header == null ? "no Authorization header" : "no X-Amz-Date header"));
        }
        Authorization auth = Authorization.parse(header);
        if (auth == null) {
            return new Failure(400, "IncompleteSignature", "Authorization header requires 'Credential', "
                    + "'SignedHeaders' and 'Signature' parameters: " + ALGORITHM + " Credential=<key>/<yyyymmdd>/"
                    + REGION + "/" + SERVICE + "/" + TERMINATOR + ", SignedHeaders=..., Signature=...");
        }
        if (!amzDate.matches("\\d{8}T\\d{6}Z")) {
            return new Failure(400, "IncompleteSignature", "Date must be in ISO-8601 'basic format'. Got '"
                    + amzDate + "'");
        }
        String scopeProblem = scopeProblem(auth, amzDate);
        if (scopeProblem != null) {
            return signatureDoesNotMatch(scopeProblem);
        }
        if (secrets.isEmpty()) {
            return null;
        }
        String secret = secrets.get(auth.accessKeyId());
        if (secret == null) {
            return new Failure(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (!auth.signedHeaders().contains("host")) {
            return new Failure(400, "IncompleteSignature", "'Host' must be a 'SignedHeader' in the AWS "
                    + "Authorization.");
        }
        for (String name : auth.signedHeaders()) {
            if (!headers.containsKey(name)) {
                return signatureDoesNotMatch("SignedHeaders names '" + name + "', which the request does not carry");
            }
        }
        String contentSha256 = first(headers, "x-amz-content-sha256");
        if (contentSha256 != null && !contentSha256.equals(sha256Hex(body))) {
            return signatureDoesNotMatch("x-amz-content-sha256 is not the SHA-256 of the body");
        }
        Computation expected = compute(method, target, headers, body, auth, secret);
        if (MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return new Failure(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                + "documentation for details.\n\nThe Canonical String for this request should have been\n'"
                + expected.canonicalRequest() + "'\n\nThe String-to-Sign should have been\n'"
                + expected.stringToSign() + "'\n");
    }

    private static String scopeProblem(Authorization auth, String amzDate) {
        if (!auth.date().equals(amzDate.substring(0, 8))) {
            return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.";
        }
        if (!REGION.equals(auth.region())) {
            return "Credential should be scoped to a valid region, not '" + auth.region() + "'. CloudFront is a "
                    + "global service: sign in " + REGION + " with the service name " + SERVICE + ".";
        }
        if (!SERVICE.equals(auth.service())) {
            return "Credential should be scoped to correct service: '" + SERVICE + "', not '" + auth.service()
                    + "'. CloudFront signs in " + REGION + " with the service name " + SERVICE + ".";
        }
        if (!TERMINATOR.equals(auth.terminator())) {
            return "Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '"
                    + auth.terminator() + "'.";
        }
        return null;
    }

    private static Failure signatureDoesNotMatch(String message) {
        return new Failure(403, "SignatureDoesNotMatch", message);
    }

    /** Computes what the signature of this request must be under {@code auth}'s scope and signed headers. */
    static Computation compute(String method, String target, Map<String, List<String>> headers, byte[] body,
                               Authorization auth, String secret) {
        String contentSha256 = first(headers, "x-amz-content-sha256");
        String payloadHash = contentSha256 != null ? contentSha256 : sha256Hex(body);
        String canonicalRequest = canonicalRequest(method, target, headers, auth.signedHeaders(), payloadHash);
        String stringToSign = ALGORITHM + "\n" + first(headers, "x-amz-date") + "\n" + auth.scope() + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, auth.terminator());
        return new Computation(canonicalRequest, stringToSign, HEX.formatHex(hmac(key, stringToSign)));
    }

    static String canonicalRequest(String method, String target, Map<String, List<String>> headers,
                                   List<String> signedHeaders, String payloadHash) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        StringBuilder canonical = new StringBuilder(method).append('\n')
                .append(canonicalUri(path)).append('\n')
                .append(canonicalQuery(query < 0 ? "" : target.substring(query + 1))).append('\n');
        TreeSet<String> names = new TreeSet<>(signedHeaders);
        for (String name : names) {
            List<String> values = new ArrayList<>();
            for (String value : headers.getOrDefault(name, List.of())) {
                values.add(value.trim().replaceAll(" +", " "));
            }
            canonical.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return canonical.append('\n').append(String.join(";", names)).append('\n').append(payloadHash).toString();
    }

    /** The path as received, dot segments removed, each segment encoded once more. */
    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        String[] parts = rawPath.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                if (i == parts.length - 1) {
                    segments.add("");
                }
            } else if (parts[i].equals(".")) {
                if (i == parts.length - 1) {
                    segments.add("");
                }
            } else {
                segments.add(encode(parts[i]));
            }
        }
        return "/" + String.join("/", segments);
    }

    /** Parameters decoded, encoded the SigV4 way, sorted by name then value, joined with {@code &}. */
    static String canonicalQuery(String rawQuery) {
        List<String[]> parameters = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            parameters.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        parameters.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        parameters.forEach(parameter -> joined.add(parameter[0] + "=" + parameter[1]));
        return String.join("&", joined);
    }

    /** Percent-encodes every UTF-8 byte except the unreserved {@code A-Z a-z 0-9 - . _ ~}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                bytes.write(HexFormat.fromHexDigits(new String(raw, i + 1, 2, StandardCharsets.US_ASCII)));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(FakeCrypto.sha256(data));
    }

    private static byte[] hmac(byte[] key, String message) {
        return FakeCrypto.hmacSha256(key, message);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
