package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.pair.ClusterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads the last records of a topic without a consumer group (nothing is committed). */
public class TopicReader {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final KafkaClientConfigs configs;

    public TopicReader(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /** Up to {@code maxPerPartition} records from the end of every partition of {@code topic}. */
    public List<ConsumerRecord<byte[], byte[]>> tail(ClusterConfig cluster, String topic, long maxPerPartition) {
        try (KafkaConsumer<byte[], byte[]> consumer = configs.reader(cluster)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long remaining = 0;
            for (TopicPartition tp : partitions) {
                long from = Math.max(start.get(tp), end.get(tp) - maxPerPartition);
                consumer.seek(tp, from);
                remaining += end.get(tp) - from;
            }
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (remaining > 0 && atEnd(consumer, end) == false && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    records.add(r);
                }
            }
            return records;
        }
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
