package io.kafkadr.activities.connect;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.failure.ApplicationFailure;

/**
 * A Connect REST call that did not succeed.
 *
 * @see #retryable()
 */
public class ConnectRestException extends RuntimeException {

    /** Status used when Connect did not answer at all. */
    public static final int UNREACHABLE = 0;
    /**
     * Status used when the worker cannot call Connect as the pair configures it: a certificate it
     * does not trust, an unreadable CA file or secret reference. Never heals by itself.
     */
    public static final int MISCONFIGURED = -1;

    private final int status;

    public ConnectRestException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * Unreachable workers, 409 (a rebalance is in progress) and 5xx heal by themselves; any
     * other 4xx (400: the config is invalid, 401: the login is wrong) and {@link #MISCONFIGURED}
     * need the operator.
     */
    public boolean retryable() {
        return status == UNREACHABLE || status == 409 || status >= 500;
    }

    /** As an activity's failure: retryable ones retried ({@code Unreachable} or {@code NotReady}), others {@code BadInput}. */
    public ApplicationFailure asFailure() {
        return retryable()
                ? ApplicationFailure.newFailure(getMessage(), status == UNREACHABLE
                        ? ActivityFailures.UNREACHABLE : ActivityFailures.NOT_READY)
                : ApplicationFailure.newNonRetryableFailure(getMessage(), ActivityFailures.BAD_INPUT);
    }
}
