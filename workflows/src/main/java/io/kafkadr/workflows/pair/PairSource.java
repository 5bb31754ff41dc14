package io.kafkadr.workflows.pair;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Turns an operation's pair input into a validated {@link PairConfig} that the worker serves: a
 * registered pair by name ({@code "pair": "local"}), a pair file inside the worker's pairs folders,
 * or a pair given inline (what drctl sends), which may only narrow the registered pair of its name
 * ({@link PairNarrowing}). A child operation takes the pair its parent resolved. Called from
 * workflow code only.
 */
public final class PairSource {

    public static final String BAD_PAIR = "BadPairConfig";
    /** Inline pairs are checked against the worker's registered pairs (runs before it took them as given). */
    static final String TRUST_BOUNDARY = "pair-trust-boundary";

    private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(20))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3)
                    .setDoNotRetry(BAD_PAIR, ActivityFailures.NOT_SERVED).build())
            .build();

    private PairSource() {
    }

    /** An operation started with no input at all (e.g. {@code temporal workflow start} without --input). */
    public static void requireInput(Object request) {
        if (request == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "empty input: give {\"pair\": \"<name of a pair the worker serves>\"}", BAD_PAIR);
        }
    }

    public static PairConfig resolve(PairConfig inline, String pairFile) {
        boolean child = Workflow.getInfo().getParentWorkflowId().isPresent();
        boolean checked = !child && Workflow.getVersion(TRUST_BOUNDARY, Workflow.DEFAULT_VERSION, 1) == 1;
        if (inline != null && inline.namesOnly() && (child || checked)) {
            return activities().registeredPair(inline.name());
        }
        if (inline != null) {
            PairConfig pair;
            try {
                pair = PairValidator.validate(inline, "in the workflow input");
            } catch (PairConfigException e) {
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), BAD_PAIR);
            }
            if (checked) {
                activities().checkNarrows(pair);
            }
            return pair;
        }
        if (pairFile == null || pairFile.isBlank()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "the input names no pair: give {\"pair\": \"<name of a pair the worker serves>\"}", BAD_PAIR);
        }
        return activities().loadPair(pairFile);
    }

    private static PairActivities activities() {
        return Workflow.newActivityStub(PairActivities.class, OPTIONS);
    }
}
