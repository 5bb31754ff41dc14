package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.operation.Approval;
import io.kafkadr.workflows.operation.ClientDecision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
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
     * Temporal UI's "Send a Signal" on the drill). With none in flight it is ignored, with a note.
     */
    @SignalMethod
    void approve(Approval approval);

    /** A decision about a client of the failover or failback in flight, forwarded to that child like {@link #approve}. */
    @SignalMethod
    void decide(ClientDecision decision);
}
