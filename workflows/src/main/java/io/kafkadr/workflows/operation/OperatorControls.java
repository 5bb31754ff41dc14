package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * What an operator does to a failover or failback in flight, and what it shows them. Approvals
 * and decisions are Updates: their validators refuse, to the caller and without touching the
 * run's history, what the gate would not take (a missing {@code by}, an unknown action or
 * client, an action the gate does not offer), instead of a signal the gate ignores while it waits
 * on. The signals stay registered for runs started before the updates existed (and for what the
 * drill forwards, which a workflow can only signal).
 */
public interface OperatorControls {

    /** Name of the approval update. */
    String APPROVAL = "approval";
    /** Name of the decision update. */
    String DECISION = "decision";

    /** Opens the approval gate (when reached: it may be sent before). */
    @UpdateMethod(name = APPROVAL)
    String approval(Approval approval);

    @UpdateValidatorMethod(updateName = APPROVAL)
    void validateApproval(Approval approval);

    /**
     * Answers the run waiting for a decision about one client: a consumer group that failed its
     * health check or its hand-over, or {@code producers} after a drain gave up. The actions it
     * accepts are in its progress; the validator refuses any other.
     */
    @UpdateMethod(name = DECISION)
    String decision(ClientDecision decision);

    @UpdateValidatorMethod(updateName = DECISION)
    void validateDecision(ClientDecision decision);

    /** {@link #approval} as a signal, unchecked: for runs in flight before the update, and the drill's forwarding. */
    @SignalMethod
    void approve(Approval approval);

    /** {@link #decision} as a signal, unchecked (its gate ignores what it does not wait for). */
    @SignalMethod
    void decide(ClientDecision decision);

    /**
     * A consumer group's move (a child workflow) tells its operation that it waits for a decision,
     * or no longer does; the operation shows it in its progress and forwards {@code decide}.
     */
    @SignalMethod
    void groupWaiting(GroupWaiting waiting);

    /** The step in flight, and what the operator can do about it. */
    @QueryMethod
    Progress progress();
}
