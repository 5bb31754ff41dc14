package io.kafkadr.e2e;

import io.kafkadr.activities.cluster.CheckpointReaders;
import io.kafkadr.activities.cluster.ClusterActivitiesImpl;
import io.kafkadr.activities.failback.FailbackActivitiesImpl;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.kafka.TopicReader;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.failback.FailbackActivities;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The failback's salvage, called as an activity against the local stack's two brokers, for a pair
 * with provenance off: copies carry no origin, so what reached the secondary is known by content
 * only. The "copies" are written by hand, as MM2 writes them without provenance (same key, value,
 * timestamp and headers), into a topic of this test's own.
 */
final class ContentSalvage implements AutoCloseable {

    static final String PRIMARY = "127.0.0.1:19092";
    static final String SECONDARY = "127.0.0.1:29092";

    private final String topic;
    private final PairConfig pair;
    private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    private final KafkaAdmins admins = new KafkaAdmins(new KafkaClientConfigs(new SecretResolver()));

    ContentSalvage(String topic) {
        this.topic = topic;
        this.pair = PairConfigParser.parse("""
                name: content-salvage
                primary: primary
                secondary: secondary
                clusters:
                  - alias: primary
                    bootstrapServers: %s
                    connectUrl: http://127.0.0.1:8084
                  - alias: secondary
                    bootstrapServers: %s
                    connectUrl: http://127.0.0.1:8083
                topics:
                  names: [%s]
                replication:
                  provenance: false
                failover:
                  groupEmptyTimeoutSeconds: 5
                """.formatted(PRIMARY, SECONDARY, topic), "the content salvage test");
        ClusterActivitiesImpl cluster = new ClusterActivitiesImpl(admins, new TopicReader(new KafkaClientConfigs(
                new SecretResolver())), new CheckpointReaders(admins));
        env.registerActivitiesImplementations(new FailbackActivitiesImpl(admins, cluster));
    }

    /** Creates the topic on both clusters, {@code partitions} partitions. */
    void create(int partitions) throws Exception {
        for (String bootstrap : List.of(PRIMARY, SECONDARY)) {
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            }
        }
    }

    /** Writes {@code count} identical records (key, value, timestamp, header) to a partition of one cluster. */
    void write(String bootstrap, int partition, String content, int count) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, 1_700_000_000_000L,
                        bytes("key-" + content), bytes("value-" + content));
                r.headers().add("app", bytes(content));
                producer.send(r).get();
            }
        }
    }

    /** Writes {@code count} distinct records of {@code valueBytes} bytes each to a partition of one cluster. */
    void writeDistinct(String bootstrap, int partition, int count, int valueBytes) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        byte[] filler = new byte[valueBytes];
        java.util.Arrays.fill(filler, (byte) 'v');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, partition, bytes("key-" + i), filler)));
            }
            for (var f : sent) {
                f.get();
            }
        }
    }

    /** Creates this topic's quarantine on the secondary with {@code partitions} partitions (as an earlier failback made it). */
    void createQuarantine(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", SECONDARY))) {
            admin.createTopics(List.of(new NewTopic(FailbackActivities.QUARANTINE_PREFIX + topic, partitions, (short) 1)))
                    .all().get();
        }
    }

    /**
     * Per partition, the primary offsets (header dr.orphan.offset) of this topic's records in its
     * quarantine, each as often as it is there, as a {@code read_committed} consumer reads them.
     */
    Map<Integer, List<Long>> quarantinedWithRepeats(int partitions) {
        Map<Integer, List<Long>> offsets = new java.util.HashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SECONDARY);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            String quarantine = FailbackActivities.QUARANTINE_PREFIX + topic;
            int has = consumer.partitionsFor(quarantine).size();
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                offsets.put(p, new ArrayList<>());
                if (p < has) {
                    tps.add(new TopicPartition(quarantine, p));
                }
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Header offset = r.headers().lastHeader("dr.orphan.offset");
                    offsets.get(r.partition()).add(Long.parseLong(new String(offset.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return offsets;
    }

    /** The salvage of the primary's records beyond {@code copiedUpTo}: per partition, how many the quarantine holds. */
    List<PartitionOffset> salvage(List<PartitionOffset> copiedUpTo) {
        return salvage(copiedUpTo, 0);
    }

    /** As {@link #salvage(List)}, with nothing of the topic quarantined before {@code since} (epoch ms). */
    List<PartitionOffset> salvage(List<PartitionOffset> copiedUpTo, long since) {
        FailbackActivities failback = env.newActivityStub(FailbackActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(3))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
        return failback.salvage(pair, new Direction("primary", "secondary"), copiedUpTo, since);
    }

    /** Per partition, the primary offsets (header dr.orphan.offset) of this topic's records in its quarantine. */
    Map<Integer, TreeSet<Long>> quarantined(int partitions) {
        Map<Integer, TreeSet<Long>> offsets = new java.util.HashMap<>();
        quarantinedWithRepeats(partitions).forEach((p, list) -> offsets.put(p, new TreeSet<>(list)));
        return offsets;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        env.close();
        admins.close();
    }
}
