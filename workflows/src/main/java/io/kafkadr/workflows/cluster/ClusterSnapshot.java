package io.kafkadr.workflows.cluster;

import java.util.List;

/** What one cluster holds at one moment: topics, partition offsets and group offsets. */
public record ClusterSnapshot(
        String alias,
        int brokerCount,
        List<TopicInfo> topics,
        List<PartitionOffsets> partitions,
        List<GroupOffsets> groups,
        long takenAtMillis) {
}
