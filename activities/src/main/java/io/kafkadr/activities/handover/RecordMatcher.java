package io.kafkadr.activities.handover;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Finds a record of one cluster on the other by its content (key, value, timestamp, headers),
 * which MM2 copies unchanged while offsets differ.
 */
class RecordMatcher {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private final KafkaClientConfigs configs;

    RecordMatcher(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /** The record at {@code offset}, if it still exists. */
    Optional<ConsumerRecord<byte[], byte[]>> readAt(ClusterConfig cluster, TopicPartition tp, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    return r.offset() == offset ? Optional.of(r) : Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Offset of the last record in {@code [from, until)} equal to {@code wanted}, or -1. The last,
     * not the first: MM2's at-least-once re-sends can put a copy of a range twice, and the
     * consumer has seen the record once, so it resumes after the last copy.
     */
    long lastMatch(ClusterConfig cluster, TopicPartition tp, long from, long until, ConsumerRecord<byte[], byte[]> wanted) {
        long found = -1;
        if (from >= until) {
            return found;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (consumer.position(tp) < until && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < until && same(r, wanted)) {
                        found = r.offset();
                    }
                }
                Activity.getExecutionContext().heartbeat("scanning " + tp + " of " + cluster.alias() + " at "
                        + consumer.position(tp) + " of " + until);
            }
            return found;
        }
    }

    static boolean same(ConsumerRecord<byte[], byte[]> a, ConsumerRecord<byte[], byte[]> b) {
        return a.timestamp() == b.timestamp() && Arrays.equals(a.key(), b.key()) && Arrays.equals(a.value(), b.value())
                && sameHeaders(a.headers().iterator(), b.headers().iterator());
    }

    private static boolean sameHeaders(Iterator<Header> a, Iterator<Header> b) {
        while (a.hasNext() && b.hasNext()) {
            Header x = a.next();
            Header y = b.next();
            if (!x.key().equals(y.key()) || !Arrays.equals(x.value(), y.value())) {
                return false;
            }
        }
        return !a.hasNext() && !b.hasNext();
    }

    private KafkaConsumer<byte[], byte[]> consumer(ClusterConfig cluster) {
        return configs.reader(cluster);
    }
}
