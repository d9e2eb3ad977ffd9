package io.cdnpurge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cdnpurge.PurgeException;
import io.cdnpurge.spi.VendorRequests;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The one OkHttp client and the one Jackson mapper every HTTP provider shares.
 *
 * <pre>{@code
 * OkHttpClient http = HttpJson.client(HttpSettings.from(config, "cloudflare", "https://api.cloudflare.com/client/v4"));
 * RequestBody body = HttpJson.jsonBody(Map.of("files", urls));
 * }</pre>
 *
 * <p>The mapper writes {@code &}, {@code <} and {@code >} as themselves, never as {@code \u0026} and the like: a
 * vendor compares purged URLs with its cache keys byte for byte, and an escaped {@code &} matches nothing.
 */
public final class HttpJson {
    /** {@code application/json; charset=utf-8}. */
    public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String VERSION = readVersion();
    private static final String USER_AGENT = "cdn-purge/" + VERSION;

    /** Shared so that every provider client reuses one connection pool and one dispatcher. */
    private static final OkHttpClient BASE = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();

    private HttpJson() {
    }

    /** The shared mapper. Thread-safe; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code cdn-purge/<version>}, sent as {@code User-Agent} on every request. */
    public static String userAgent() {
        return USER_AGENT;
    }

    /** The library version. */
    public static String version() {
        return VERSION;
    }

    /**
     * A client for one provider: the shared pool and dispatcher with this provider's timeouts and the
     * {@code User-Agent} header. OkHttp's own retries and redirects are off: the engine owns retries, and a
     * purge API that redirects is misconfigured. It refuses any request made outside
     * {@link VendorRequests#send}, so that no provider request escapes the engine.
     */
    public static OkHttpClient client(HttpSettings settings) {
        return BASE.newBuilder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(settings.timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
                .addInterceptor(chain -> {
                    if (!VendorRequests.sending()) {
                        // every vendor request is paced, retried, counted and redacted by the engine
                        throw new IllegalStateException(settings.providerId() + " request "
                                + chain.request().method() + " " + chain.request().url().encodedPath()
                                + " made outside VendorRequests.send: route it through the engine");
                    }
                    return chain.proceed(chain.request().newBuilder().header("User-Agent", USER_AGENT).build());
                })
                .build();
    }

    /** A JSON request body of a value serialised by the shared mapper. */
    public static RequestBody jsonBody(Object value) {
        return RequestBody.create(toJson(value), JSON);
    }

    /** The value as compact JSON bytes. */
    public static byte[] toJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new PurgeException("could not write a request body as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The size in bytes of a string as a JSON string literal (quotes and escapes included). */
    public static int jsonStringBytes(String value) {
        return toJson(value).length;
    }

    /** Parses a response body leniently: an empty or non-JSON body gives a missing node instead of an error. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.missingNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return MAPPER.missingNode();
        }
    }

    /** A request builder with {@code Accept: application/json}. */
    public static Request.Builder request() {
        return new Request.Builder().header("Accept", "application/json");
    }

    private static String readVersion() {
        try (InputStream in = HttpJson.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
