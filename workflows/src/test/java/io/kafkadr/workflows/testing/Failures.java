package io.kafkadr.workflows.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.temporal.failure.ApplicationFailure;

/** Digs the interesting failure out of what a workflow stub throws. */
public final class Failures {

    private Failures() {
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
