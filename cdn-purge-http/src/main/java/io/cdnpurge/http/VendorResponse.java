package io.cdnpurge.http;

import io.cdnpurge.PurgeTransportException;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;

/**
 * A vendor's answer read in full: status, headers and body text. Reading the whole body closes the connection
 * cleanly for reuse; purge answers are small.
 */
public final class VendorResponse {
    /** Bodies larger than this are cut: no purge API answers with more, and a proxy error page can be huge. */
    private static final long MAX_BODY_BYTES = 1 << 20;

    private final int status;
    private final Headers headers;
    private final String body;
    /** The body as JSON, read at the first ask; immutable, so a race reads it twice at worst. */
    private Json json;

    private VendorResponse(int status, Headers headers, String body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Sends a request and reads the answer.
     *
     * @param providerId names the vendor in the error message
     * @throws PurgeTransportException when the vendor could not be reached or did not answer in time (retryable);
     *                                 the message names the request's method and path but never its headers, and
     *                                 says whether the request was sent
     */
    public static VendorResponse execute(OkHttpClient client, Request request, String providerId) {
        Call call = client.newCall(request);
        // a whole call gets twice the read and write timeout
        long limit = 2L * client.readTimeoutMillis();
        if (limit > 0) {
            CallWatchdog.watch(call, limit);
        }
        try (Response response = call.execute()) {
            ResponseBody responseBody = response.body();
            // read as UTF-8, which JSON is (RFC 8259, section 8.1), whatever charset the Content-Type names
            BufferedSource source = responseBody.source();
            source.request(MAX_BODY_BYTES);
            String text = source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), MAX_BODY_BYTES));
            return new VendorResponse(response.code(), response.headers(), text);
        } catch (IOException e) {
            String what = request.method() + " " + request.url().encodedPath();
            if (limit > 0 && CallWatchdog.done(call)) {
                throw new PurgeTransportException(providerId + " did not answer within " + limit + " ms, twice "
                        + providerId + ".timeout (" + what + "); the request may or may not have been processed",
                        true, true, e);
            }
            throw transportError(e, what, providerId);
        } finally {
            if (limit > 0) {
                CallWatchdog.done(call);
            }
        }
    }

    /**
     * What a failed exchange means: a name that did not resolve, a refused connection or one not made in time
     * never reached the vendor ("not sent"); a reset or a timeout after sending may or may not have been processed.
     */
    static PurgeTransportException transportError(IOException e, String what, String providerId) {
        boolean notSent = notSent(e);
        boolean timeout = e instanceof InterruptedIOException || hasCause(e, java.net.SocketTimeoutException.class);
        String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        if (notSent) {
            return new PurgeTransportException(providerId + " could not be reached (" + what + ": " + cause
                    + "); the request was not sent", timeout, false, e);
        }
        return new PurgeTransportException(providerId + " " + (timeout ? "did not answer in time" : "could not be "
                + "reached") + " (" + what + ": " + cause + "); the request may or may not have been processed",
                timeout, true, e);
    }

    private static boolean notSent(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.UnknownHostException || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.NoRouteToHostException
                    || cause instanceof java.net.SocketTimeoutException && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    public int status() {
        return status;
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public Headers headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The body text, possibly empty. */
    public String body() {
        return body;
    }

    /** The body as JSON, or the missing value when it is empty or not JSON. */
    public Json json() {
        Json parsed = json;
        if (parsed == null) {
            parsed = Json.parse(body);
            json = parsed;
        }
        return parsed;
    }

    @Override
    public String toString() {
        return "VendorResponse{" + status + ", " + body.length() + " chars}";
    }
}
