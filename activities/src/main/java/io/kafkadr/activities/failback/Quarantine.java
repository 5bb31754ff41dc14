package io.kafkadr.activities.failback;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies records into a quarantine topic, unchanged (key, value, timestamp, headers) plus
 * where they came from: {@code dr.orphan.topic}, {@code dr.orphan.partition},
 * {@code dr.orphan.offset}, {@code dr.orphan.timestamp}.
 */
class Quarantine {

    static final String ORIGIN_TOPIC = "dr.orphan.topic";
    static final String ORIGIN_PARTITION = "dr.orphan.partition";
    static final String ORIGIN_OFFSET = "dr.orphan.offset";
    static final String ORIGIN_TIMESTAMP = "dr.orphan.timestamp";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofSeconds(60);

    private final KafkaClientConfigs configs;

    Quarantine(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /** Copies {@code [from, until)} of the source partition, after what an earlier attempt copied. */
    void copy(ClusterConfig source, String topic, int partition, long from, long until, ClusterConfig target,
              String quarantineTopic) {
        TopicPartition in = new TopicPartition(topic, partition);
        TopicPartition out = new TopicPartition(quarantineTopic, partition);
        long start = Math.max(from, lastCopied(target, out) + 1);
        if (start >= until) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(source);
             KafkaProducer<byte[], byte[]> producer = producer(target)) {
            consumer.assign(List.of(in));
            consumer.seek(in, start);
            long stalledSince = System.nanoTime();
            while (consumer.position(in) < until) {
                var records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.offset() < until) {
                        producer.send(orphan(r, out));
                    }
                }
                if (!records.isEmpty()) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > STALL.toNanos()) {
                    throw ApplicationFailure.newFailure("no record of " + in + " readable at " + consumer.position(in)
                            + " for " + STALL.toSeconds() + " s", ActivityFailures.NOT_READY);
                }
                Activity.getExecutionContext().heartbeat("quarantining " + in + ": at " + consumer.position(in) + " of " + until);
            }
            producer.flush();
        }
    }

    private static ProducerRecord<byte[], byte[]> orphan(ConsumerRecord<byte[], byte[]> r, TopicPartition out) {
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(out.topic(), out.partition(), r.timestamp(), r.key(),
                r.value());
        for (Header h : r.headers()) {
            copy.headers().add(h.key(), h.value());
        }
        copy.headers().add(ORIGIN_TOPIC, bytes(r.topic()));
        copy.headers().add(ORIGIN_PARTITION, bytes(Integer.toString(r.partition())));
        copy.headers().add(ORIGIN_OFFSET, bytes(Long.toString(r.offset())));
        copy.headers().add(ORIGIN_TIMESTAMP, bytes(Long.toString(r.timestamp())));
        return copy;
    }

    /**
     * The first offset from {@code from} whose record is not on the target. MM2 commits its
     * source offsets after it copies, so a few records past its committed offset may already be
     * on the target: they are recognised by content (key, value, timestamp, headers) among the
     * last {@code window} records of the target's partition, and not salvaged twice.
     */
    long firstAbsent(ClusterConfig source, TopicPartition in, long from, long until, ClusterConfig target,
                     TopicPartition replica, long window) {
        java.util.Set<String> onTarget = new java.util.HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(target)) {
            consumer.assign(List.of(replica));
            long end = consumer.endOffsets(List.of(replica)).get(replica);
            long begin = Math.max(consumer.beginningOffsets(List.of(replica)).get(replica), end - window);
            consumer.seek(replica, begin);
            int emptyPolls = 0;
            while (consumer.position(replica) < end && emptyPolls < 20) {
                var records = consumer.poll(POLL);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    onTarget.add(fingerprint(r));
                }
                Activity.getExecutionContext().heartbeat("reading " + replica + " of " + target.alias());
            }
        }
        long first = from;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(source)) {
            consumer.assign(List.of(in));
            consumer.seek(in, from);
            while (first < until) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.offset() != first || !onTarget.contains(fingerprint(r))) {
                        return first;
                    }
                    first++;
                }
            }
        }
        return first;
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
                sha.update(h.key().getBytes(StandardCharsets.UTF_8));
                sha.update(h.value() == null ? new byte[0] : h.value());
                sha.update((byte) '|');
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Origin offset of the last record already in the quarantine partition, or -1. */
    private long lastCopied(ClusterConfig target, TopicPartition out) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(target)) {
            consumer.assign(List.of(out));
            long end = consumer.endOffsets(List.of(out)).get(out);
            long begin = consumer.beginningOffsets(List.of(out)).get(out);
            if (end <= begin) {
                return -1;
            }
            consumer.seek(out, end - 1);
            long deadline = System.nanoTime() + STALL.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    Header h = r.headers().lastHeader(ORIGIN_OFFSET);
                    return h == null ? -1 : Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            return -1;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(ClusterConfig cluster) {
        return configs.reader(cluster);
    }

    private KafkaProducer<byte[], byte[]> producer(ClusterConfig cluster) {
        Map<String, Object> props = configs.forCluster(cluster);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
