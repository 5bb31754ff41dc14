package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;

/** Replication set up in {@code direction}; the pair entity starts watching its source. */
public record ReplicationRecord(PairConfig pair, Direction direction) {
}
