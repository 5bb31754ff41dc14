package io.kafkadr.workflows.pair;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Turns an operation's pair input into a validated {@link PairConfig}: either the config given
 * inline (what drctl sends) or a file on the worker's host (handy from the Temporal CLI).
 * Called from workflow code only.
 */
public final class PairSource {

    public static final String BAD_PAIR = "BadPairConfig";

    private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(20))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3)
                    .setDoNotRetry(BAD_PAIR).build())
            .build();

    private PairSource() {
    }

    /** An operation started with no input at all (e.g. {@code temporal workflow start} without --input). */
    public static void requireInput(Object request) {
        if (request == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "empty input: give {\"pairFile\": \"pairs/local.yaml\"} or {\"pair\": {...}}", BAD_PAIR);
        }
    }

    public static PairConfig resolve(PairConfig inline, String pairFile) {
        if (inline != null) {
            try {
                return PairValidator.validate(inline, "in the workflow input");
            } catch (PairConfigException e) {
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), BAD_PAIR);
            }
        }
        if (pairFile == null || pairFile.isBlank()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "the input names no pair: give {\"pair\": {...}} or {\"pairFile\": \"pairs/local.yaml\"}",
                    BAD_PAIR);
        }
        return Workflow.newActivityStub(PairActivities.class, OPTIONS).loadPair(pairFile);
    }
}
