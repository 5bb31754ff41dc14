package io.kafkadr.activities.cluster;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The latest MM2 checkpoint per group and partition, folded from the records of a checkpoints
 * topic read so far, and where reading each of its partitions goes on: the state that lets a
 * reader read only what was appended since its last read, kept apart from Kafka so it can be
 * tested alone. Not thread-safe: its reader serialises access.
 *
 * <p>It answers what a full read of the topic from its log start to the same end would: for each
 * group and partition, the last checkpoint whose record still exists. A checkpoint whose record lies
 * below the log start (deleted by retention) is forgotten; compaction only removes a record whose
 * key (group, topic, partition) has a later one, which the fold holds.
 */
final class CheckpointFold {

    /** One checkpoint and where its record lies in the checkpoints topic. */
    private record Entry(int partition, long offset, long downstream) {
    }

    private final Map<String, Map<TopicPartition, Entry>> latest = new HashMap<>();
    /** Per partition of the checkpoints topic: the next offset to read. */
    private final Map<Integer, Long> next = new HashMap<>();

    /**
     * Where to read each partition of the checkpoints topic from, given its current log start and
     * end offsets; only partitions with something new are listed. Forgets checkpoints whose records
     * no longer exist (below the log start) and, for a partition whose end is below what was read
     * (truncated), everything read from it: it is read again from its log start.
     */
    Map<Integer, Long> toRead(Map<Integer, Long> start, Map<Integer, Long> end) {
        for (Map.Entry<Integer, Long> read : Map.copyOf(next).entrySet()) {
            Long partitionEnd = end.get(read.getKey());
            if (partitionEnd == null || read.getValue() > partitionEnd) {
                forgetPartition(read.getKey());
            }
        }
        latest.values().forEach(byPartition -> byPartition.values()
                .removeIf(e -> e.offset() < start.getOrDefault(e.partition(), Long.MAX_VALUE)));
        latest.values().removeIf(Map::isEmpty);
        Map<Integer, Long> from = new HashMap<>();
        end.forEach((partition, partitionEnd) -> {
            long at = Math.max(next.getOrDefault(partition, 0L), start.getOrDefault(partition, 0L));
            if (at < partitionEnd) {
                from.put(partition, at);
            }
        });
        return from;
    }

    /** A checkpoint read at {@code offset} of {@code partition} of the checkpoints topic; later reads replace earlier ones. */
    void add(int partition, long offset, String group, TopicPartition tp, long downstream) {
        latest.computeIfAbsent(group, g -> new HashMap<>()).put(tp, new Entry(partition, offset, downstream));
    }

    /** Everything of {@code partition} below {@code position} has been added. */
    void readUpTo(int partition, long position) {
        next.merge(partition, position, Math::max);
    }

    /** The latest checkpoints of {@code group}: downstream offset per partition. */
    Map<TopicPartition, Long> of(String group) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        latest.getOrDefault(group, Map.of()).forEach((tp, e) -> offsets.put(tp, e.downstream()));
        return offsets;
    }

    /** Forgets everything (the topic was deleted or recreated). */
    void clear() {
        latest.clear();
        next.clear();
    }

    private void forgetPartition(int partition) {
        next.remove(partition);
        latest.values().forEach(byPartition -> byPartition.values().removeIf(e -> e.partition() == partition));
        latest.values().removeIf(Map::isEmpty);
    }
}
