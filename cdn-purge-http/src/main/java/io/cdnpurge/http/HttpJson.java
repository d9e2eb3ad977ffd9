package io.cdnpurge.http;

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
 * The one OkHttp client every HTTP provider shares, and its JSON bodies ({@link Json}).
 *
 * <pre>{@code
 * OkHttpClient http = HttpJson.client(HttpSettings.from(config, "cloudflare", "https://api.cloudflare.com/client/v4"));
 * RequestBody body = HttpJson.jsonBody(Map.of("files", urls));
 * }</pre>
 */
public final class HttpJson {
    /** {@code application/json; charset=utf-8}. */
    public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private static final String VERSION = readVersion();
    private static final String USER_AGENT = "cdn-purge/" + VERSION;

    /** Shared so that every provider client reuses one connection pool and one dispatcher. */
    private static final OkHttpClient BASE = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();

    private HttpJson() {
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
                .addInterceptor(chain -> {
                    Request request = chain.request();
                    if (!VendorRequests.sending()) {
                        // every vendor request is paced, retried, counted and redacted by the engine
                        throw new IllegalStateException(settings.providerId() + " request "
                                + request.method() + " " + request.url().encodedPath()
                                + " made outside VendorRequests.send: route it through the engine");
                    }
                    // request() sets it; a request built otherwise gets it here
                    return chain.proceed(USER_AGENT.equals(request.header("User-Agent")) ? request
                            : request.newBuilder().header("User-Agent", USER_AGENT).build());
                })
                .build();
    }

    /** A JSON request body of a value as {@link Json#write} writes it. */
    public static RequestBody jsonBody(Object value) {
        return RequestBody.create(toJson(value), JSON);
    }

    /** The value as compact JSON bytes ({@link Json#write}). */
    public static byte[] toJson(Object value) {
        return Json.write(value);
    }

    /** The size in bytes of a string as a JSON string literal (quotes and escapes included). */
    public static int jsonStringBytes(String value) {
        return Json.stringBytes(value);
    }

    /** Parses a response body leniently: an empty or non-JSON body gives the missing value instead of an error. */
    public static Json parse(String body) {
        return Json.parse(body);
    }

    /** A request builder with {@code Accept: application/json} and the library's {@code User-Agent}. */
    public static Request.Builder request() {
        return new Request.Builder().header("Accept", "application/json").header("User-Agent", USER_AGENT);
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
