package io.kafkadr.operations;

import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.drpair.PairState;

/**
 * A pair as its entity workflow knows it, with the progress of the operation in flight.
 *
 * @param state    the entity's state, or null when no operation ran on the pair yet
 * @param progress the step of the operation in flight (its convergence's, while it converges), or null
 */
public record PairStatus(String pair, PairState state, Progress progress) {
}
