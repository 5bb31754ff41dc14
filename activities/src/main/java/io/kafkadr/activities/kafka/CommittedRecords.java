package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the records in offset ranges as {@code read_committed} consumers see them: transaction
 * markers and aborted records take offsets but are no records, so "the source's end offset is
 * one past what MM2 copied" never means a record is missing when the last offset is a marker.
 */
public class CommittedRecords {

    /** An offset range {@code [from, until)} of a partition. */
    public record Range(long from, long until) {
    }

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALL = Duration.ofSeconds(5);

    private final KafkaClientConfigs configs;

    public CommittedRecords(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /** Records in each range; ranges that are empty or inverted count 0. */
    public Map<TopicPartition, Long> count(ClusterConfig cluster, Map<TopicPartition, Range> ranges) {
        Map<TopicPartition, Long> counts = new HashMap<>();
        Map<TopicPartition, Range> open = new HashMap<>();
        ranges.forEach((tp, r) -> {
            counts.put(tp, 0L);
            if (r.from() < r.until()) {
                open.put(tp, r);
            }
        });
        if (open.isEmpty()) {
            return counts;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = configs.committedReader(cluster)) {
            consumer.assign(open.keySet());
            open.forEach((tp, r) -> consumer.seek(tp, r.from()));
            long stalledSince = System.nanoTime();
            while (open.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue().until())) {
                var records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Range range = open.get(tp);
                    if (range != null && r.offset() < range.until()) {
                        counts.merge(tp, 1L, Long::sum);
                    }
                }
                open.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue().until());
                if (!open.isEmpty()) {
                    consumer.pause(consumer.assignment().stream().filter(tp -> !open.containsKey(tp)).toList());
                }
                if (!records.isEmpty()) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > STALL.toNanos()) {
                    // an open transaction holds read_committed consumers back: its records count as not yet copied
                    open.forEach((tp, r) -> counts.merge(tp, Math.max(1, r.until() - consumer.position(tp)), Long::sum));
                    return counts;
                }
                Activity.getExecutionContext().heartbeat("counting committed records of " + cluster.alias() + ": "
                        + open.size() + " partitions left");
            }
            return counts;
        } catch (org.apache.kafka.common.KafkaException e) {
            throw ApplicationFailure.newFailure("reading " + ranges.keySet() + " of '" + cluster.alias() + "': "
                    + e.getMessage(), ActivityFailures.NOT_READY);
        }
    }
}
