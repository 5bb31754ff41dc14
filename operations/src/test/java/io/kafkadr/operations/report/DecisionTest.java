package io.kafkadr.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.workflows.operation.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void approvalsComeFromStepsAndDecisionsFromTheNotesTheWorkflowsWrite() {
        List<Decision> d = Decision.of(List.of(new Step("approval", 1, 2, "approved by Jane Doe: window CHG-1"),
                        new Step("approval", 3, 4, "timed out"), new Step("lock", 0, 1, "approved by nobody")),
                List.of("consumer g1: health check skipped by bob: lag 5",
                        "consumer g2: rolled back to primary by eve",
                        "consumer g3: start retried by bob",
                        "consumer g4: retry by ann after the hand-over failed: timeout",
                        "producers: abort by ann after: did not drain",
                        "loss bound: records 'primary' was last seen, written by nobody"));
        assertEquals(List.of(new Decision(2, "operation", "approved", "Jane Doe", "window CHG-1"),
                new Decision(4, "operation", "timed out", null, null),
                new Decision(0, "consumer g1", "health check skipped", "bob", "lag 5"),
                new Decision(0, "consumer g2", "rolled back to primary", "eve", null),
                new Decision(0, "consumer g3", "start retried", "bob", null),
                new Decision(0, "consumer g4", "retry", "ann", "timeout"),
                new Decision(0, "producers", "abort", "ann", "did not drain")), d);
    }
}
