package io.kafkadr.activities.cluster;

import io.kafkadr.activities.kafka.CommittedRecords;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.ListedOffsets;
import io.kafkadr.activities.kafka.TopicReader;
import io.kafkadr.activities.provenance.CopyLocator;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.GroupOffsets;
import io.kafkadr.workflows.cluster.MirrorState;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.connect.mirror.Heartbeat;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

public class ClusterActivitiesImpl implements ClusterActivities {

    private static final String HEARTBEATS = "heartbeats";
    /** Bounded: an unplanned failover must not wait long to learn the primary is gone. */
    static final int REACHABILITY_TIMEOUT_MS = 8_000;

    private final KafkaAdmins admins;
    private final TopicReader reader;
    private final CommittedRecords committedRecords;

    private final CheckpointReaders checkpoints;

    public ClusterActivitiesImpl(KafkaAdmins admins, TopicReader reader) {
        this(admins, reader, new CheckpointReaders(admins));
    }

    /** {@code checkpoints}: the worker's incremental readers of MM2's checkpoints topics. */
    public ClusterActivitiesImpl(KafkaAdmins admins, TopicReader reader, CheckpointReaders checkpoints) {
        this.admins = admins;
        this.reader = reader;
        this.checkpoints = checkpoints;
        this.committedRecords = new CommittedRecords(admins.configs());
    }

    @Override
    public List<PartitionOffset> committedRecords(PairConfig pair, String alias, List<PartitionOffsets> ranges) {
        Map<TopicPartition, CommittedRecords.Range> wanted = new HashMap<>();
        ranges.forEach(r -> wanted.put(new TopicPartition(r.topic(), r.partition()),
                new CommittedRecords.Range(r.startOffset(), r.endOffset())));
        Map<TopicPartition, Long> counts = committedRecords.count(pair.cluster(alias), wanted);
        return ranges.stream().map(r -> new PartitionOffset(r.topic(), r.partition(),
                counts.get(new TopicPartition(r.topic(), r.partition())))).toList();
    }

