package io.cdnpurge.fakes.fastly;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One purge request that {@link FakeFastlyApi} received, with the answer it gave.
 *
 * <p>Calls are recorded whatever the outcome (bad token, unknown host, scripted failure), so a test can check both
 * what the client sent and how often it retried:
 *
 * <pre>{@code
 * FastlyPurgeCall call = fake.purgeCalls().get(0);
 * assertThat(call.path()).isEqualTo("/purge/www.example.com/a%20b/c.css?v=1");
 * assertThat(call.soft()).isTrue();
 * assertThat(call.header("Fastly-Key")).hasValue(token);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FastlyPurgeCall {

    /** Which of Fastly's purge operations a call was. */
    public enum Kind {
        /** {@code POST /purge/{host}/{path}}: one URL. */
        URL,
        /** {@code POST /service/{id}/purge} (bulk) or {@code /service/{id}/purge/{key}} (one key). */
        KEYS,
        /** {@code POST /service/{id}/purge_all}: the whole service. */
        PURGE_ALL
    }

    private final String method;
    private final String path;
    private final Kind kind;
    private final boolean soft;
    private final List<String> keys;
    private final String serviceId;
    private final String url;
    private final int status;
    private final Map<String, String> purgeIds;
    private final String body;
    private final Map<String, List<String>> headers;

    private FastlyPurgeCall(Builder builder) {
        this.method = Objects.requireNonNull(builder.method, "method cannot be null");
        this.path = Objects.requireNonNull(builder.path, "path cannot be null");
        this.kind = Objects.requireNonNull(builder.kind, "kind cannot be null");
        this.soft = builder.soft;
        this.keys = List.copyOf(builder.keys);
        this.serviceId = builder.serviceId;
        this.url = builder.url;
        this.status = builder.status;
        this.purgeIds = Collections.unmodifiableMap(new LinkedHashMap<>(builder.purgeIds));
        this.body = Objects.requireNonNull(builder.body, "body cannot be null");
        Map<String, List<String>> headerCopy = new LinkedHashMap<>();
        builder.headers.forEach((name, values) -> headerCopy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(headerCopy);
    }

    static Builder builder() {
        return new Builder();
    }

    /** The HTTP method; anything but {@code POST} was answered with 405. */
    public String method() {
        return method;
    }

    /** The request target exactly as sent, path and query, e.g. {@code /purge/www.example.com/a%20b?v=1}. */
    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the request carried {@code Fastly-Soft-Purge} (any value). */
    public boolean soft() {
        return soft;
    }

    /** The surrogate keys of a key purge, in the order sent; empty for other calls or an unreadable body. */
    public List<String> keys() {
        return keys;
    }

    /** The service id from the path of a key or purge-all call (percent-decoded). */
    public Optional<String> serviceId() {
        return Optional.ofNullable(serviceId);
    }

    /** The URL of a URL purge as sent after {@code /purge/}: host, path and query, no scheme. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The HTTP status the fake answered, or 0 when it sent none (a scripted disconnect or stall). */
    public int status() {
        return status;
    }

    /** True when the fake answered 200, that is when the purge happened. */
    public boolean succeeded() {
        return status == 200;
    }

    /**
     * The purge ids the fake answered with: key → id for a key purge, the URL → id for a URL purge; empty for
     * purge-all (Fastly gives it no id) and for failures.
     */
    public Map<String, String> purgeIds() {
        return purgeIds;
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

    @Override
    public String toString() {
        // Headers are left out on purpose: Fastly-Key holds the credential.
        return "FastlyPurgeCall{" + method + " " + kind + (serviceId == null ? "" : " service=" + serviceId)
                + ", keys=" + keys.size() + ", soft=" + soft + ", status=" + status + "}";
    }

    /** Filled in by the fake's dispatcher; not thread-safe. */
    static final class Builder {
        private String method;
        private String path;
        private Kind kind;
        private boolean soft;
        private List<String> keys = List.of();
        private String serviceId;
        private String url;
        private int status;
        private Map<String, String> purgeIds = Map.of();
        private String body = "";
        private Map<String, List<String>> headers = Map.of();

        private Builder() {
        }

        Builder method(String value) {
            this.method = value;
            return this;
        }

        Builder path(String value) {
            this.path = value;
            return this;
        }

        Builder kind(Kind value) {
            this.kind = value;
            return this;
        }

        Builder soft(boolean value) {
            this.soft = value;
            return this;
        }

        Builder keys(List<String> value) {
            this.keys = value;
            return this;
        }

        Builder serviceId(String value) {
            this.serviceId = value;
            return this;
        }

        Builder url(String value) {
            this.url = value;
            return this;
        }

        Builder status(int value) {
            this.status = value;
            return this;
        }

        Builder purgeIds(Map<String, String> value) {
            this.purgeIds = value;
            return this;
        }

        Builder body(String value) {
            this.body = value;
            return this;
        }

        Builder headers(Map<String, List<String>> value) {
            this.headers = value;
            return this;
        }

        FastlyPurgeCall build() {
            return new FastlyPurgeCall(this);
        }
    }
}
