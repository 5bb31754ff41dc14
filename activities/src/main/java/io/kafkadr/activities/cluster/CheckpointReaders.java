package io.kafkadr.activities.cluster;

import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.activities.kafka.ReadStall;
import io.kafkadr.workflows.cluster.GroupOffsets;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.Checkpoint;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

/**
 * The latest MM2 checkpoints of consumer groups, read incrementally: one reader per target cluster
 * and checkpoints topic, shared by the worker's activities. Each request reads only the records
 * appended since the last read, up to the end offsets listed after the request arrived, so it is
 * as fresh as a full read of the topic started at that moment. Concurrent requests share the
 * reads: a request that waited while another read ran, listed after it arrived, takes that answer;
 * one that waited for a read that failed fails with it.
 */
public class CheckpointReaders {


    private final KafkaAdmins admins;
    private final Map<String, Reader> readers = new ConcurrentHashMap<>();

    public CheckpointReaders(KafkaAdmins admins) {
        this.admins = admins;
    }

    /** The topic MM2's checkpoint connector of {@code direction} writes on the target. */
    public static String topic(Direction direction) {
        return direction.source() + ".checkpoints.internal";
    }

    /**
     * The latest checkpoint per partition of each of {@code groups} (sorted by topic and partition,
     * empty for a group without any), as a full read of {@code topic} on {@code target} would give;
     * {@code existing}: the topics of {@code target} as the caller listed them.
     */
    public List<GroupOffsets> latest(ClusterConfig target, String topic, Set<String> existing, List<String> groups) {
        Reader reader = readers.computeIfAbsent(target.alias() + "@" + target.bootstrapServers() + "/"
                + target.securityOrPlaintext() + "#" + topic, k -> new Reader(target, topic));
        Map<String, Map<TopicPartition, Long>> latest = reader.latest(existing.contains(topic), groups, System.nanoTime());
        List<GroupOffsets> result = new ArrayList<>();
        for (String g : groups) {
            result.add(new GroupOffsets(g, latest.getOrDefault(g, Map.of()).entrySet().stream()
                    .map(e -> new PartitionOffset(e.getKey().topic(), e.getKey().partition(), e.getValue()))
                    .sorted(Comparator.comparing(PartitionOffset::topic).thenComparing(PartitionOffset::partition))
                    .toList()));
        }
        return result;
    }

    /** The fold of one checkpoints topic and the reads that keep it current, one at a time. */
    private final class Reader {
        private final ClusterConfig target;
        private final String topic;
        private final CheckpointFold fold = new CheckpointFold();
        private String topicId;
        /** When the last complete read began (before it listed anything); none yet while {@code topicId} is null. */
        private long lastReadBegan;
        /** The last read's failure, and when it failed: requests that waited for that read fail with it. */
        private RuntimeException failure;
        private long failedAt;

        Reader(ClusterConfig target, String topic) {
            this.target = target;
            this.topic = topic;
        }

        synchronized Map<String, Map<TopicPartition, Long>> latest(boolean exists, List<String> groups, long arrived) {
            if (!exists) {
                fold.clear();
                topicId = null;
            } else if (topicId == null || lastReadBegan - arrived < 0) {
                if (failure != null && failedAt - arrived >= 0) {
                    // it waited for that read: it fails as its own read would have, now, not one read later
                    throw failure;
                }
                try {
                    read();
                    failure = null;
                } catch (RuntimeException e) {
                    failure = e;
                    failedAt = System.nanoTime();
                    throw e;
                }
            }
            Map<String, Map<TopicPartition, Long>> result = new HashMap<>();
            for (String g : groups) {
                Map<TopicPartition, Long> offsets = fold.of(g);
                if (!offsets.isEmpty()) {
                    result.put(g, offsets);
                }
            }
            return result;
        }

        private void read() {
            long began = System.nanoTime();
            Admin admin = admins.admin(target);
            TopicDescription described = await(admin.describeTopics(List.of(topic)).allTopicNames(), target,
                    "describing " + topic).get(topic);
            String id = described.topicId().toString();
            if (!id.equals(topicId)) {
                fold.clear();
                topicId = null;
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
            described.partitions().forEach(p -> {
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                latestSpec.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            });
            Map<Integer, Long> start = new HashMap<>();
            Map<Integer, Long> end = new HashMap<>();
            await(admin.listOffsets(earliest).all(), target, "listing start offsets of " + topic)
                    .forEach((tp, info) -> start.put(tp.partition(), info.offset()));
            await(admin.listOffsets(latestSpec).all(), target, "listing end offsets of " + topic)
                    .forEach((tp, info) -> end.put(tp.partition(), info.offset()));
            Map<Integer, Long> from = fold.toRead(start, end);
            topicId = id;
            if (!from.isEmpty()) {
                readRecords(from, end);
            }
            lastReadBegan = began;
        }

        /**
         * Adds the records from {@code from} up to {@code end}, under {@link ReadStall}'s policy: a
         * read that stops making progress fails, never a short answer; what was read by then is
         * kept, the next read goes on from there.
         */
        private void readRecords(Map<Integer, Long> from, Map<Integer, Long> end) {
            Map<TopicPartition, RangeReader.Range> ranges = new HashMap<>();
            from.forEach((p, offset) -> ranges.put(new TopicPartition(topic, p), new RangeReader.Range(offset, end.get(p))));
            try (RangeReader reader = new RangeReader(admins.configs().readerFromEarliest(target), target.alias(),
                    progress -> Activity.getExecutionContext().heartbeat(progress), System::nanoTime)) {
                reader.readAll("reading checkpoints in " + topic, ranges, r -> {
                    Checkpoint c = Checkpoint.deserializeRecord(r);
                    fold.add(r.partition(), r.offset(), c.consumerGroupId(), c.topicPartition(), c.downstreamOffset());
                    fold.readUpTo(r.partition(), r.offset() + 1);
                });
            }
            from.keySet().forEach(p -> fold.readUpTo(p, end.get(p)));
        }
    }
}
