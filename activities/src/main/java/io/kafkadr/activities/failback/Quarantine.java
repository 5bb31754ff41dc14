package io.kafkadr.activities.failback;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.activity.Activity;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies records into a quarantine topic, unchanged (key, value, timestamp, headers) plus
 * where they came from: {@code dr.orphan.topic}, {@code dr.orphan.topic.id} (which incarnation of
 * the topic: a failback recreates it, and its offsets start again), {@code dr.orphan.partition},
 * {@code dr.orphan.offset}, {@code dr.orphan.timestamp}. Idempotent per incarnation: what an
 * earlier attempt quarantined is recognised by (topic id, offset) and not copied twice; every
 * write is acknowledged before the copy counts, and the count is read back from the quarantine.
 */
class Quarantine {

    static final String ORIGIN_TOPIC = "dr.orphan.topic";
    static final String ORIGIN_TOPIC_ID = "dr.orphan.topic.id";
    static final String ORIGIN_PARTITION = "dr.orphan.partition";
    static final String ORIGIN_OFFSET = "dr.orphan.offset";
    static final String ORIGIN_TIMESTAMP = "dr.orphan.timestamp";
    /** Room for the origin headers on top of the largest record the source topic accepts. */
    static final int HEADER_ROOM_BYTES = 1024;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final int ACK_BATCH = 1000;

    /** One partition of one incarnation of a source topic. */
    record SourcePartition(String topic, String topicId, int partition) {
    }

    /** What the quarantine holds of a range: how many records, the first and last of their source offsets (-1: none). */
    record Held(long count, long firstOffset, long lastOffset) {
    }

    private final KafkaClientConfigs configs;

