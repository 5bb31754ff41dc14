package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import java.util.List;

/** End offsets of the active cluster's mirrored partitions, seen at one moment. */
public record Observation(List<PartitionOffsets> source, long observedAtMillis) {
}
