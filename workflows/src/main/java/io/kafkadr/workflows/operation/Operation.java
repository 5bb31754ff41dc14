package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a failover or failback is made of, in workflow code: its timeline, its operator gate, the
 * client moves, one group's move and the waves of group moves, wired once; and the answers to
 * its operator's updates, signals and queries ({@link OperatorControls}).
 */
public class Operation {

    private final Timeline timeline = new Timeline();
    private final OperatorGate gate = OperatorGate.forOperation(timeline);
    private final ClientMoves moves = new ClientMoves(
            Workflow.newActivityStub(ClientActivities.class, OperationOptions.LONG),
            Workflow.newActivityStub(HandOverActivities.class, OperationOptions.LONG), timeline, gate);
    private final GroupMove groupMove = new GroupMove(moves, timeline);
    private final GroupWaves waves = new GroupWaves(timeline);

    public Timeline timeline() {
        return timeline;
    }

    public OperatorGate gate() {
        return gate;
    }

    public ClientMoves moves() {
        return moves;
    }

    public GroupMove groupMove() {
        return groupMove;
    }

    public GroupWaves waves() {
        return waves;
    }

    /** The {@code approve} signal. */
    public void approve(Approval approval) {
        gate.approve(approval);
    }

    /** The {@code decide} signal: to the group's move when it is moving now, else the operation's own. */
    public void decide(ClientDecision decision) {
        if (!waves.route(decision)) {
            gate.decide(decision);
        }
    }

    /** The {@code approval} update's validator: refuses what the gate would not take, history untouched. */
    public void validate(Approval approval) {
        refuseIf(gate.approvalRefusal(approval));
    }

    /**
     * The {@code decision} update's validator: refuses a decision no gate of this operation waits
     * for, in the operation's own gate or in a group's move it forwards to, history untouched.
     */
    public void validate(ClientDecision decision) {
        Map<String, List<String>> awaited = new LinkedHashMap<>(gate.awaited());
        awaited.putAll(waves.awaited());
        refuseIf(OperatorGate.decisionRefusal(decision, awaited, Workflow.getInfo().getWorkflowId()));
    }

    /** The {@code approval} update, once valid: what the operator is told. */
    public String approved(Approval approval) {
        approve(approval);
        return "approved " + Workflow.getInfo().getWorkflowId() + " as " + approval.by();
    }

    /** The {@code decision} update, once valid: what the operator is told. */
    public String decided(ClientDecision decision) {
        decide(decision);
        return "'" + decision.action() + "' for " + decision.client() + " taken by " + Workflow.getInfo().getWorkflowId();
    }

    /**
     * Rejects an update (a validator's exception): the caller gets {@code refusal}. Not an
     * {@code ApplicationFailure}: thrown from a validator, the SDK wraps that as a failure of the run.
     */
    public static void refuseIf(String refusal) {
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /** The {@code groupWaiting} signal of a group's move. */
    public void groupWaiting(GroupWaiting waiting) {
        waves.waiting(waiting);
    }

    /** The {@code progress} query. */
    public Progress progress() {
        return timeline.progress();
    }
}
