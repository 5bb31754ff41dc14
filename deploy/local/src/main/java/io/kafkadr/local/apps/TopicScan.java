package io.kafkadr.local.apps;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Which records of a topic belong to aborted transactions, as the broker itself tells: the
 * data records a {@code read_uncommitted} reader gets that a {@code read_committed} reader does
 * not (transaction markers are never returned to either). Read to the last stable offset, so
 * a transaction still open is counted in neither.
 *
 * @param committed positions ({@code cluster:topic-partition@offset}) a read_committed reader gets
 * @param aborted   positions only a read_uncommitted reader gets
 */
public record TopicScan(Set<String> committed, Set<String> aborted) {

    public static TopicScan of(String cluster, String bootstrap, String topic) {
        Map<TopicPartition, Long> stable = readCommittedEnd(bootstrap, topic);
        Set<String> committed = read(cluster, bootstrap, topic, "read_committed", stable);
        Set<String> all = read(cluster, bootstrap, topic, "read_uncommitted", stable);
        Set<String> aborted = new HashSet<>(all);
        aborted.removeAll(committed);
        return new TopicScan(committed, aborted);
    }

    private static Set<String> read(String cluster, String bootstrap, String topic, String isolation,
                                    Map<TopicPartition, Long> end) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Set<String> positions = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(end.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " on " + cluster + " took over 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        positions.add(cluster + ":" + topic + "-" + r.partition() + "@" + r.offset());
                    }
                }
            }
        }
        return positions;
    }

    /** The last stable offsets: both passes read up to them, so both see the same range. */
    private static Map<TopicPartition, Long> readCommittedEnd(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(15)));
        }
    }
}
