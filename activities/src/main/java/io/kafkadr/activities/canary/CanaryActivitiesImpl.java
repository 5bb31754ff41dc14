package io.kafkadr.activities.canary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.activities.kafka.Topics;
import io.kafkadr.workflows.canary.CanaryAccounting;
import io.kafkadr.workflows.canary.CanaryActivities;
import io.kafkadr.workflows.canary.CanaryKey;
import io.kafkadr.workflows.canary.CanaryRead;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.DrillSettings;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The drill's canary against real clusters. Records of burst {@code b} are keyed
 * {@code <runId>/<b>/<seq>} and written in blocks, partition {@code p} holding the p-th block of
 * sequence numbers, so what a read takes of each partition is one range.
 */
public class CanaryActivitiesImpl implements CanaryActivities {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final String METADATA_PREFIX = "kafka-dr canary ";
    /** Below Kafka's default {@code offset.metadata.max.bytes} (4096). */
    static final int METADATA_MAX_BYTES = 3000;
    private static final String UNKEPT = "unkept ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] VALUE = "kafka-dr drill canary".getBytes(StandardCharsets.UTF_8);

    private final KafkaAdmins admins;

    public CanaryActivitiesImpl(KafkaAdmins admins) {
        this.admins = admins;
    }

    @Override
    public int ensureTopic(PairConfig pair, String cluster, String topic) {
        ClusterConfig c = pair.cluster(cluster);
        Admin admin = admins.admin(c);
        // an existing canary topic is the one an earlier drill made: its partitions are read below
        Topics.createUnlessExists(admin, c, pair.replication(), topic, DrillSettings.CANARY_PARTITIONS, Map.of());
        return partitions(admin, c, topic);
    }

