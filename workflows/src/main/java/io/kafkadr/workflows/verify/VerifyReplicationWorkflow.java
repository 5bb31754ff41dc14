package io.kafkadr.workflows.verify;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runbook step 5: topics exist on the target with matching configs, per-partition counts
 * converge, MM2's lag is within bounds, heartbeats are fresh, checkpoints and synced group
 * offsets exist. Re-checks until everything passes or the pair's verify timeout elapses.
 */
@WorkflowInterface
public interface VerifyReplicationWorkflow {

    @WorkflowMethod
    VerificationReport verify(VerifyRequest request);

    @QueryMethod
    Progress progress();
}