    @Override
    public List<PartitionOffset> copiedByOrigin(PairConfig pair, Direction direction, List<PartitionOffsets> partitions) {
        ClusterConfig target = pair.cluster(direction.target());
        Admin admin = admins.admin(target);
        Set<String> existing = await(admin.listTopics().names(), target, "listing topics");
        Map<TopicPartition, PartitionOffsets> onTarget = new HashMap<>();
        for (PartitionOffsets p : partitions) {
            String remote = pair.replication().remoteTopic(direction.source(), p.topic());
            if (existing.contains(remote)) {
                onTarget.put(new TopicPartition(remote, p.partition()), p);
            }
        }
        Map<TopicPartition, Long> starts = ListedOffsets.of(admin, target, onTarget.keySet(), OffsetSpec.earliest(),
                "listing start offsets");
        Map<TopicPartition, Long> ends = ListedOffsets.of(admin, target, onTarget.keySet(), OffsetSpec.latest(),
                "listing end offsets");
        Map<PartitionOffsets, Long> copied = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = admins.configs().reader(target)) {
            onTarget.forEach((tp, p) -> {
                if (starts.get(tp) == null) {
                    return; // a partition the target does not have (the source grew, MM2 had not followed)
                }
                // no topic id: the source may be gone; the newest copy's incarnation counts
                CopyLocator.Source origin = new CopyLocator.Source(direction.source(), p.topic(), null, p.partition());
                try (CopyLocator copies = new CopyLocator(consumer, target, tp, origin, starts.get(tp), ends.get(tp))) {
                    copies.lastUpstream().ifPresent(u -> copied.put(p, u));
                }
            });
        }
        return partitions.stream().map(p -> new PartitionOffset(p.topic(), p.partition(), copied.getOrDefault(p, -1L)))
                .toList();
    }

    @Override
    public List<String> matchTopics(PairConfig pair, String alias) {
        ClusterConfig cluster = pair.cluster(alias);
        Set<String> existing = await(admins.admin(cluster).listTopics().names(), cluster, "listing topics");
        List<String> missing = TopicSelector.missing(pair.topics(), existing);
        if (!missing.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("topics " + missing + " listed in pair '" + pair.name()
                    + "' do not exist on '" + alias + "': create them or remove them from the pair's topics",
                    ActivityFailures.BAD_INPUT);
        }
        return TopicSelector.select(pair.topics(), existing);
    }

    @Override
    public ClusterSnapshot snapshot(PairConfig pair, String alias, List<String> topics, List<String> groups) {
        ClusterConfig cluster = pair.cluster(alias);
        Admin admin = admins.admin(cluster);
        int brokers = await(admin.describeCluster().nodes(), cluster, "describing the cluster").size();
        Set<String> existing = await(admin.listTopics().names(), cluster, "listing topics");
        List<String> present = topics.stream().filter(existing::contains).toList();
        Map<String, TopicDescription> described = present.isEmpty() ? Map.of()
                : await(admin.describeTopics(present).allTopicNames(), cluster, "describing topics");
        Map<String, Map<String, String>> configs = explicitConfigs(admin, cluster, present);

        List<TopicInfo> infos = topics.stream().map(t -> described.containsKey(t)
                ? new TopicInfo(t, true, described.get(t).partitions().size(), configs.getOrDefault(t, Map.of()))
                : TopicInfo.missing(t)).toList();
        List<PartitionOffsets> offsets = offsets(admin, cluster, described.values());
        List<GroupOffsets> groupOffsets = groups.stream()
                .map(g -> new GroupOffsets(g, committed(admin, cluster, g, Set.copyOf(topics)))).toList();
        return new ClusterSnapshot(alias, brokers, infos, offsets, groupOffsets, System.currentTimeMillis());
    }

    private static Map<String, Map<String, String>> explicitConfigs(Admin admin, ClusterConfig cluster,
                                                                    List<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<String, Map<String, String>> result = new HashMap<>();
        await(admin.describeConfigs(resources).all(), cluster, "describing topic configs").forEach((r, config) ->
                result.put(r.name(), config.entries().stream()
                        .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && e.value() != null)
                        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value))));
        return result;
    }

    private static List<PartitionOffsets> offsets(Admin admin, ClusterConfig cluster,
                                                  Iterable<TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription t : topics) {
            t.partitions().forEach(p -> {
                earliest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest());
            });
        }
        if (earliest.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start =
                await(admin.listOffsets(earliest).all(), cluster, "listing start offsets");
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                await(admin.listOffsets(latest).all(), cluster, "listing end offsets");
        return start.keySet().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
                .map(tp -> new PartitionOffsets(tp.topic(), tp.partition(), start.get(tp).offset(), end.get(tp).offset()))
                .toList();
    }

    private static List<PartitionOffset> committed(Admin admin, ClusterConfig cluster, String group, Set<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), cluster,
                "reading offsets of group " + group);
        return sorted(offsets.entrySet().stream()
                .filter(e -> e.getValue() != null && topics.contains(e.getKey().topic()))
                .map(e -> new PartitionOffset(e.getKey().topic(), e.getKey().partition(), e.getValue().offset())));
    }

    @Override
    public boolean reachable(PairConfig pair, String alias) {
        ClusterConfig cluster = pair.cluster(alias);
        try {
            admins.admin(cluster).describeCluster(new org.apache.kafka.clients.admin.DescribeClusterOptions()
                    .timeoutMs(REACHABILITY_TIMEOUT_MS)).nodes().get();
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public MirrorState mirrorState(PairConfig pair, Direction direction, List<String> groups) {
        ClusterConfig target = pair.cluster(direction.target());
        Set<String> existing = await(admins.admin(target).listTopics().names(), target, "listing topics");
        long lastHeartbeat = existing.contains(HEARTBEATS) ? lastHeartbeat(target, direction) : -1;
        long age = lastHeartbeat < 0 ? -1 : Math.max(0, System.currentTimeMillis() - lastHeartbeat);
        return new MirrorState(lastHeartbeat, age,
                checkpoints.latest(target, CheckpointReaders.topic(direction), existing, groups));
    }

    private long lastHeartbeat(ClusterConfig target, Direction direction) {
        long newest = -1;
        for (ConsumerRecord<byte[], byte[]> r : reader.tail(target, HEARTBEATS, 50)) {
            Heartbeat h = Heartbeat.deserializeRecord(r);
            if (direction.source().equals(h.sourceClusterAlias()) && direction.target().equals(h.targetClusterAlias())) {
                newest = Math.max(newest, h.timestamp());
            }
        }
        return newest;
    }

    private static List<PartitionOffset> sorted(java.util.stream.Stream<PartitionOffset> offsets) {
        return offsets.sorted(Comparator.comparing(PartitionOffset::topic).thenComparing(PartitionOffset::partition))
                .toList();
    }
}
