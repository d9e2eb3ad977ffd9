package io.cdnpurge.fakes.cloudflare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.ApiError;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.Failure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.INVALID_CONTENT_TYPE;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.INVALID_HEADERS;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.INVALID_PURGE_BODY;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.MALFORMED_JSON;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.NOT_AN_ARRAY;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.NO_PURGE_KEY_MESSAGE;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.PURGE_ERRORS;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.TAG_INVALID;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.TAG_TOO_LONG;
import static io.cdnpurge.fakes.cloudflare.FakeCloudflareResponses.TOO_MANY_ITEMS;

/**
 * A {@code purge_cache} body, classified for {@link CloudflarePurgeCall} and checked against Cloudflare's rules.
 *
 * <p>Classification never fails, so a call is recorded with its kind and items even when it is rejected.
 */
final class FakeCloudflarePurgeBody {

    static final String FILES = "files";
    static final String TAGS = "tags";
    static final String HOSTS = "hosts";
    static final String PREFIXES = "prefixes";
    static final String PURGE_EVERYTHING = "purge_everything";
    static final String INVALID = "invalid";

    private static final Set<String> PURGE_KEYS = Set.of(FILES, TAGS, HOSTS, PREFIXES, PURGE_EVERYTHING);
    private static final int MAX_TAG_LENGTH = 1024;
    private static final int MAX_PREFIX_SEPARATORS = 31;
    // A duplicated key would make "exactly one purge key" ambiguous, so it is a parse error here.
    private static final ObjectMapper STRICT_JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    final String kind;
    final List<String> items = new ArrayList<>();
    final List<Map<String, String>> fileHeaders = new ArrayList<>();
    private final Failure failure;

    private FakeCloudflarePurgeBody(String kind, JsonNode value, Failure failure) {
        this.kind = kind;
        if (value != null && value.isArray()) {
            collectItems(value);
        }
        this.failure = failure;
    }

    /** The failure Cloudflare would answer with, or null when the body is a valid purge. */
    Failure failure() {
        return failure;
    }

    static FakeCloudflarePurgeBody parse(String contentType, String body, int maxUrls, int maxItems) {
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        List<String> present = new ArrayList<>();
        if (root != null && root.isObject()) {
            root.properties().forEach(property -> present.add(property.getKey()));
        }
        List<String> purgeKeys = present.stream().filter(PURGE_KEYS::contains).toList();
        String kind = purgeKeys.size() == 1 ? purgeKeys.get(0) : INVALID;
        JsonNode value = kind.equals(INVALID) ? null : root.get(kind);
        Failure failure = validate(contentType, root, present, purgeKeys, value, maxUrls, maxItems);
        return new FakeCloudflarePurgeBody(kind, value, failure);
    }

    private static Failure validate(String contentType, JsonNode root, List<String> present, List<String> purgeKeys,
            JsonNode value, int maxUrls, int maxItems) {
        if (!isJson(contentType)) {
            return new Failure(400, List.of(new ApiError(INVALID_HEADERS, "Invalid request headers", List.of(
                    new ApiError(INVALID_CONTENT_TYPE, "Invalid Content-Type header, valid values are application/json,"
                            + "multipart/form-data")))), null);
        }
        if (root == null || !root.isObject()) {
            return Failure.of(400, MALFORMED_JSON, "Malformed JSON in request body");
        }
        if (purgeKeys.isEmpty()) {
            return Failure.of(400, INVALID_PURGE_BODY, NO_PURGE_KEY_MESSAGE);
        }
        if (purgeKeys.size() > 1) {
            return Failure.of(400, INVALID_PURGE_BODY, "Request must contain exactly one of \"purge_everything\", "
                    + "\"files\", \"tags\", \"hosts\" or \"prefixes\", but contains " + purgeKeys);
        }
        // Stricter than Cloudflare is known to be: an unexpected key means the client built the wrong body.
        for (String key : present) {
            if (!PURGE_KEYS.contains(key)) {
                return Failure.of(400, INVALID_PURGE_BODY, "Unexpected key \"" + key + "\" in purge request");
            }
        }
        String kind = purgeKeys.get(0);
        if (kind.equals(PURGE_EVERYTHING)) {
            return value.isBoolean() && value.booleanValue()
                    ? null : Failure.of(400, NOT_AN_ARRAY, "\"purge_everything\" must be true");
        }
        if (!value.isArray()) {
            return Failure.of(400, NOT_AN_ARRAY, "\"" + kind + "\" must be an array");
        }
        if (value.isEmpty()) {
            return Failure.of(400, INVALID_PURGE_BODY, "\"" + kind + "\" must not be empty");
        }
        int limit = kind.equals(FILES) ? maxUrls : maxItems;
        if (value.size() > limit) {
            return Failure.of(400, TOO_MANY_ITEMS, "Request contains " + value.size() + " " + kind
                    + "; no more than " + limit + " " + kind + " can be purged in one request");
        }
        for (int i = 0; i < value.size(); i++) {
            Failure itemFailure = validateItem(kind, i, value.get(i));
            if (itemFailure != null) {
                return itemFailure;
            }
        }
        return null;
    }

