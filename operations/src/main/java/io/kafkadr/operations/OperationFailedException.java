package io.kafkadr.operations;

import io.kafkadr.workflows.common.ActivityFailures;

/** An operation workflow failed; the message is its root cause as the workflow reported it. */
public class OperationFailedException extends RuntimeException {

    private final String failureType;

    public OperationFailedException(String message, String failureType) {
        super(message);
        this.failureType = failureType;
    }

    public String failureType() {
        return failureType;
    }

    /** Bad pair config or input, or a pair the worker does not serve: the operator's to fix (exit code 2). */
    public boolean badInput() {
        return "BadPairConfig".equals(failureType) || "BadInput".equals(failureType)
                || ActivityFailures.NOT_SERVED.equals(failureType);
    }
}
