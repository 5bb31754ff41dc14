package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.GroupOffsets;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.cluster.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link ClusterSnapshot}s readably:
 * {@code snapshot("secondary").brokers(3).topic("orders", 1).partition("orders", 0, 0, 100).build()}.
 */
public final class Snapshots {

    /** Fixed clock of every snapshot; the checks never look at it. */
    public static final long TAKEN_AT = 1_700_000_000_000L;

    private final String alias;
    private int brokers = 1;
    private final List<TopicInfo> topics = new ArrayList<>();
    private final List<PartitionOffsets> partitions = new ArrayList<>();
    private final List<GroupOffsets> groups = new ArrayList<>();

    private Snapshots(String alias) {
        this.alias = alias;
    }

    public static Snapshots snapshot(String alias) {
        return new Snapshots(alias);
    }

    public static PartitionOffset offset(String topic, int partition, long offset) {
        return new PartitionOffset(topic, partition, offset);
    }

    public Snapshots brokers(int count) {
        brokers = count;
        return this;
    }

    public Snapshots topic(String name, int partitionCount) {
        return topic(name, partitionCount, Map.of());
    }

    public Snapshots topic(String name, int partitionCount, Map<String, String> explicitConfigs) {
        topics.add(new TopicInfo(name, true, partitionCount, explicitConfigs));
        return this;
    }

    public Snapshots missingTopic(String name) {
        topics.add(TopicInfo.missing(name));
        return this;
    }

    public Snapshots partition(String topic, int partition, long startOffset, long endOffset) {
        partitions.add(new PartitionOffsets(topic, partition, startOffset, endOffset));
        return this;
    }

    public Snapshots group(String group, PartitionOffset... committed) {
        groups.add(new GroupOffsets(group, List.of(committed)));
        return this;
    }

    public ClusterSnapshot build() {
        return new ClusterSnapshot(alias, brokers, List.copyOf(topics), List.copyOf(partitions),
                List.copyOf(groups), TAKEN_AT);
    }
}
