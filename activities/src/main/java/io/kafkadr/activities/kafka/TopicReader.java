package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.pair.ClusterConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads the last records of a topic without a consumer group (nothing is committed). */
public class TopicReader {

    private final KafkaClientConfigs configs;

    public TopicReader(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /**
     * Up to {@code maxPerPartition} records from the end of every partition of {@code topic}, all
     * of them: a read that stalls is an error ({@link RangeReader}), never a short list.
     */
    public List<ConsumerRecord<byte[], byte[]>> tail(ClusterConfig cluster, String topic, long maxPerPartition) {
        try (RangeReader reader = RangeReader.uncommitted(configs, cluster)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : reader.consumer().partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            Map<TopicPartition, Long> start = reader.consumer().beginningOffsets(partitions);
            Map<TopicPartition, Long> end = reader.consumer().endOffsets(partitions);
            Map<TopicPartition, RangeReader.Range> ranges = new HashMap<>();
            for (TopicPartition tp : partitions) {
                ranges.put(tp, new RangeReader.Range(Math.max(start.get(tp), end.get(tp) - maxPerPartition), end.get(tp)));
            }
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            reader.readAll("reading the last records of " + topic, ranges, records::add);
            return records;
        }
    }
}