    @Override
    public long produce(PairConfig pair, String cluster, String topic, String runId, int burst, int count) {
        ClusterConfig c = pair.cluster(cluster);
        int partitions = partitions(admins.admin(c), c, topic);
        // a first attempt wrote nothing before; a retry (its answer lost, or timed out) looks for what it did
        Set<Long> present = Activity.getExecutionContext().getInfo().getAttempt() == 1 ? Set.of()
                : written(c, topic, runId, burst, count);
        Map<String, Object> props = admins.configs().forCluster(c);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            int block = (count + partitions - 1) / partitions;
            for (long seq = 0; seq < count; seq++) {
                if (present.contains(seq)) {
                    continue;
                }
                sent.add(producer.send(new ProducerRecord<>(topic, (int) (seq / block),
                        new CanaryKey(burst, seq).format(runId).getBytes(StandardCharsets.UTF_8), VALUE)));
                if (seq % 1000 == 0) {
                    Activity.getExecutionContext().heartbeat("burst " + burst + ": " + seq + " of " + count + " sent");
                }
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).get();
                if (i % 500 == 0) {
                    Activity.getExecutionContext().heartbeat("burst " + burst + ": " + i + " of " + sent.size()
                            + " acknowledged");
                }
            }
        } catch (ExecutionException e) {
            throw KafkaFailures.translate(e.getCause(), c, "writing canary burst " + burst);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaFailures.translate(e, c, "writing canary burst " + burst);
        }
        return present.size() + sent.size();
    }

    /** Sequence numbers of this burst already in the topic (a retried call): the last {@code count} records of each partition. */
    private Set<Long> written(ClusterConfig c, String topic, String runId, int burst, int count) {
        Set<Long> seqs = new HashSet<>();
        try (RangeReader reader = RangeReader.committed(admins.configs(), c)) {
            List<TopicPartition> tps = reader.consumer().partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = reader.consumer().endOffsets(tps);
            Map<TopicPartition, Long> starts = reader.consumer().beginningOffsets(tps);
            Map<TopicPartition, RangeReader.Range> ranges = new HashMap<>();
            for (TopicPartition tp : tps) {
                ranges.put(tp, new RangeReader.Range(Math.max(starts.get(tp), ends.get(tp) - count), ends.get(tp)));
            }
            reader.readAll("looking for canary records written before", ranges,
                    r -> key(r, runId).filter(k -> k.burst() == burst).ifPresent(k -> seqs.add(k.seq())));
        }
        return seqs;
    }

    @Override
    public CanaryRead consume(PairConfig pair, String cluster, String topic, String group, String runId, String readId,
                              int max, int waitSeconds) {
        ClusterConfig c = pair.cluster(cluster);
        Admin admin = admins.admin(c);
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaFailures.await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), c, "reading offsets of " + group);
        Optional<CanaryRead> earlier = earlier(committed, runId, readId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Map<String, Object> props = admins.configs().forCluster(c);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        Map<Integer, List<Long>> seqs = new TreeMap<>();
        long foreign = 0;
        long taken = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            // every partition is committed, read or not: one without a committed offset would give the
            // hand-over nothing to place, and the group would start over on the other cluster
            Map<TopicPartition, Long> next = new HashMap<>();
            tps.forEach(tp -> next.put(tp, consumer.position(tp)));
            // the wait is for progress, not for the whole read: a large burst reads as long as records come
            long stalledAt = System.currentTimeMillis() + waitSeconds * 1000L;
            outer:
            while (taken < max && tps.stream().anyMatch(tp -> next.get(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > stalledAt) {
                    // not a figure: unread records must not count as lost; nothing committed, the retry reads again
                    throw ApplicationFailure.newFailure("canary read " + readId + " on '" + cluster + "' made no progress "
                            + "for " + waitSeconds + " s before reaching the end of " + topic + ": " + behind(next, ends)
                            + "; retrying (check the cluster and the topic's partitions)", "CanaryReadStalled");
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    stalledAt = System.currentTimeMillis() + waitSeconds * 1000L;
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (taken >= max) {
                        break outer;
                    }
                    next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    Optional<CanaryKey> key = key(r, runId);
                    if (key.isEmpty()) {
                        foreign++;
                        continue;
                    }
                    taken++;
                    seqs.computeIfAbsent(key.get().burst(), b -> new ArrayList<>()).add(key.get().seq());
                }
                // the whole batch was taken: the position is past transaction markers and aborted records too
                tps.forEach(tp -> next.put(tp, Math.max(next.get(tp), consumer.position(tp))));
                Activity.getExecutionContext().heartbeat(readId + ": " + taken + " records read");
            }
            CanaryRead read = new CanaryRead(readId, cluster, CanaryAccounting.bursts(seqs), foreign);
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            String metadata = metadata(runId, read);
            next.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset, metadata)));
            consumer.commitSync(commit);
            return read;
        }
    }

    /** Where each unfinished partition stands: {@code topic-p at a of b}. */
    private static String behind(Map<TopicPartition, Long> next, Map<TopicPartition, Long> ends) {
        return next.entrySet().stream().filter(e -> e.getValue() < ends.get(e.getKey()))
                .map(e -> e.getKey() + " at " + e.getValue() + " of " + ends.get(e.getKey())).sorted().toList().toString();
    }

    /**
     * The commit's metadata: this read's answer, for a retry whose first call committed but lost its
     * answer. Kafka keeps at most {@code offset.metadata.max.bytes} (4096 by default) per partition:
     * an answer too large (thousands of gaps) is kept as a marker only.
     */
    static String metadata(String runId, CanaryRead read) {
        String full = METADATA_PREFIX + runId + " " + json(read);
        return full.getBytes(StandardCharsets.UTF_8).length <= METADATA_MAX_BYTES ? full
                : METADATA_PREFIX + runId + " " + UNKEPT + read.readId();
    }

    @Override
    public int startAtEnd(PairConfig pair, String cluster, String topic, String group) {
        ClusterConfig c = pair.cluster(cluster);
        Admin admin = admins.admin(c);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions(admin, c, topic); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        KafkaFailures.await(admin.listOffsets(latest).all(), c, "reading the end offsets of " + topic)
                .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
        KafkaFailures.await(admin.alterConsumerGroupOffsets(group, ends).all(), c,
                "placing the canary group " + group + " at the end of " + topic);
        return ends.size();
    }

    /**
     * The answer of this drill run's call {@code readId} that committed before (its answer lost),
     * from the commit's metadata; a failure when only its marker was kept.
     */
    static Optional<CanaryRead> earlier(Map<TopicPartition, OffsetAndMetadata> committed, String runId, String readId) {
        String ours = METADATA_PREFIX + runId + " ";
        for (OffsetAndMetadata o : committed.values()) {
            String m = o == null ? null : o.metadata();
            if (m == null || !m.startsWith(ours)) {
                continue;
            }
            String rest = m.substring(ours.length());
            if (rest.equals(UNKEPT + readId)) {
                throw ApplicationFailure.newNonRetryableFailure("canary read " + readId + " committed, but its answer was "
                        + "lost and too large to keep in the commit: its figures are unknown; run the drill again",
                        "CanaryAnswerLost");
            }
            try {
                CanaryRead read = JSON.readValue(rest, CanaryRead.class);
                if (readId.equals(read.readId())) {
                    return Optional.of(read);
                }
            } catch (JsonProcessingException notOurs) {
                // not an answer: a marker of another read
            }
        }
        return Optional.empty();
    }

    private static Optional<CanaryKey> key(ConsumerRecord<byte[], byte[]> r, String runId) {
        return CanaryKey.parse(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), runId);
    }

    private static int partitions(Admin admin, ClusterConfig c, String topic) {
        return KafkaFailures.await(admin.describeTopics(List.of(topic)).allTopicNames(), c, "describing " + topic)
                .get(topic).partitions().size();
    }

    private static String json(CanaryRead read) {
        try {
            return JSON.writeValueAsString(read);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
