package io.kafkadr.workflows.failover;

import io.kafkadr.workflows.operation.OperatorControls;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runbook step 6: move consumers (exact offsets), then producers, to the secondary, then
 * remove replication; planned (drill) or unplanned (the primary is gone).
 */
@WorkflowInterface
public interface FailoverWorkflow extends OperatorControls {

    @WorkflowMethod
    FailoverReport failover(FailoverRequest request);
}
