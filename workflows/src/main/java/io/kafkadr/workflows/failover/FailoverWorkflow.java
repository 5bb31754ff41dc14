package io.kafkadr.workflows.failover;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runbook step 6: move consumers (exact offsets), then producers, to the secondary, then
 * remove replication; planned (drill) or unplanned (the primary is gone).
 */
@WorkflowInterface
public interface FailoverWorkflow {

    @WorkflowMethod
    FailoverReport failover(FailoverRequest request);

    /** Opens the approval gate. */
    @SignalMethod
    void approve(Approval approval);

    /** Answers a client that failed its health check: retry, skip or rollback. */
    @SignalMethod
    void decide(ClientDecision decision);

    @QueryMethod
    Progress progress();
}
