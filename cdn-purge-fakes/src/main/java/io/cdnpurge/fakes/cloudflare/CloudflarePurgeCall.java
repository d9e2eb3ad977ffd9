package io.cdnpurge.fakes.cloudflare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code /zones/{zone_id}/purge_cache} request that {@link FakeCloudflareApi} received, with the answer it gave.
 *
 * <p>Calls are recorded whatever the outcome (bad auth, invalid body, scripted failure), so a test can check both
 * what the client sent and how often it retried:
 *
 * <pre>{@code
 * CloudflarePurgeCall call = fake.purgeCalls().get(0);
 * assertThat(call.kind()).isEqualTo("files");
 * assertThat(call.items()).containsExactly("https://example.com/a.css");
 * assertThat(call.header("content-type")).hasValue("application/json; charset=utf-8");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CloudflarePurgeCall {

    private final String zoneId;
    private final String method;
    private final String authScheme;
    private final String kind;
    private final List<String> items;
    private final List<Map<String, String>> fileHeaders;
    private final int status;
    private final List<Integer> errorCodes;
    private final String body;
    private final Map<String, List<String>> headers;
    private final String resultId;
    private final String rayId;

    private CloudflarePurgeCall(Builder builder) {
        this.zoneId = Objects.requireNonNull(builder.zoneId, "zoneId cannot be null");
        this.method = Objects.requireNonNull(builder.method, "method cannot be null");
        this.authScheme = Objects.requireNonNull(builder.authScheme, "authScheme cannot be null");
        this.kind = Objects.requireNonNull(builder.kind, "kind cannot be null");
        this.items = List.copyOf(builder.items);
        List<Map<String, String>> headerMaps = new ArrayList<>();
        builder.fileHeaders.forEach(map -> headerMaps.add(Collections.unmodifiableMap(new LinkedHashMap<>(map))));
        this.fileHeaders = Collections.unmodifiableList(headerMaps);
        this.status = builder.status;
        this.errorCodes = List.copyOf(builder.errorCodes);
        this.body = Objects.requireNonNull(builder.body, "body cannot be null");
        Map<String, List<String>> headerCopy = new LinkedHashMap<>();
        builder.headers.forEach((name, values) -> headerCopy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(headerCopy);
        this.resultId = builder.resultId;
        this.rayId = Objects.requireNonNull(builder.rayId, "rayId cannot be null");
    }

    static Builder builder() {
        return new Builder();
    }

    /** The zone id from the path, as sent (percent-decoded). */
    public String zoneId() {
        return zoneId;
    }

    /** The HTTP method; anything but {@code POST} was answered with 405. */
    public String method() {
        return method;
    }

    /**
     * {@code "bearer"} if an Authorization header was sent, {@code "legacy"} for X-Auth-* headers, else
     * {@code "none"}.
     */
    public String authScheme() {
        return authScheme;
    }

    /**
     * The single purge key of the body: {@code "files"}, {@code "tags"}, {@code "hosts"}, {@code "prefixes"} or
     * {@code "purge_everything"}; {@code "invalid"} when the body is not JSON or has no or several purge keys.
     */
    public String kind() {
        return kind;
    }

    /** The string items of the purge key, in body order; for {@code files} objects, their {@code url}. */
    public List<String> items() {
        return items;
    }

    /** For {@code files}, one map per item (empty for a plain URL string); otherwise empty. */
    public List<Map<String, String>> fileHeaders() {
        return fileHeaders;
    }

    /** The HTTP status the fake answered, or 0 when it sent none (a scripted disconnect or stall). */
    public int status() {
        return status;
    }

    /** The Cloudflare error codes of the answer, in order; empty for a success. */
    public List<Integer> errorCodes() {
        return errorCodes;
    }

    /** True when the fake answered 200 with {@code success:true}, that is when the purge happened. */
    public boolean succeeded() {
        return resultId != null;
    }

    /** The raw request body as UTF-8 text; empty if there was none. */
    public String body() {
        return body;
    }

    /** The request headers; names are lower-case, values in the order sent. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a request header, matched case-insensitively. */
    public Optional<String> header(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The {@code result.id} of a successful purge. */
    public Optional<String> resultId() {
        return Optional.ofNullable(resultId);
    }

    /** The {@code cf-ray} the fake assigned; sent as a response header unless the call was disconnected or stalled. */
    public String rayId() {
        return rayId;
    }

    @Override
    public String toString() {
        // Headers are left out on purpose: they hold the credentials.
        return "CloudflarePurgeCall{" + method + " zone=" + zoneId + ", kind=" + kind + ", items=" + items.size()
                + ", status=" + status + ", errorCodes=" + errorCodes + ", auth=" + authScheme + "}";
    }

    /** Filled in by the fake's dispatcher; not thread-safe. */
    static final class Builder {
        private String zoneId;
        private String method;
        private String authScheme;
        private String kind;
        private List<String> items = List.of();
        private List<Map<String, String>> fileHeaders = List.of();
        private int status;
        private List<Integer> errorCodes = List.of();
        private String body = "";
        private Map<String, List<String>> headers = Map.of();
        private String resultId;
        private String rayId;

        private Builder() {
        }

        Builder zoneId(String zoneId) {
            this.zoneId = zoneId;
            return this;
        }

        Builder method(String method) {
            this.method = method;
            return this;
        }

        Builder authScheme(String authScheme) {
            this.authScheme = authScheme;
            return this;
        }

        Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        Builder items(List<String> items) {
            this.items = items;
            return this;
        }

        Builder fileHeaders(List<Map<String, String>> fileHeaders) {
            this.fileHeaders = fileHeaders;
            return this;
        }

        Builder status(int status) {
            this.status = status;
            return this;
        }

        Builder errorCodes(List<Integer> errorCodes) {
            this.errorCodes = errorCodes;
            return this;
        }

        Builder body(String body) {
            this.body = body;
            return this;
        }

        Builder headers(Map<String, List<String>> headers) {
            this.headers = headers;
            return this;
        }

        Builder resultId(String resultId) {
            this.resultId = resultId;
            return this;
        }

        Builder rayId(String rayId) {
            this.rayId = rayId;
            return this;
        }

        CloudflarePurgeCall build() {
            return new CloudflarePurgeCall(this);
        }
    }
}
