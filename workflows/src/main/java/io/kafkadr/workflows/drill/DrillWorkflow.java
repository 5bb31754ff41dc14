package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.operation.Approval;
import io.kafkadr.workflows.operation.ClientDecision;
import io.kafkadr.workflows.operation.OperatorControls;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A DR drill on a pair, under its own clients' traffic, kafka-dr's built-in canary or both
 * ({@code drill.traffic}): (set up replication,) verify it, fail over
 * (planned), check the pair on the secondary, fail back (staged), verify the restored replication;
 * each phase a child workflow {@code <drill id>/<phase>}. A phase that fails stands down: the pair
 * returns to where it started. The drill holds no lock across phases: the failover and the
 * failback take the pair's lock themselves.
 */
@WorkflowInterface
public interface DrillWorkflow {

    /** {@code drill/<pair>/<time or given id>}. */
    static String workflowId(String pair, String idOrTime) {
        return "drill/" + pair + "/" + idOrTime;
    }

    /** The child workflow that runs {@code phase} of drill {@code drillId}. */
    static String childId(String drillId, String phase) {
        return drillId + "/" + phase;
    }

    @WorkflowMethod
    DrillResult drill(DrillRequest request);

    /** The phase in flight; its detail names the child workflow whose own progress shows the step. */
    @QueryMethod
    Progress progress();

    /**
     * Approves the failover or failback in flight (a drill with {@code requireApproval}): forwarded
     * to that child, so an operator answers the drill itself ({@code drctl approve <drill id>}, the
     * Temporal UI's "Update" on the drill). Refused to the caller when {@code by} is missing or
     * no failover or failback of the drill runs.
     */
    @UpdateMethod(name = OperatorControls.APPROVAL)
    String approval(Approval approval);

    @UpdateValidatorMethod(updateName = OperatorControls.APPROVAL)
    void validateApproval(Approval approval);

    /**
     * A decision about a client of the failover or failback in flight, forwarded to that child
     * like {@link #approval}. Refused to the caller, as far as the drill can tell: a field missing,
     * an action that does not exist, a client that is not the pair's, no failover or failback in
     * flight. The child's own gate judges the rest (which actions it offers now).
     */
    @UpdateMethod(name = OperatorControls.DECISION)
    String decision(ClientDecision decision);

    @UpdateValidatorMethod(updateName = OperatorControls.DECISION)
    void validateDecision(ClientDecision decision);

    /** {@link #approval} as a signal, unchecked: for drills in flight before the update. */
    @SignalMethod
    void approve(Approval approval);

    /** {@link #decision} as a signal, unchecked: for drills in flight before the update. */
    @SignalMethod
    void decide(ClientDecision decision);
}
