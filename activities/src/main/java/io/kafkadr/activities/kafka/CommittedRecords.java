package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the records in offset ranges as {@code read_committed} consumers see them: transaction
 * markers and aborted records take offsets but are no records, so "the source's end offset is
 * one past what MM2 copied" never means a record is missing when the last offset is a marker.
 * Offsets at or past a partition's last stable offset (an open transaction) cannot be read yet:
 * each such range counts at least one record there, never zero.
 */
public class CommittedRecords {

    /** An offset range {@code [from, until)} of a partition. */
    public record Range(long from, long until) {
    }

    private final KafkaClientConfigs configs;

    public CommittedRecords(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /** Records in each range; ranges that are empty or inverted count 0. */
    public Map<TopicPartition, Long> count(ClusterConfig cluster, Map<TopicPartition, Range> ranges) {
        Map<TopicPartition, Long> counts = new HashMap<>();
        ranges.keySet().forEach(tp -> counts.put(tp, 0L));
        Map<TopicPartition, Range> open = new HashMap<>();
        ranges.forEach((tp, r) -> {
            if (r.from() < r.until()) {
                open.put(tp, r);
            }
        });
        if (open.isEmpty()) {
            return counts;
        }
        try (RangeReader reader = RangeReader.committed(configs, cluster)) {
            // a read_committed consumer's end offsets are the last stable offsets
            Map<TopicPartition, Long> stable = reader.consumer().endOffsets(open.keySet());
            Map<TopicPartition, RangeReader.Range> readable = new HashMap<>();
            open.forEach((tp, r) -> {
                long lso = stable.getOrDefault(tp, r.from());
                if (lso < r.until()) {
                    counts.merge(tp, Math.max(1, r.until() - Math.max(lso, r.from())), Long::sum);
                }
                readable.put(tp, new RangeReader.Range(r.from(), Math.min(r.until(), lso)));
            });
            reader.readAll("counting committed records of " + cluster.alias(), readable,
                    r -> counts.merge(new TopicPartition(r.topic(), r.partition()), 1L, Long::sum));
            return counts;
        } catch (KafkaException e) {
            throw ApplicationFailure.newFailure("reading " + ranges.keySet() + " of '" + cluster.alias() + "': "
                    + e.getMessage(), ActivityFailures.NOT_READY);
        }
    }
}
