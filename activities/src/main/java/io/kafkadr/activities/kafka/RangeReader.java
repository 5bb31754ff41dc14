package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The one range reader of kafka-dr's scans: reads offset ranges {@code [from, until)} of
 * partitions without a consumer group, in offset order, and returns only once every range is
 * read to its end. A read that stops making progress is an error under {@link ReadStall}'s one
 * policy (partition and offsets named), never a short answer. A {@code read_committed} reader
 * ({@link #committed}) sees what consumers of committed data and MM2 see: transaction markers
 * and aborted records take offsets but are no records. One consumer serves all the reads of a
 * reader; close it after the activity call that made it.
 */
public final class RangeReader implements AutoCloseable {

    /** An offset range {@code [from, until)}. */
    public record Range(long from, long until) {
        public boolean isEmpty() {
            return from >= until;
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final String cluster;
    private final Consumer<String> heartbeat;
    private final LongSupplier nanoTime;

    /** {@code heartbeat}: where progress goes; {@code nanoTime}: the clock of the stall policy. */
    public RangeReader(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, String cluster, Consumer<String> heartbeat,
                       LongSupplier nanoTime) {
        this.consumer = consumer;
        this.cluster = cluster;
        this.heartbeat = heartbeat;
        this.nanoTime = nanoTime;
    }

    /** A {@code read_committed} reader of {@code cluster}, heartbeating to the current activity. */
    public static RangeReader committed(KafkaClientConfigs configs, ClusterConfig cluster) {
        return new RangeReader(configs.committedReader(cluster), cluster.alias(), activityHeartbeat(), System::nanoTime);
    }

    /** A {@code read_uncommitted} reader of {@code cluster} (every record, open transactions too). */
    public static RangeReader uncommitted(KafkaClientConfigs configs, ClusterConfig cluster) {
        return new RangeReader(configs.reader(cluster), cluster.alias(), activityHeartbeat(), System::nanoTime);
    }

    private static Consumer<String> activityHeartbeat() {
        return progress -> Activity.getExecutionContext().heartbeat(progress);
    }

    /** The consumer, for the offset lookups of its caller (end and beginning offsets). */
    public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer() {
        return consumer;
    }

    /**
     * Hands each record in {@code [from, until)} of {@code tp} to {@code each}, in offset order,
     * until {@code each} returns false (the caller has what it needs) or the range is read.
     * {@code what}: the scan, for progress and errors.
     */
    public void read(String what, TopicPartition tp, long from, long until,
                     Predicate<ConsumerRecord<byte[], byte[]>> each) {
        if (from >= until) {
            return;
        }
        try {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            ReadStall stall = new ReadStall(what, cluster, nanoTime, heartbeat);
            while (consumer.position(tp) < until) {
                List<ConsumerRecord<byte[], byte[]>> batch = consumer.poll(POLL).records(tp);
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (r.offset() >= until || !each.test(r)) {
                        return;
                    }
                }
                stall.polled(!batch.isEmpty(), tp, consumer.position(tp), until);
            }
        } catch (KafkaException e) {
            throw failed(what, List.of(tp), e);
        }
    }

    /** The records in {@code [from, until)} of {@code tp}, in offset order. */
    public List<ConsumerRecord<byte[], byte[]>> records(String what, TopicPartition tp, long from, long until) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        read(what, tp, from, until, records::add);
        return records;
    }

    /**
     * Hands each record of every range in {@code ranges} to {@code each} (in offset order per
     * partition), reading all partitions at once; returns once every range is read.
     */
    public void readAll(String what, Map<TopicPartition, Range> ranges, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Range> open = new HashMap<>();
        ranges.forEach((tp, r) -> {
            if (!r.isEmpty()) {
                open.put(tp, r);
            }
        });
        if (open.isEmpty()) {
            return;
        }
        try {
            consumer.assign(open.keySet());
            open.forEach((tp, r) -> consumer.seek(tp, r.from()));
            // a partition an earlier read of this consumer paused stays paused through assign
            consumer.resume(open.keySet());
            ReadStall stall = new ReadStall(what, cluster, nanoTime, heartbeat);
            while (!open.isEmpty()) {
                var batch = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Range range = open.get(tp);
                    if (range != null && r.offset() < range.until()) {
                        each.accept(r);
                    }
                }
                open.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue().until());
                consumer.pause(consumer.assignment().stream().filter(tp -> !open.containsKey(tp)).toList());
                if (!open.isEmpty()) {
                    TopicPartition furthest = open.keySet().stream().max(Comparator.comparingLong(
                            tp -> open.get(tp).until() - consumer.position(tp))).orElseThrow();
                    stall.polled(!batch.isEmpty(), furthest, consumer.position(furthest), open.get(furthest).until());
                }
            }
        } catch (KafkaException e) {
            throw failed(what, open.keySet(), e);
        }
    }

    private ApplicationFailure failed(String what, java.util.Collection<TopicPartition> tps, KafkaException e) {
        return ApplicationFailure.newFailure(what + ": reading " + tps + " of '" + cluster + "' failed: " + e.getMessage()
                + "; retried", ActivityFailures.NOT_READY);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
