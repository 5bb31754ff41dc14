package io.kafkadr.workflows.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/** Digs the interesting failure out of what a workflow stub throws. */
public final class Failures {

    private Failures() {
    }

    /** The message of an update the workflow's validator refused. */
    public static String updateRefusal(Runnable update) {
        WorkflowUpdateException thrown = assertThrows(WorkflowUpdateException.class, update::run,
                "the update was accepted");
        ApplicationFailure failure = rootApplicationFailure(thrown);
        assertEquals(IllegalArgumentException.class.getName(), failure.getType(), "refused by its validator");
        return failure.getOriginalMessage();
    }

    /** The innermost {@link ApplicationFailure} in the cause chain: what the code actually threw. */
    public static ApplicationFailure rootApplicationFailure(Throwable thrown) {
        ApplicationFailure root = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ApplicationFailure af) {
                root = af;
            }
        }
        assertNotNull(root, () -> "no ApplicationFailure in the cause chain of " + thrown);
        return root;
    }
}
