package io.kafkadr.starter.failover;

import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.pair.PairConfig;

/** Runs {@link FailoverWorkflow}. */
public final class Failover {

    private Failover() {
    }

    /**
     * One workflow per incident (asking twice for the same incident joins the first run), else
     * one per request.
     */
    public static String workflowId(PairConfig pair, String incidentId, long nowMillis) {
        return "failover/" + pair.name() + "/" + (incidentId != null ? "incident-" + incidentId : Long.toString(nowMillis));
    }

    public static FailoverReport run(Operations ops, String workflowId, FailoverRequest request) {
        return ops.run(FailoverWorkflow.class.getSimpleName(), workflowId, request, FailoverReport.class, "failover");
    }
}
