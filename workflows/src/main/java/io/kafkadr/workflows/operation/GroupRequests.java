package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.workflow.Workflow;
import java.util.List;

/** The group moves of an operation, in workflow code: one per application, or per group in older runs. */
public final class GroupRequests {

    private GroupRequests() {
    }

    /**
     * One request per application ({@link ConsumerApps}: groups that share a binding move
     * together), each with the pair without its client lists. Runs that began before
     * applications moved as one get one request per group.
     */
    public static List<GroupMoveRequest> of(PairConfig pair, Direction direction, boolean sourceReachable,
                                            MovePurpose purpose) {
        PairConfig slim = pair.withoutClients();
        if (Workflow.getVersion(ClientMoves.SHARED_BINDINGS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return pair.consumerGroups().stream()
                    .map(g -> new GroupMoveRequest(slim, direction, g, sourceReachable, purpose)).toList();
        }
        return ConsumerApps.of(pair.consumerGroups()).stream()
                .map(app -> GroupMoveRequest.of(slim, direction, app, sourceReachable, purpose)).toList();
    }
}