    private static Failure validateItem(String kind, int index, JsonNode item) {
        String where = kind + "[" + index + "]";
        if (kind.equals(FILES) && item.isObject()) {
            return validateFileObject(where, item);
        }
        if (!item.isTextual()) {
            return Failure.of(400, NOT_AN_ARRAY, where + " must be a string"
                    + (kind.equals(FILES) ? " or an object with \"url\" and \"headers\"" : ""));
        }
        String text = item.textValue();
        switch (kind) {
            case FILES:
                return isHttpUrl(text) ? null : invalid(where + " must be an absolute http(s) URL, got '" + text + "'");
            case TAGS:
                return validateTag(text);
            case HOSTS:
                return text.isEmpty() || text.contains("/") || hasWhitespace(text)
                        ? invalid(where + " must be a bare host name without scheme or path, got '" + text + "'")
                        : null;
            default:
                return validatePrefix(where, text);
        }
    }

    private static Failure validateFileObject(String where, JsonNode item) {
        for (Map.Entry<String, JsonNode> property : item.properties()) {
            String name = property.getKey();
            if (!name.equals("url") && !name.equals("headers")) {
                return invalid(where + " has unexpected key \"" + name
                        + "\"; only \"url\" and \"headers\" are allowed");
            }
        }
        JsonNode url = item.get("url");
        if (url == null || !url.isTextual() || !isHttpUrl(url.textValue())) {
            return invalid(where + ".url must be an absolute http(s) URL");
        }
        JsonNode headers = item.get("headers");
        if (headers == null) {
            return null;
        }
        if (!headers.isObject()) {
            return invalid(where + ".headers must be an object of header names to string values, got "
                    + headers.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            if (!header.getValue().isTextual()) {
                return invalid(where + ".headers[\"" + header.getKey() + "\"] must be a string, got "
                        + header.getValue().getNodeType().toString().toLowerCase(Locale.ROOT));
            }
        }
        return null;
    }

    // Cloudflare answers a bad tag with HTTP 200 and success:false; clients that only check the status miss it.
    private static Failure validateTag(String tag) {
        ApiError error = null;
        if (tag.length() > MAX_TAG_LENGTH) {
            error = new ApiError(TAG_TOO_LONG, "Tag '" + tag.substring(0, 32) + "...' is " + tag.length()
                    + " characters long; the maximum is " + MAX_TAG_LENGTH);
        } else if (tag.isEmpty() || !tag.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            error = new ApiError(TAG_INVALID, "Tag '" + tag + "' must be printable ASCII without spaces");
        }
        return error == null ? null
                : new Failure(200, List.of(error, new ApiError(PURGE_ERRORS, "One or more cache purge errors")), null);
    }

    private static Failure validatePrefix(String where, String prefix) {
        if (prefix.contains("://")) {
            return invalid(where + " must not have a scheme (use 'www.example.com/path'), got '" + prefix + "'");
        }
        if (prefix.isEmpty() || prefix.startsWith("/") || hasWhitespace(prefix)) {
            return invalid(where + " must start with a host name, as in 'www.example.com/path', got '" + prefix + "'");
        }
        if (prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0) {
            return invalid(where + " must not have a query or fragment, got '" + prefix + "'");
        }
        if (prefix.chars().filter(c -> c == '/').count() > MAX_PREFIX_SEPARATORS) {
            return invalid(where + " has more than " + MAX_PREFIX_SEPARATORS + " path separators");
        }
        return null;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static boolean hasWhitespace(String text) {
        return text.chars().anyMatch(Character::isWhitespace);
    }

    private static Failure invalid(String message) {
        return Failure.of(400, INVALID_PURGE_BODY, message);
    }

    private void collectItems(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isTextual()) {
                items.add(item.textValue());
                if (kind.equals(FILES)) {
                    fileHeaders.add(Map.of());
                }
            } else if (kind.equals(FILES) && item.isObject() && item.path("url").isTextual()) {
                items.add(item.get("url").textValue());
                Map<String, String> headers = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> header : item.path("headers").properties()) {
                    if (header.getValue().isTextual()) {
                        headers.put(header.getKey(), header.getValue().textValue());
                    }
                }
                fileHeaders.add(Collections.unmodifiableMap(headers));
            }
        }
    }
}
