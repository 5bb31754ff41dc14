package io.kafkadr.starter.failback;

import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failback.FailbackRequest;
import io.kafkadr.workflows.failback.FailbackWorkflow;
import io.kafkadr.workflows.pair.PairConfig;

/** Runs {@link FailbackWorkflow}. */
public final class Failback {

    private Failback() {
    }

    public static String workflowId(PairConfig pair, long nowMillis) {
        return "failback/" + pair.name() + "/" + nowMillis;
    }

    public static FailbackReport run(Operations ops, String workflowId, FailbackRequest request) {
        return ops.run(FailbackWorkflow.class.getSimpleName(), workflowId, request, FailbackReport.class, "failback");
    }
}
