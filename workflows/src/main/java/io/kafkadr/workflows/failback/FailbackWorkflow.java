package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.operation.OperatorControls;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runbook step 7, staged: salvage what never reached the secondary, clean the primary,
 * replicate back, converge, move consumers back one group at a time, then producers, then
 * restore primary -> secondary replication.
 */
@WorkflowInterface
public interface FailbackWorkflow extends OperatorControls {

    @WorkflowMethod
    FailbackReport failback(FailbackRequest request);
}
