package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;

/** What an operator does to a failover or failback in flight, and what it shows them. */
public interface OperatorControls {

    /** Opens the approval gate. */
    @SignalMethod
    void approve(Approval approval);

    /**
     * Answers the run waiting for a decision about one client: a consumer group that failed its
     * health check or its hand-over, or {@code producers} after a drain gave up. The actions it
     * accepts are in its progress.
     */
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
