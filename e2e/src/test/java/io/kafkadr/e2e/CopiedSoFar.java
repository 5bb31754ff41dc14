package io.kafkadr.e2e;

import io.kafkadr.activities.connect.ConnectActivitiesImpl;
import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.connect.KafkaTargetTopics;
import io.kafkadr.activities.connect.MirrorConnectorConfigs;
import io.kafkadr.activities.connect.SourceOffsets;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.provenance.CopiedOffsets;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What kafka-dr says MM2 has copied ({@link ConnectActivities#replicatedOffsets}, the activity the
 * drain, the hand-over, verification and the failover's loss figures use), beside what the target
 * holds: the upstream offset in the last record of each target partition, read with a plain
 * consumer.
 */
final class CopiedSoFar implements AutoCloseable {

    private final PairConfig pair;
    private final KafkaAdmins admins = new KafkaAdmins(new KafkaClientConfigs(new SecretResolver()));
    private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    private final ConnectActivities connect;

    CopiedSoFar(PairConfig pair) {
        this.pair = pair;
        KafkaClientConfigs configs = new KafkaClientConfigs(new SecretResolver());
        env.registerActivitiesImplementations(new ConnectActivitiesImpl(new ConnectRestClient(new SecretResolver()),
                new MirrorConnectorConfigs(configs), new SourceOffsets(admins), new KafkaTargetTopics(admins),
                new CopiedOffsets(admins)));
        connect = env.newActivityStub(ConnectActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
    }

    /** Per partition of {@code topic}, how far MM2 has copied it as kafka-dr reads it. */
    Map<Integer, Long> replicated(Direction direction, String topic) {
        Map<Integer, Long> copied = new HashMap<>();
        for (PartitionOffset o : connect.replicatedOffsets(pair, direction)) {
            if (o.topic().equals(topic)) {
                copied.put(o.partition(), o.offset());
            }
        }
        return copied;
    }

    /** Per partition of {@code topic} on {@code bootstrap}: the {@code dr.src.offset} of its last record (-1: none). */
    static Map<Integer, Long> lastUpstream(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Integer, Long> last = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp);
                last.put(tp.partition(), -1L);
                if (end == 0) {
                    continue;
                }
                consumer.assign(List.of(tp));
                consumer.seek(tp, end - 1);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                boolean read = false;
                while (!read && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        Header h = r.headers().lastHeader(Origin.OFFSET);
                        if (r.offset() == end - 1 && h != null) {
                            last.put(tp.partition(), Long.parseLong(new String(h.value(), StandardCharsets.UTF_8)));
                        }
                        read = true;
                    }
                }
            }
        }
        return last;
    }

    @Override
    public void close() {
        env.close();
        admins.close();
    }
}
