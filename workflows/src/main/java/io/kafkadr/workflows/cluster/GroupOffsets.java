package io.kafkadr.workflows.cluster;

import java.util.List;

/** Committed offsets of a consumer group on one cluster. */
public record GroupOffsets(String group, List<PartitionOffset> offsets) {
}
