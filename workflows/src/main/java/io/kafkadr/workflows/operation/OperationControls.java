package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.Progress;

/**
 * The answers of a failover or failback to its operator ({@link OperatorControls}), once for
 * both: each workflow implementation extends this and runs its steps on {@link #operation}.
 */
public abstract class OperationControls implements OperatorControls {

    protected final Operation operation = new Operation();

    @Override
    public String approval(Approval approval) {
        return operation.approved(approval);
    }

    @Override
    public void validateApproval(Approval approval) {
        operation.validate(approval);
    }

    @Override
    public String decision(ClientDecision decision) {
        return operation.decided(decision);
    }

    @Override
    public void validateDecision(ClientDecision decision) {
        operation.validate(decision);
    }

    @Override
    public void approve(Approval approval) {
        operation.approve(approval);
    }

    @Override
    public void decide(ClientDecision decision) {
        operation.decide(decision);
    }

    @Override
    public void groupWaiting(GroupWaiting waiting) {
        operation.groupWaiting(waiting);
    }

    @Override
    public Progress progress() {
        return operation.progress();
    }
}
