package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.handover.HandOverActivities;
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
        return new GroupMoveResult(label, moved == null ? null : moved.get(0), timeline.steps(), timeline.notes(),
                moved == null, moved == null ? List.of() : moved.subList(1, moved.size()));
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
