package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.WorkflowInput;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;

/**
 * Input of {@link GroupMoveWorkflow}: one application of an operation, that is one consumer group
 * or several that share its binding ({@link ConsumerApps}).
 *
 * @param pair            the pair without its client lists ({@link PairConfig#withoutClients()})
 * @param direction       from where to where the group moves
 * @param group           the group and its binding (the application's first group: decisions use its label)
 * @param sourceReachable whether the source answers (an unplanned failover may have lost it)
 * @param purpose         failover or failback (what the operator may decide)
 * @param sharing         the application's other groups, with the same binding; absent or empty: the group alone
 */
@WorkflowInput
public record GroupMoveRequest(PairConfig pair, Direction direction, ConsumerGroupConfig group, boolean sourceReachable,
                               MovePurpose purpose, List<ConsumerGroupConfig> sharing) {

    public GroupMoveRequest {
        sharing = sharing == null ? List.of() : List.copyOf(sharing);
    }

    /** One consumer group alone. */
    public GroupMoveRequest(PairConfig pair, Direction direction, ConsumerGroupConfig group, boolean sourceReachable,
                            MovePurpose purpose) {
        this(pair, direction, group, sourceReachable, purpose, List.of());
    }

    /** The application of {@code app}. */
    public static GroupMoveRequest of(PairConfig slim, Direction direction, ConsumerApps.ConsumerApp app,
                                      boolean sourceReachable, MovePurpose purpose) {
        return new GroupMoveRequest(slim, direction, app.lead(), sourceReachable, purpose, app.sharing());
    }

    /** The application: the group first, then the ones that share its binding. */
    public ConsumerApps.ConsumerApp app() {
        return new ConsumerApps.ConsumerApp(group, sharing);
    }
}
