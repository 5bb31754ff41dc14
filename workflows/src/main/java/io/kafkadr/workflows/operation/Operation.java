package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.temporal.workflow.Workflow;

/**
 * What a failover or failback is made of, in workflow code: its timeline, its operator gate, the
 * client moves, one group's move and the waves of group moves, wired once; and the answers to
 * its operator signals and queries ({@link OperatorControls}).
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

    /** The {@code groupWaiting} signal of a group's move. */
    public void groupWaiting(GroupWaiting waiting) {
        waves.waiting(waiting);
    }

    /** The {@code progress} query. */
    public Progress progress() {
        return timeline.progress();
    }
}