    Quarantine(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /**
     * Copies the records a {@code read_committed} consumer sees in {@code [from, until)} of the
     * source partition that {@code salvage} picks (those not already on the target), except those
     * an earlier attempt quarantined; returns what of that range the quarantine holds afterwards,
     * checked by reading it back.
     */
    Held copy(ClusterConfig source, SourcePartition in, long from, long until,
              java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> salvage, ClusterConfig target,
              String quarantineTopic, int maxRecordBytes) {
        TopicPartition inTp = new TopicPartition(in.topic(), in.partition());
        TopicPartition out = new TopicPartition(quarantineTopic, in.partition());
        Set<Long> done = quarantined(target, out, in);
        Set<Long> wanted = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(target, maxRecordBytes)) {
            List<Future<RecordMetadata>> inFlight = new ArrayList<>();
            long stuck = readCommitted(source, inTp, from, until, "quarantining", r -> {
                if (!salvage.test(r)) {
                    return;
                }
                wanted.add(r.offset());
                if (!done.contains(r.offset())) {
                    inFlight.add(producer.send(orphan(r, in, out)));
                    if (inFlight.size() >= ACK_BATCH) {
                        acknowledged(inFlight, out);
                    }
                }
            });
            if (stuck >= 0) {
                throw ApplicationFailure.newFailure("no record of " + inTp + " readable at " + stuck + " for "
                        + STALL.toSeconds() + " s (an open transaction on the source?)", ActivityFailures.NOT_READY);
            }
            producer.flush();
            acknowledged(inFlight, out);
        }
        Set<Long> missing = new HashSet<>(wanted);
        missing.removeAll(quarantined(target, out, in));
        if (!missing.isEmpty()) {
            throw ApplicationFailure.newFailure(missing.size() + " records of " + inTp + " are not in " + quarantineTopic
                    + " after their copy was acknowledged (e.g. offset " + missing.iterator().next() + "); nothing "
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
                 String quarantineTopic) {
        TopicPartition inTp = new TopicPartition(in.topic(), in.partition());
        Set<Long> done = quarantined(target, new TopicPartition(quarantineTopic, in.partition()), in);
        long[] missing = {0};
        long stuck = readCommitted(source, inTp, from, until, "checking", r -> {
            if (!present.contains(r.offset()) && !done.contains(r.offset())) {
                missing[0]++;
            }
        });
        // an open transaction: its records count as not salvaged
        return stuck < 0 ? missing[0] : missing[0] + Math.max(1, until - stuck);
    }

    /**
     * Hands {@code each} the records a {@code read_committed} consumer sees in {@code [from, until)}
     * of {@code tp}, in order; returns -1 once it read up to {@code until}, or the offset where no
     * record came for {@link #STALL} (an open transaction holds read_committed readers back).
     */
    private long readCommitted(ClusterConfig cluster, TopicPartition tp, long from, long until, String doing,
                               java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = configs.committedReader(cluster)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            long stalledSince = System.nanoTime();
            while (consumer.position(tp) < until) {
                var records = consumer.poll(POLL).records(tp);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.offset() < until) {
                        each.accept(r);
                    }
                }
                if (!records.isEmpty()) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > STALL.toNanos()) {
                    return consumer.position(tp);
                }
                Activity.getExecutionContext().heartbeat(doing + " " + tp + ": at " + consumer.position(tp) + " of " + until);
            }
            return -1;
        }
    }

    /** Waits for every send; a record the target refuses fails the salvage before anything is deleted. */
    private static void acknowledged(List<Future<RecordMetadata>> inFlight, TopicPartition out) {
        try {
            for (Future<RecordMetadata> f : inFlight) {
                f.get();
            }
            inFlight.clear();
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
                                                        TopicPartition out) {
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
        return copy;
    }

    /**
     * The first offset from {@code from} whose record is not on the target, for copies that carry
     * no origin. MM2 commits its source offsets after it copies, so a few records past its committed
     * offset may already be on the target: they are recognised by content (key, value, timestamp,
     * headers other than {@code dr.src.*}) among the last {@code window} records of the target's
     * partition, counted by occurrence ({@link CopiesByContent}: the source's last {@code window}
     * records before {@code from} take their copies out first), and not salvaged twice.
     * {@code sourceStart} is the source partition's first offset.
     */
    long firstAbsent(ClusterConfig source, TopicPartition in, long sourceStart, long from, long until,
                     ClusterConfig target, TopicPartition replica, long window) {
        CopiesByContent copies = new CopiesByContent();
        try (KafkaConsumer<byte[], byte[]> consumer = configs.committedReader(target)) {
            consumer.assign(List.of(replica));
            long end = consumer.endOffsets(List.of(replica)).get(replica);
            long begin = Math.max(consumer.beginningOffsets(List.of(replica)).get(replica), end - window);
            consumer.seek(replica, begin);
            // a short read leaves fewer copies to match: more is salvaged, nothing lost
            int emptyPolls = 0;
            while (consumer.position(replica) < end && emptyPolls < 20) {
                var records = consumer.poll(POLL);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    copies.onTarget(fingerprint(r));
                }
                Activity.getExecutionContext().heartbeat("reading " + replica + " of " + target.alias());
            }
        }
        long stuck = readCommitted(source, in, Math.max(sourceStart, from - window), from, "reading before the salvage",
                r -> copies.copiedBefore(fingerprint(r)));
        if (stuck >= 0) {
            throw ApplicationFailure.newFailure("no record of " + in + " readable at " + stuck + " for " + STALL.toSeconds()
                    + " s (an open transaction on the source?): cannot tell which records before " + from + " were "
                    + "copied; nothing was deleted", ActivityFailures.NOT_READY);
        }
        long[] first = {from};
        boolean[] absent = {false};
        readCommitted(source, in, from, until, "matching by content", r -> {
            if (absent[0]) {
                return;
            }
            if (copies.take(fingerprint(r))) {
                first[0] = r.offset() + 1;
            } else {
                first[0] = r.offset();
                absent[0] = true;
            }
        });
        return first[0];
    }

    private static String fingerprint(ConsumerRecord<byte[], byte[]> r) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(r.timestamp()).getBytes(StandardCharsets.UTF_8));
            for (byte[] part : new byte[][] {r.key(), r.value()}) {
                sha.update(part == null ? new byte[] {0} : part);
                sha.update((byte) '|');
            }
            for (Header h : r.headers()) {
                if (Origin.isProvenanceHeader(h.key())) {
                    continue;
                }
                sha.update(h.key().getBytes(StandardCharsets.UTF_8));
                sha.update(h.value() == null ? new byte[0] : h.value());
                sha.update((byte) '|');
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Source offsets of this incarnation of the source partition already in the quarantine partition. */
    private Set<Long> quarantined(ClusterConfig target, TopicPartition out, SourcePartition in) {
        Set<Long> offsets = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = configs.reader(target)) {
            consumer.assign(List.of(out));
            long end = consumer.endOffsets(List.of(out)).get(out);
            consumer.seekToBeginning(List.of(out));
            long stalledSince = System.nanoTime();
            while (consumer.position(out) < end) {
                var records = consumer.poll(POLL).records(out);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (in.topicId().equals(text(r, ORIGIN_TOPIC_ID)) && in.topic().equals(text(r, ORIGIN_TOPIC))) {
                        offsets.add(Long.parseLong(text(r, ORIGIN_OFFSET)));
                    }
                }
                if (!records.isEmpty()) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > STALL.toNanos()) {
                    throw ApplicationFailure.newFailure("cannot read " + out + " of '" + target.alias() + "' at "
                            + consumer.position(out), ActivityFailures.NOT_READY);
                }
                Activity.getExecutionContext().heartbeat("reading " + out + " of " + target.alias() + " at "
                        + consumer.position(out) + " of " + end);
            }
        }
        return offsets;
    }

    private static String text(ConsumerRecord<byte[], byte[]> r, String header) {
        Header h = r.headers().lastHeader(header);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<byte[], byte[]> producer(ClusterConfig cluster, int maxRecordBytes) {
        Map<String, Object> props = configs.forCluster(cluster);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, maxRecordBytes + 2 * HEADER_ROOM_BYTES));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
