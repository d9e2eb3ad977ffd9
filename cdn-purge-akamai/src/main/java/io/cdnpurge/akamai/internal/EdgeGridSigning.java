package io.cdnpurge.akamai.internal;

import com.akamai.edgegrid.signer.ClientCredential;
import com.akamai.edgegrid.signer.EdgeGridV1Signer;
import com.akamai.edgegrid.signer.exceptions.RequestSigningException;
import io.cdnpurge.PurgeException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Signs OkHttp requests with EdgeGrid (EG1-HMAC-SHA256) through Akamai's own {@code edgegrid-signer-core}, which
 * has no OkHttp binding: the request's method, raw path and query exactly as they will be sent, the headers the
 * credential names, and the body bytes go to {@link EdgeGridV1Signer}; its answer becomes the {@code Authorization}
 * header. The timestamp comes from the injected clock and the nonce is a fresh UUID per request.
 *
 * <p>Akamai's signer logs the whole {@code Authorization} value (client token and access token) at DEBUG and the
 * data to sign at TRACE, on the logger {@value #SIGNER_LOGGER}. Unless allowed, signing refuses to run while that
 * logger is enabled at DEBUG, so the tokens cannot reach a log.
 */
public final class EdgeGridSigning {
    /** The logger Akamai's signer writes the Authorization header to. */
    public static final String SIGNER_LOGGER = "com.akamai.edgegrid.signer.EdgeGridV1Signer";
    private static final Logger SIGNER_LOG = LoggerFactory.getLogger(SIGNER_LOGGER);

    private final AkamaiCredential credential;
    private final Signer signer;
    private final BooleanSupplier signerLogsTokens;

    /** Signs with the system's idea of now and a random nonce; refuses while the signer would log tokens. */
    public EdgeGridSigning(AkamaiCredential credential, Clock clock, boolean allowSignerDebugLog) {
        this(credential, clock, () -> UUID.randomUUID().toString(),
                allowSignerDebugLog ? () -> false : EdgeGridSigning::signerLogsTokens);
    }

    EdgeGridSigning(AkamaiCredential credential, Clock clock, Supplier<String> nonces,
                    BooleanSupplier signerLogsTokens) {
        this.credential = credential;
        this.signer = new Signer(clock, nonces);
        this.signerLogsTokens = signerLogsTokens;
    }

    /** Whether Akamai's signer would write the tokens to a log right now. */
    public static boolean signerLogsTokens() {
        return SIGNER_LOG.isDebugEnabled() || SIGNER_LOG.isTraceEnabled();
    }

    /** Why signing is refused while the signer logs at DEBUG, and the two ways out. */
    public static String signerLogAdvice() {
        return signerLogAdvice("akamai.allowSignerDebugLog");
    }

    /** The same, naming the client's key that accepts the tokens in logs. */
    public static String signerLogAdvice(String allowKey) {
        return "Akamai's EdgeGrid signer logs the Authorization header, with the client and access tokens, when "
                + "the logger " + SIGNER_LOGGER + " is at DEBUG or TRACE: set that logger (or "
                + "com.akamai.edgegrid) to INFO, or set " + allowKey + "=true to accept the tokens in your logs";
    }

    /**
     * The request with its {@code Authorization} header.
     *
     * @throws PurgeException when the signer's logger would write the tokens, or the signer fails
     */
    public Request sign(Request request) {
        if (signerLogsTokens.getAsBoolean()) {
            throw new PurgeException("the request was not signed or sent: " + signerLogAdvice());
        }
        HttpUrl url = request.url();
        if (url.encodedQuery() != null && url.encodedQuery().indexOf('%') >= 0) {
            // Akamai's signer signs the decoded query, the server the query as sent: they would not match
            throw new PurgeException("a query with percent-escapes cannot be signed exactly as sent: "
                    + url.encodedPath());
        }
        String target = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
        com.akamai.edgegrid.signer.Request.RequestBuilder toSign = com.akamai.edgegrid.signer.Request.builder()
                .method(request.method())
                // raw: the signature must cover the path exactly as sent, escapes included
                .rawUri(URI.create("https://" + credential.host() + target));
        RequestBody body = request.body();
        if (body != null) {
            toSign.body(bytes(body));
        }
        for (String name : credential.headersToSign()) {
            String value = headerValue(request, name);
            if (value != null && !value.isBlank()) {
                toSign.header(name, value);
            }
        }
        try {
            String authorization = signer.getSignature(toSign.build(), signerCredential());
            return request.newBuilder().header("Authorization", authorization).build();
        } catch (RequestSigningException | RuntimeException e) {
            // the signer's own message may quote what it signed: only its type is kept
            throw new PurgeException("EdgeGrid signing failed (" + e.getClass().getSimpleName() + ") for the "
                    + "credential from " + credential.source());
        }
    }

    /**
     * Akamai's credential object, made for one signature and dropped: its {@code toString()} prints the tokens, so
     * no field holds one for a debugger or a reflective dump to show.
     */
    private ClientCredential signerCredential() {
        ClientCredential.ClientCredentialBuilder builder = ClientCredential.builder()
                .host(credential.host())
                .clientToken(credential.clientToken())
                .clientSecret(credential.clientSecret())
                .accessToken(credential.accessToken())
                .maxBodySize(credential.maxBody());
        if (!credential.headersToSign().isEmpty()) {
            builder.headersToSign(new LinkedHashSet<>(credential.headersToSign()));
        }
        return builder.build();
    }

    private static String headerValue(Request request, String name) {
        String value = request.header(name);
        if (value == null && name.toLowerCase(Locale.ROOT).equals("content-type") && request.body() != null) {
            MediaType type = request.body().contentType();
            value = type == null ? null : type.toString();
        }
        return value;
    }

    private static byte[] bytes(RequestBody body) {
        try (Buffer buffer = new Buffer()) {
            body.writeTo(buffer);
            return buffer.readByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "EdgeGridSigning{" + credential + "}";
    }

    /** Akamai's signer with the timestamp and nonce this client chooses. */
    private static final class Signer extends EdgeGridV1Signer {
        private final Clock clock;
        private final Supplier<String> nonces;

        Signer(Clock clock, Supplier<String> nonces) {
            this.clock = clock;
            this.nonces = nonces;
        }

        @Override
        protected long getTimestamp() {
            return clock.millis();
        }

        @Override
        protected String getNonce() {
            return nonces.get();
        }
    }
}
