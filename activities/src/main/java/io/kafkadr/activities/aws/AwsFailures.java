package io.kafkadr.activities.aws;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns aws-sdk-java-v2 exceptions into Temporal failures: throttling, 5xx and an unreachable
 * endpoint are retried ({@code NotReady}); a refused or invalid request (4xx) is the operator's to
 * fix and fails non-retryable ({@code BadInput}), naming the call and what to do.
 */
public final class AwsFailures {

    private static final Set<String> RETRYABLE_CODES = Set.of("ThrottlingException", "Throttling",
            "TooManyRequestsException", "RequestLimitExceeded", "ServiceUnavailable", "ServiceUnavailableException",
            "InternalServerError", "InternalFailure", "RequestTimeout", "RequestTimeoutException",
            "ConflictException", "IncorrectState", "DependencyViolation", "ServerException");

    private AwsFailures() {
    }

    /** Runs one AWS call ({@code what}: e.g. "creating MSK cluster kdr-a in us-east-1"), mapping its failures. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw of(what, e);
        }
    }

    /** The Temporal failure for {@code e}. */
    public static ApplicationFailure of(String what, SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage();
            int status = s.statusCode();
            String detail = what + " failed: " + code + " (HTTP " + status + "): " + message;
            if (status >= 500 || status == 429 || RETRYABLE_CODES.contains(code) || s.isThrottlingException()) {
                return ApplicationFailure.newFailure(detail + "; retried", ActivityFailures.NOT_READY);
            }
            String fix = status == 403 || code.contains("AccessDenied") || code.contains("Unauthorized")
                    ? "grant the worker's AWS principal this action (deploy/aws/iam/worker-policy.json)"
                    : "fix the request (the config) and run again";
            return ApplicationFailure.newNonRetryableFailure(detail + ": " + fix, ActivityFailures.BAD_INPUT);
        }
        if (e instanceof SdkClientException) {
            return ApplicationFailure.newFailure(what + ": AWS did not answer (" + e.getMessage() + "); retried",
                    ActivityFailures.NOT_READY);
        }
        return ApplicationFailure.newFailure(what + " failed: " + e.getMessage() + "; retried", ActivityFailures.NOT_READY);
    }

    /** Whether {@code e} is AWS saying the resource does not exist (a NotFound error code or HTTP 404). */
    public static boolean notFound(SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            return s.statusCode() == 404 || code.contains("NotFound") || code.endsWith(".NotFound");
        }
        return false;
    }
}
