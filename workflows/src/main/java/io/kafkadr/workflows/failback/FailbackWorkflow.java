package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.failover.Approval;
import io.kafkadr.workflows.failover.ClientDecision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runbook step 7, staged: salvage what never reached the secondary, clean the primary,
 * replicate back, converge, move consumers back one group at a time, then producers, then
 * restore primary -> secondary replication.
 */
@WorkflowInterface
public interface FailbackWorkflow {

    @WorkflowMethod
    FailbackReport failback(FailbackRequest request);

    @SignalMethod
    void approve(Approval approval);

    /** Answers a consumer that failed its health check on the primary: retry, skip or abort. */
    @SignalMethod
    void decide(ClientDecision decision);

    @QueryMethod
    Progress progress();
}
