package io.cdnpurge.fakes;

import java.util.Objects;

/**
 * A vendor error for a fake to answer with ({@link FakeVendorApi#failNext}), said once and rendered by each fake in
 * its vendor's own shape: Cloudflare's envelope with an error code, Akamai's problem JSON, Fastly's {@code msg},
 * CloudFront's XML error.
 *
 * <pre>{@code
 * fake.failNext(2, Failure.serverError());                                 // 503, the vendor's body
 * fake.failNext(1, Failure.authentication());                              // the vendor's bad-credential answer
 * fake.failNext(1, Failure.status(400).code("1012").message("Request must contain one of …"));
 * }</pre>
 */
public final class Failure {
    /** What the failure means; a fake answers it as its vendor would. */
    public enum Kind {
        /** The credential is missing, malformed or wrong. */
        AUTHENTICATION,
        /** The credential is valid but may not purge. */
        PERMISSION,
        /** The vendor failed (5xx). */
        SERVER_ERROR,
        /** A status, code and message given by the test. */
        GIVEN
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final String message;

    private Failure(Kind kind, int status, String code, String message) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.message = message;
    }

    /** The vendor's answer to a bad credential (its status and body). */
    public static Failure authentication() {
        return new Failure(Kind.AUTHENTICATION, 0, null, null);
    }

    /** The vendor's answer to a credential that may not purge (403). */
    public static Failure permission() {
        return new Failure(Kind.PERMISSION, 403, null, null);
    }

    /** The vendor's 503, retryable. */
    public static Failure serverError() {
        return serverError(503);
    }

    /** A 5xx of the vendor's, with its body. */
    public static Failure serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is 500-599, got " + status);
        }
        return new Failure(Kind.SERVER_ERROR, status, null, null);
    }

    /**
     * An error of this HTTP status (400-599); give its vendor code and message with {@link #code} and
     * {@link #message}.
     */
    public static Failure status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400-599, got " + status);
        }
        return new Failure(Kind.GIVEN, status, null, null);
    }

    /**
     * This failure with the vendor's error code: Cloudflare's number ({@code "1012"}), Akamai's {@code title},
     * CloudFront's {@code Code} ({@code "InvalidArgument"}); Fastly has none and ignores it.
     */
    public Failure code(String vendorCode) {
        return new Failure(kind, status, Objects.requireNonNull(vendorCode,
                "vendorCode cannot be null"), message);
    }

    /** This failure with the vendor's message. */
    public Failure message(String text) {
        return new Failure(kind, status, code, Objects.requireNonNull(text, "text cannot be null"));
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status; 0 for {@link #authentication()}, whose status is the vendor's. */
    public int status() {
        return status;
    }

    /** The vendor code given, or the default. */
    public String codeOr(String defaultCode) {
        return code == null ? defaultCode : code;
    }

    /** The message given, or the default. */
    public String messageOr(String defaultMessage) {
        return message == null ? defaultMessage : message;
    }

    @Override
    public String toString() {
        return "Failure{" + kind + (status == 0 ? "" : " " + status) + (code == null ? "" : " " + code)
                + (message == null ? "" : " '" + message + "'") + "}";
    }
}
