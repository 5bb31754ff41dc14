package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One consumer group's move within a failover or failback, as a child workflow
 * ({@code <operation id>/group/<group>}): its own history, its own retry, skip, rollback or abort
 * decision, its own {@code DrPhase}. The operator talks to the operation, which forwards
 * {@code decide} here.
 */
@WorkflowInterface
public interface GroupMoveWorkflow {

    @WorkflowMethod
    GroupMoveResult move(GroupMoveRequest request);

    @SignalMethod
    void decide(ClientDecision decision);

    @QueryMethod
    Progress progress();
}
