package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;

public class GroupMoveWorkflowImpl implements GroupMoveWorkflow {

    private final Timeline timeline = new Timeline();
    /** The failover or failback that started this move: the operator talks to it. */
    private final Optional<String> operation = Workflow.getInfo().getParentWorkflowId();
    /** Ready before the workflow method runs: a forwarded decision may arrive first. */
    private final OperatorGate gate = new OperatorGate(timeline,
            operation.orElse(Workflow.getInfo().getWorkflowId()), this::tellOperation);

    @Override
    public GroupMoveResult move(GroupMoveRequest request) {
        if (request == null || request.pair() == null || request.direction() == null || request.group() == null
                || request.purpose() == null) {
            throw ApplicationFailure.newNonRetryableFailure("a group move needs pair, direction, group and purpose; it is "
                    + "started by a failover or failback, not by hand", ActivityFailures.BAD_INPUT);
        }
        // Added after the first release: histories recorded before it replay without the check.
        if (Workflow.getVersion("group-move-needs-lock", Workflow.DEFAULT_VERSION, 1) == 1) {
            requireParentHoldsLock(request);
        }
        timeline.tag(request.pair().name(), null);
        ClientMoves moves = new ClientMoves(
                Workflow.newActivityStub(ClientActivities.class, OperationOptions.LONG),
                Workflow.newActivityStub(HandOverActivities.class, OperationOptions.LONG), timeline, gate);
        GroupMove groupMove = new GroupMove(moves, timeline);
        List<ClientRef> app = request.app().refs();
        String label = app.get(0).label();
        gate.answerAs(request.app().labels(), label);
        List<ClientMove> moved = switch (request.purpose()) {
            case FAILOVER -> groupMove.failover(request.pair(), request.direction(), app, request.sourceReachable());
            case FAILBACK -> groupMove.failback(request.pair(), request.direction(), app);
        };
        timeline.done(moved == null ? "aborted" : moved.get(0).outcome(), ClientMoves.label(app));
        return new GroupMoveResult(label, moved == null ? null : moved.get(0),
                Boolean.FALSE.equals(request.stepsInResult()) ? List.of() : timeline.steps(), timeline.notes(),
                moved == null, moved == null ? List.of() : moved.subList(1, moved.size()));
    }

    /**
     * A group's move runs its binding's commands: only as part of the failover or failback that holds
     * the pair's lock, which the pair's entity confirms (the input is not trusted for it). A move
     * started by hand, or whose parent does not hold the lock, fails before touching anything.
     */
    private void requireParentHoldsLock(GroupMoveRequest request) {
        String pair = request.pair().name();
        String parent = operation.orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("group move '"
                + Workflow.getInfo().getWorkflowId() + "' refused: a group's move runs only as part of the failover or "
                + "failback that holds the lock of pair '" + pair + "', not on its own; start one of those instead "
                + "(drctl failover|failback --pair <file>)", ActivityFailures.NOT_LOCK_HOLDER));
        try {
            Workflow.newActivityStub(PairLockActivities.class, OperationOptions.QUICK)
                    .confirmHolder(request.pair(), parent);
        } catch (ActivityFailure e) {
            throw ApplicationFailure.newNonRetryableFailure("group move '" + Workflow.getInfo().getWorkflowId()
                    + "' refused: its parent '" + parent + "' must hold the lock of pair '" + pair + "': "
                    + Timeline.rootMessage(e), ActivityFailures.NOT_LOCK_HOLDER);
        }
    }

    private void tellOperation(GroupWaiting waiting) {
        operation.ifPresent(id -> Workflow.newExternalWorkflowStub(OperatorControls.class, id).groupWaiting(waiting));
    }

    @Override
    public void decide(ClientDecision decision) {
        gate.decide(decision);
    }

    @Override
    public Progress progress() {
        return timeline.progress();
    }
}
