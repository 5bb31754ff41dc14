package io.kafkadr.activities.connect;

import io.kafkadr.activities.cluster.TopicSelector;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * MirrorSourceConnector's source offsets as Connect stores them (KIP-875): partition
 * {@code {cluster, topic, partition}}, offset {@code {offset}} = the last record copied.
 */
public class SourceOffsets {

    private final KafkaAdmins admins;

    public SourceOffsets(KafkaAdmins admins) {
        this.admins = admins;
    }

    /** Offsets that make MM2 copy only what the source gets from now on. */
    List<Map<String, Object>> atEnd(PairConfig pair, Direction direction) {
        ClusterConfig source = pair.cluster(direction.source());
        Admin admin = admins.admin(source);
        List<String> topics = TopicSelector.selectOn(admin, source, pair.topics());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        KafkaFailures.await(admin.describeTopics(topics).allTopicNames(), source, "describing topics").values()
                .forEach(t -> t.partitions().forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        List<Map<String, Object>> offsets = new ArrayList<>();
        if (latest.isEmpty()) {
            return offsets;
        }
        KafkaFailures.await(admin.listOffsets(latest).all(), source, "listing end offsets").forEach((tp, info) -> {
            if (info.offset() > 0) {
                offsets.add(entry(direction, tp.topic(), tp.partition(), info.offset()));
            }
        });
        return offsets;
    }

    /** Connect's form of "the next record to copy is {@code next}" for each partition (empty ones left out). */
    static List<Map<String, Object>> at(Direction direction, List<io.kafkadr.workflows.cluster.PartitionOffset> next) {
        return next.stream().filter(p -> p.offset() > 0).map(p -> entry(direction, p.topic(), p.partition(), p.offset()))
                .toList();
    }

    private static Map<String, Object> entry(Direction direction, String topic, int partition, long next) {
        return Map.of("partition", Map.of("cluster", direction.source(), "topic", topic, "partition", partition),
                "offset", Map.of("offset", next - 1));
    }
}
