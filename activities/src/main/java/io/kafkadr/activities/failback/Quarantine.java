package io.kafkadr.activities.failback;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.activities.kafka.RecordContent;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies records into a quarantine topic, unchanged (key, value, timestamp, headers) plus
 * where they came from: {@code dr.orphan.topic}, {@code dr.orphan.topic.id} (which incarnation of
 * the topic: a failback recreates it, and its offsets start again), {@code dr.orphan.partition},
 * {@code dr.orphan.offset}, {@code dr.orphan.timestamp}, and when it was quarantined
 * ({@code dr.orphan.at}, the worker's clock).
 * <p>Idempotent by origin: the writes to a quarantine partition are transactions of one
 * transactional id per quarantine partition, so a new attempt (a retry after a lost response or a
 * heartbeat timeout, while the earlier one may still run) fences the earlier one before it looks
 * at what is there; what earlier attempts committed is recognised by (topic id, offset) and not
 * copied twice, and what a fenced attempt left open is aborted, never seen. What the quarantine
 * holds is read from its tail back to the records quarantined before {@code since} (the failover
 * that left the incarnation behind: nothing of it can be older), not from offset 0. Every copy
 * is read back before it counts. Read the quarantine with {@code isolation.level=read_committed}.
 */
class Quarantine {

    static final String ORIGIN_TOPIC = "dr.orphan.topic";
    static final String ORIGIN_TOPIC_ID = "dr.orphan.topic.id";
    static final String ORIGIN_PARTITION = "dr.orphan.partition";
    static final String ORIGIN_OFFSET = "dr.orphan.offset";
    static final String ORIGIN_TIMESTAMP = "dr.orphan.timestamp";
    static final String QUARANTINED_AT = "dr.orphan.at";
    /** How far the clocks of workers and the Temporal server may differ: the tail is read this much further back. */
    static final Duration CLOCK_SKEW = Duration.ofHours(1);
    /** Records read at a time going back from the quarantine's end. */
    static final int TAIL_CHUNK = 10_000;
    /** Records per transaction; also bounded by {@link #TRANSACTION_BYTES}. */
    private static final int TRANSACTION_RECORDS = 1000;
    private static final long TRANSACTION_BYTES = 32L << 20;
    /** Room for the origin headers on top of the largest record the source topic accepts. */
    static final int HEADER_ROOM_BYTES = 1024;

    /** Prefix of the transactional ids of the quarantine's writers: {@code kafka-dr.quarantine.<topic>-<partition>}. */
    static final String TRANSACTIONAL_ID_PREFIX = "kafka-dr.quarantine.";

    /** One partition of one incarnation of a source topic. */
    record SourcePartition(String topic, String topicId, int partition) {
        /** Whether quarantine record {@code r} is a copy of a record of this partition (its quarantine partition is this partition's). */
        boolean holds(ConsumerRecord<byte[], byte[]> r) {
            return topicId.equals(text(r, ORIGIN_TOPIC_ID)) && topic.equals(text(r, ORIGIN_TOPIC))
                    && Integer.toString(partition).equals(text(r, ORIGIN_PARTITION));
        }
    }

    /** What the quarantine holds of a range: how many records, the first and last of their source offsets (-1: none). */
    record Held(long count, long firstOffset, long lastOffset) {
    }

    private final KafkaClientConfigs configs;
    private final LongSupplier clock;

    /** {@code clock}: wall-clock milliseconds, for {@link #QUARANTINED_AT}. */
    Quarantine(KafkaClientConfigs configs, LongSupplier clock) {
        this.configs = configs;
        this.clock = clock;
    }

    /**
     * Copies the records a {@code read_committed} consumer sees in {@code [from, until)} of the
     * source partition that {@code salvage} picks (those not already on the target), except those
     * an earlier attempt quarantined; returns what of that range the quarantine holds afterwards,
     * checked by reading it back. {@code since}: no record of this incarnation was quarantined
     * before (epoch ms; 0: unknown, the whole quarantine partition is read).
     */
    Held copy(ClusterConfig source, SourcePartition in, long from, long until,
              Predicate<ConsumerRecord<byte[], byte[]>> salvage, ClusterConfig target, String quarantineTopic,
              int maxRecordBytes, long since) {
        TopicPartition inTp = new TopicPartition(in.topic(), in.partition());
        TopicPartition out = new TopicPartition(quarantineTopic, in.partition());
        Set<Long> wanted = new HashSet<>();
        Set<Long> written = new HashSet<>();
        try (RangeReader quarantined = RangeReader.committed(configs, target);
             RangeReader sourceReader = RangeReader.committed(configs, source);
             KafkaProducer<byte[], byte[]> producer = producer(target, out, maxRecordBytes)) {
            // fences every earlier attempt on this quarantine partition and aborts what it left open
            producer.initTransactions();
            long endBefore = highWatermark(target, out);
            Set<Long> done = held(quarantined, out, in, endBefore, since);
            Transactions tx = new Transactions(producer, out);
            sourceReader.read("quarantining " + inTp, inTp, from, until, r -> {
                if (salvage.test(r)) {
                    wanted.add(r.offset());
                    if (!done.contains(r.offset())) {
                        tx.send(orphan(r, in, out, clock.getAsLong()), r);
                    }
                }
                return true;
            });
            tx.commit();
            // the commit markers reach the partition after commitTransaction returns: read up to the
            // last acknowledged copy, however long the last stable offset takes to pass it
            quarantined.read("reading back " + out, out, endBefore, Math.max(endBefore, tx.writtenUntil()), r -> {
                if (in.holds(r)) {
                    written.add(originOffset(r));
                }
                return true;
            });
            written.addAll(done);
        }
        Set<Long> missing = new HashSet<>(wanted);
        missing.removeAll(written);
        if (!missing.isEmpty()) {
            throw ApplicationFailure.newFailure(missing.size() + " records of " + inTp + " are not in " + quarantineTopic
                    + " after their copy was committed (e.g. offset " + missing.iterator().next() + "); nothing "
                    + "was deleted", ActivityFailures.NOT_READY);
        }
        return new Held(wanted.size(), wanted.stream().mapToLong(Long::longValue).min().orElse(-1),
                wanted.stream().mapToLong(Long::longValue).max().orElse(-1));
    }

    /**
     * How many records a {@code read_committed} consumer sees in {@code [from, until)} of the
     * source partition that are neither at offsets in {@code present} nor quarantined.
     */
    long missing(ClusterConfig source, SourcePartition in, long from, long until, Set<Long> present, ClusterConfig target,
                 String quarantineTopic, long since) {
        TopicPartition inTp = new TopicPartition(in.topic(), in.partition());
        TopicPartition out = new TopicPartition(quarantineTopic, in.partition());
        Set<Long> done;
        try (RangeReader quarantined = RangeReader.committed(configs, target)) {
            done = held(quarantined, out, in, highWatermark(target, out), since);
        }
        long[] missing = {0};
        try (RangeReader reader = RangeReader.committed(configs, source)) {
            reader.read("checking " + inTp, inTp, from, until, r -> {
                if (!present.contains(r.offset()) && !done.contains(r.offset())) {
                    missing[0]++;
                }
                return true;
            });
        }
        return missing[0];
    }

    /**
     * Source offsets of this incarnation of the source partition in the quarantine partition below
     * {@code end}: read back from the end, {@link #TAIL_CHUNK} records at a time, until a stretch
     * holds a record quarantined before {@code since} (less {@link #CLOCK_SKEW}) or the beginning.
     * Records without {@link #QUARANTINED_AT} (written by an older kafka-dr) never stop the read.
     */
    static Set<Long> held(RangeReader quarantined, TopicPartition out, SourcePartition in, long end, long since) {
        Set<Long> offsets = new HashSet<>();
        long begin = quarantined.consumer().beginningOffsets(List.of(out)).getOrDefault(out, 0L);
        long olderThan = since - CLOCK_SKEW.toMillis();
        boolean older = false;
        for (long until = end; until > begin && !older; ) {
            long from = Math.max(begin, until - TAIL_CHUNK);
            boolean[] seenOlder = {false};
            quarantined.read("finding what " + out + " holds of " + in.topic() + "-" + in.partition(), out, from, until,
                    r -> {
                        if (in.holds(r)) {
                            offsets.add(originOffset(r));
                        }
                        String at = text(r, QUARANTINED_AT);
                        seenOlder[0] |= at != null && Long.parseLong(at) < olderThan;
                        return true;
                    });
            older = seenOlder[0];
            until = from;
        }
        return offsets;
    }

    /**
     * The end of {@code tp} with every write, committed or not: a {@code read_committed} read up to
     * it waits until the commit (or abort) markers of earlier attempts are written, which follow
     * their commitTransaction asynchronously, instead of stopping at the last stable offset before them.
     */
    private long highWatermark(ClusterConfig cluster, TopicPartition tp) {
        try (var consumer = configs.reader(cluster)) {
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }

    /** The end of {@code tp} as a {@code read_committed} reader sees it (its last stable offset). */
    private static long endOffset(RangeReader reader, TopicPartition tp) {
        return reader.consumer().endOffsets(List.of(tp)).get(tp);
    }

    /**
     * The transactions of one copy: a commit every {@link #TRANSACTION_RECORDS} records or
     * {@link #TRANSACTION_BYTES}, each send acknowledged before its transaction commits.
     */
    private static final class Transactions {
        private final KafkaProducer<byte[], byte[]> producer;
        private final TopicPartition out;
        private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();
        private long bytes;
        private long writtenUntil = -1;

        Transactions(KafkaProducer<byte[], byte[]> producer, TopicPartition out) {
            this.producer = producer;
            this.out = out;
        }

        void send(ProducerRecord<byte[], byte[]> copy, ConsumerRecord<byte[], byte[]> original) {
            if (inFlight.isEmpty()) {
                producer.beginTransaction();
            }
            inFlight.add(producer.send(copy));
            bytes += Math.max(0, original.serializedKeySize()) + Math.max(0, original.serializedValueSize());
            if (inFlight.size() >= TRANSACTION_RECORDS || bytes >= TRANSACTION_BYTES) {
                commit();
            }
        }

        void commit() {
            if (inFlight.isEmpty()) {
                return;
            }
            writtenUntil = Math.max(writtenUntil, acknowledged(inFlight, out) + 1);
            try {
                producer.commitTransaction();
            } catch (KafkaException e) {
                throw ApplicationFailure.newFailure("committing the copies to " + out + " failed: " + e
                        + " (a newer attempt fenced this one, or the cluster failed); retried, nothing was deleted",
                        ActivityFailures.NOT_READY);
            }
            inFlight.clear();
            bytes = 0;
        }

        /** One past the offset of the last copy acknowledged in the quarantine partition (-1: none). */
        long writtenUntil() {
            return writtenUntil;
        }
    }

    /**
     * Waits for every send; a record the target refuses fails the salvage before anything is
     * deleted. Returns the highest offset the sends were written at.
     */
    private static long acknowledged(List<Future<RecordMetadata>> inFlight, TopicPartition out) {
        try {
            long last = -1;
            for (Future<RecordMetadata> f : inFlight) {
                last = Math.max(last, f.get().offset());
            }
            inFlight.clear();
            return last;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                throw ApplicationFailure.newNonRetryableFailure("a record does not fit into " + out.topic() + ": "
                        + e.getCause().getMessage() + "; raise max.message.bytes of " + out.topic() + " (and the "
                        + "broker's message.max.bytes) and fail back again; nothing was deleted",
                        ActivityFailures.BAD_INPUT);
            }
            throw ApplicationFailure.newFailure("writing to " + out + " failed: " + e.getCause(), ActivityFailures.NOT_READY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
    }

    private static ProducerRecord<byte[], byte[]> orphan(ConsumerRecord<byte[], byte[]> r, SourcePartition in,
                                                        TopicPartition out, long now) {
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(out.topic(), out.partition(), r.timestamp(), r.key(),
                r.value());
        for (Header h : r.headers()) {
            copy.headers().add(h.key(), h.value());
        }
        copy.headers().add(ORIGIN_TOPIC, bytes(r.topic()));
        copy.headers().add(ORIGIN_TOPIC_ID, bytes(in.topicId()));
        copy.headers().add(ORIGIN_PARTITION, bytes(Integer.toString(r.partition())));
        copy.headers().add(ORIGIN_OFFSET, bytes(Long.toString(r.offset())));
        copy.headers().add(ORIGIN_TIMESTAMP, bytes(Long.toString(r.timestamp())));
        copy.headers().add(QUARANTINED_AT, bytes(Long.toString(now)));
        return copy;
    }

    /**
     * The first offset from {@code from} whose record is not on the target, for copies that carry
     * no origin. MM2 commits its source offsets after it copies, so a few records past its committed
     * offset may already be on the target: they are recognised by content ({@link RecordContent}) among the last {@code window} records of the target's
     * partition, counted by occurrence ({@link CopiesByContent}: the source's last {@code window}
     * records before {@code from} take their copies out first), and not salvaged twice.
     * {@code sourceStart} is the source partition's first offset.
     */
    long firstAbsent(ClusterConfig source, TopicPartition in, long sourceStart, long from, long until,
                     ClusterConfig target, TopicPartition replica, long window) {
        CopiesByContent copies = new CopiesByContent();
        try (RangeReader reader = RangeReader.committed(configs, target)) {
            long end = endOffset(reader, replica);
            long begin = Math.max(reader.consumer().beginningOffsets(List.of(replica)).get(replica), end - window);
            reader.read("reading the copies of " + in + " in " + replica, replica, begin, end, r -> {
                copies.onTarget(RecordContent.of(r));
                return true;
            });
        }
        long[] first = {from};
        try (RangeReader reader = RangeReader.committed(configs, source)) {
            reader.read("reading " + in + " before the salvage", in, Math.max(sourceStart, from - window), from, r -> {
                copies.copiedBefore(RecordContent.of(r));
                return true;
            });
            reader.read("matching " + in + " by content", in, from, until, r -> {
                if (copies.take(RecordContent.of(r))) {
                    first[0] = r.offset() + 1;
                    return true;
                }
                first[0] = r.offset();
                return false;
            });
        }
        return first[0];
    }

    private static long originOffset(ConsumerRecord<byte[], byte[]> r) {
        return Long.parseLong(text(r, ORIGIN_OFFSET));
    }

    private static String text(ConsumerRecord<byte[], byte[]> r, String header) {
        Header h = r.headers().lastHeader(header);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The transactional producer of one quarantine partition: its transactional id is the same for
     * every attempt, so each new one fences those before it.
     */
    private KafkaProducer<byte[], byte[]> producer(ClusterConfig cluster, TopicPartition out, int maxRecordBytes) {
        Map<String, Object> props = configs.forCluster(cluster);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID_PREFIX + out);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, maxRecordBytes + 2 * HEADER_ROOM_BYTES));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
