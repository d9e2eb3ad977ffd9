package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeThrottledException;
import io.cdnpurge.PurgeTransportException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Maps what the AWS SDK throws to the SDK's exceptions (the errors of CreateInvalidation in the CloudFront API
 * Reference, https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateInvalidation.html):
 * AccessDenied names the IAM action of the
 * call, throttling and {@code TooManyInvalidationsInProgress} are retryable back-pressure, a missing distribution
 * names it, transport failures are retryable (the call's {@code CallerReference} makes a repeat harmless).
 */
final class CloudFrontErrors {
    /** The code of CloudFront's refusal when the in-flight quota of a distribution is full. */
    static final String QUOTA_FULL = "TooManyInvalidationsInProgress";

    private static final Set<String> AUTHENTICATION = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "MissingAuthenticationToken", "ExpiredToken", "IncompleteSignature", "UnrecognizedClientException",
            "InvalidSignatureException", "AuthFailure", "ExpiredTokenException");
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "SlowDown");
    private static final Set<String> CLIENT_BUGS = Set.of("InvalidArgument", "InconsistentQuantities", "MissingBody",
            "MalformedInput", "BatchTooLarge");

    private CloudFrontErrors() {
    }

    /**
     * @param action the IAM action of the call, e.g. {@code cloudfront:CreateInvalidation}
     * @param what   what the call was about, e.g. {@code distribution E2QWRUHAPOMQZL}
     * @param client the client's name, the prefix of the keys a message names
     */
    static PurgeException map(SdkException error, String action, String what, Clock clock, String client) {
        String p = client + ".";
        if (error instanceof AwsServiceException) {
            return service((AwsServiceException) error, action, what, clock, p);
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException
                || causedBy(error, java.net.SocketTimeoutException.class)) {
            return new PurgeTransportException("CloudFront did not answer in time: " + action + " on " + what
                    + " may or may not have been done (a repeat with the same CallerReference is harmless)", true,
                    error);
        }
        String message = String.valueOf(error.getMessage());
        if (error instanceof SdkClientException && message.contains("Unable to load credentials")) {
            return new PurgeAuthenticationException("no AWS credentials found for CloudFront: set "
                    + p + "profile, " + p + "accessKeyId and " + p + "secretAccessKey, or the variables "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role is available (ECS, EC2, "
                    + "Lambda, EKS web identity); " + firstLine(message), 0, null, null);
        }
        if (error instanceof SdkClientException && message.contains("Unable to load region")) {
            return new PurgeException("no AWS region for CloudFront: set cloudfront.region (any, e.g. us-east-1; "
                    + "cn-northwest-1 for China)", error);
        }
        if (notSent(error)) {
            return new PurgeTransportException("could not reach CloudFront for " + action + " on " + what + " ("
                    + firstLine(message) + "); the request was not sent", false, false, error);
        }
        return new PurgeTransportException("could not reach CloudFront for " + action + " on " + what + " ("
                + firstLine(message) + "); the call may or may not have been made", false, error);
    }

    private static PurgeException service(AwsServiceException error, String action, String what, Clock clock,
                                          String p) {
        String code = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
        String vendorMessage = error.awsErrorDetails() == null ? null
                : vendorText(error.awsErrorDetails().errorMessage());
        int status = error.statusCode();
        String requestId = error.requestId();
        String said = " (CloudFront said: " + (code == null ? "HTTP " + status : code)
                + (vendorMessage == null ? "" : ", " + vendorMessage) + ")";
        if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
            return new PurgePermissionException("the AWS credential may not call " + action + " on " + what
                    + ": allow " + action + " in its IAM policy" + said, action, status, code, requestId);
        }
        if (code != null && AUTHENTICATION.contains(code)) {
            return new PurgeAuthenticationException("CloudFront did not accept the AWS credential" + said
                    + ": check the access key id and secret, that a session token has not expired, and the "
                    + "clock of this machine", status, code, requestId);
        }
        if (QUOTA_FULL.equals(code)) {
            return new PurgeThrottledException("CloudFront has as many invalidations in progress on " + what
                    + " as it allows (3,000 file paths and 15 wildcard paths)" + said, status, code, requestId,
                    null);
        }
        if (code != null && THROTTLING.contains(code) || status == 429
                || vendorMessage != null && vendorMessage.contains("Rate exceeded")) {
            return new PurgeThrottledException("CloudFront is throttling " + action + said, status, code, requestId,
                    null);
        }
        if ("NoSuchDistribution".equals(code)) {
            return new PurgeServiceException("CloudFront has no " + what + " in this AWS account: check the id in "
                    + p + "distributionId or " + p + "distributions, and that the credential belongs to "
                    + "the distribution's account" + said, status, code, requestId, false, null);
        }
        if ("EntityNotFound".equals(code)) {
            return new PurgeServiceException("CloudFront has no " + what + " in this AWS account: check the id in "
                    + p + "distributionTenantId or " + p + "tenants" + said, status, code, requestId,
                    false, null);
        }
        if ("NoSuchInvalidation".equals(code)) {
            return new PurgeServiceException("CloudFront no longer knows invalidation " + what + said, status, code,
                    requestId, false, null);
        }
        if ("InvalidationBatchAlreadyExists".equals(code)) {
            return new PurgeServiceException("CloudFront already has an invalidation with this CallerReference "
                    + "for other paths on " + what + ": the request's idempotency key was used before for different "
                    + "targets; give each distinct purge its own idempotency key" + said, status, code, requestId,
                    false, null);
        }
        if (code != null && CLIENT_BUGS.contains(code)) {
            return new PurgeServiceException("CloudFront refused " + action + " on " + what + " as malformed" + said
                    + "; this is a bug in the CloudFront provider, please report it", status, code, requestId, false,
                    null);
        }
        boolean retryable = status >= 500 || "ServiceUnavailable".equals(code) || "InternalError".equals(code);
        return new PurgeServiceException("CloudFront refused " + action + " on " + what + said
                + (retryable ? "" : ": check the request and the distribution's configuration"), status, code,
                requestId, retryable, retryable ? retryAfter(error, clock) : null);
    }

    /**
     * The first paragraph of CloudFront's message, without anything that looks like a security token: a
     * {@code SignatureDoesNotMatch} message goes on to quote the canonical request, whose
     * {@code x-amz-security-token} line is the session token of temporary credentials.
     */
    static String vendorText(String message) {
        if (message == null) {
            return null;
        }
        int paragraph = message.indexOf("\n\n");
        String first = paragraph < 0 ? message : message.substring(0, paragraph);
        first = TOKEN_LINE.matcher(first).replaceAll("$1<redacted>");
        return firstLine(first);
    }

    private static final java.util.regex.Pattern TOKEN_LINE = java.util.regex.Pattern.compile(
            "(?i)(x-amz-security-token[:=]\\s*)\\S+");

    /** The answer's {@code Retry-After}, in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(AwsServiceException error, Clock clock) {
        if (error.awsErrorDetails() == null || error.awsErrorDetails().sdkHttpResponse() == null) {
            return null;
        }
        String value = error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(value.trim(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** A name that did not resolve or a connection that could not be made: nothing reached CloudFront. */
    private static boolean notSent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.UnknownHostException || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
