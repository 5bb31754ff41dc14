package io.kafkadr.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import io.kafkadr.activities.kafka.Topics;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.mirror.Checkpoint;

/** What the benchmark reads and changes on the two clusters itself (topics, groups, offsets, MM2 checkpoints). */
final class BenchKafka implements AutoCloseable {

    /** MM2's checkpoints topic on the target, for source alias {@code primary} (any replication policy). */
    static final String CHECKPOINTS_TOPIC = "primary.checkpoints.internal";
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, String> bootstrap;
    private final Map<String, Admin> admins = new HashMap<>();

    /** @param bootstrap cluster alias to bootstrap servers */
    BenchKafka(Map<String, String> bootstrap) {
        this.bootstrap = bootstrap;
        bootstrap.forEach((alias, servers) -> {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "drctl-bench-" + alias);
            admins.put(alias, Admin.create(p));
        });
    }

    /** Created by kafka-dr's one rule for topics (these benches name no pair: a pair's defaults). */
    void createTopic(String cluster, String topic, int partitions) {
        ClusterConfig c = new ClusterConfig(cluster, bootstrap.get(cluster), null, null, null);
        if (!Topics.createUnlessExists(admin(cluster), c, ReplicationSettings.defaults(), topic, partitions, Map.of())) {
            throw new IllegalStateException("bench topic " + topic + " exists already on '" + cluster + "'");
        }
    }

    void deleteTopic(String cluster, String topic) {
        try {
            get(admin(cluster).deleteTopics(List.of(topic)).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    void deleteGroups(String cluster, List<String> groups) {
        for (String g : groups) {
            try {
                get(admin(cluster).deleteConsumerGroups(List.of(g)).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException) && !(e.getCause() instanceof GroupNotEmptyException)) {
                    throw e;
                }
            }
        }
    }

    /** The group's committed offsets on {@code cluster} for the partitions of {@code topic} (missing: none committed). */
    Map<Integer, Long> committed(String cluster, String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> all = get(admin(cluster).listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<Integer, Long> out = new HashMap<>();
        all.forEach((tp, om) -> {
            if (om != null && tp.topic().equals(topic)) {
                out.put(tp.partition(), om.offset());
            }
        });
        return out;
    }

    /** Commits {@code offsets} (partition of {@code topic} to offset) for the group on {@code cluster}, in one call. */
    void alterOffsets(String cluster, String group, String topic, Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        get(admin(cluster).alterConsumerGroupOffsets(group, commit).all());
    }

    /** Whether the group has no member on {@code cluster}. */
    boolean groupEmpty(String cluster, String group) {
        var d = get(admin(cluster).describeConsumerGroups(List.of(group)).all()).get(group);
        return d == null || d.members().isEmpty();
    }

    Map<Integer, Long> endOffsets(String cluster, String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            spec.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = get(admin(cluster).listOffsets(spec).all());
        return r.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    boolean topicExists(String cluster, String topic) {
        return get(admin(cluster).listTopics().names()).contains(topic);
    }

    /**
     * Every checkpoint MM2 wrote on {@code cluster} (the target) for partitions of {@code topic},
     * in the order written per partition of the checkpoints topic.
     */
    List<Checkpoint> checkpoints(String cluster, String topic) {
        List<Checkpoint> out = new ArrayList<>();
        if (!topicExists(cluster, CHECKPOINTS_TOPIC)) {
            return out;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.get(cluster));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "drctl-bench-checkpoints");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(CHECKPOINTS_TOPIC).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Checkpoint cp = Checkpoint.deserializeRecord(r);
                    if (cp.topicPartition().topic().equals(topic)) {
                        out.add(cp);
                    }
                }
            }
        }
        return out;
    }

    Set<String> clusters() {
        return bootstrap.keySet();
    }

    private Admin admin(String cluster) {
        Admin a = admins.get(cluster);
        if (a == null) {
            throw new IllegalArgumentException("unknown cluster '" + cluster + "'");
        }
        return a;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        admins.values().forEach(Admin::close);
    }
}
