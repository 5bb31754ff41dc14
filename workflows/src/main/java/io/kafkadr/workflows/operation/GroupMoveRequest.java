package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.WorkflowInput;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * Input of {@link GroupMoveWorkflow}: one consumer group of an operation.
 *
 * @param pair            the pair without its client lists ({@link PairConfig#withoutClients()})
 * @param direction       from where to where the group moves
 * @param group           the group and its binding
 * @param sourceReachable whether the source answers (an unplanned failover may have lost it)
 * @param purpose         failover or failback (what the operator may decide)
 */
@WorkflowInput
public record GroupMoveRequest(PairConfig pair, Direction direction, ConsumerGroupConfig group, boolean sourceReachable,
                               MovePurpose purpose) {
}
