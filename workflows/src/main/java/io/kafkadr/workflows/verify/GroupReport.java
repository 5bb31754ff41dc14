package io.kafkadr.workflows.verify;

import io.kafkadr.workflows.cluster.PartitionOffset;
import java.util.List;

/**
 * Offsets of one consumer group across the direction.
 *
 * @param sourceCommitted offsets the group committed on the source
 * @param translated      MM2's checkpoints: the source offsets translated to the target
 * @param targetCommitted offsets MM2 synced into the group on the target
 */
public record GroupReport(
        String group,
        List<PartitionOffset> sourceCommitted,
        List<PartitionOffset> translated,
        List<PartitionOffset> targetCommitted) {
}
