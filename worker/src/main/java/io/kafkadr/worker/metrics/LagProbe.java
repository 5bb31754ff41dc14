package io.kafkadr.worker.metrics;

import io.kafkadr.activities.cluster.TopicSelector;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.activities.kafka.ListedOffsets;
import io.kafkadr.activities.provenance.Origins;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Measures the replication lag of a pair's mirrored partitions ({@link ReplicationLag}) in a few
 * batched calls per cluster: on the target, one listing of end offsets (and one of log starts) and
 * one read of each partition's last records (their origin headers); then on the source, one listing
 * of end offsets (and one of log starts) and one read of the first record not copied yet of each
 * partition behind. Offsets are listed by the admin client, never by the readers: a reader only
 * reads, always the same partitions. Kafka is reached with
 * the activities' client configs (security and secrets resolved the same way); its consumers are
 * kept per cluster, used by one thread (the collector's), closed with it.
 */
final class LagProbe implements AutoCloseable {

    /** How many records back from a target partition's end the newest copy is looked for. */
    static final int TAIL_RECORDS = 16;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** One partition's lag, by its source topic and partition. */
    record PartitionLag(String topic, String targetTopic, int partition, ReplicationLag.Lag lag) {
    }

    private final KafkaAdmins admins;
    private final LongSupplier clock;
    private final Map<String, KafkaConsumer<byte[], byte[]>> readers = new ConcurrentHashMap<>();
    /** Per source partition and topic id: the offset before which every record is a copy from the target. */
    private final Map<String, Long> ownFrom = new ConcurrentHashMap<>();

    LagProbe(KafkaAdmins admins, LongSupplier clock) {
        this.admins = admins;
        this.clock = clock;
    }

    /** The lag of every mirrored partition of {@code pair} replicating in {@code direction}. */
    List<PartitionLag> measure(PairConfig pair, Direction direction) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Admin sourceAdmin = admins.admin(source);
        List<String> topics = TopicSelector.selectOn(sourceAdmin, source, pair.topics());
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = KafkaFailures.await(sourceAdmin.describeTopics(topics).allTopicNames(),
                source, "describing the mirrored topics");
        Map<TopicPartition, TopicPartition> targetOf = new HashMap<>();
        Map<TopicPartition, String> topicIds = new HashMap<>();
        described.forEach((topic, d) -> d.partitions().forEach(p -> {
            TopicPartition s = new TopicPartition(topic, p.partition());
            targetOf.put(s, new TopicPartition(pair.replication().remoteTopic(source.alias(), topic), p.partition()));
            topicIds.put(s, d.topicId().toString());
        }));

        // the target first: the source's ends listed after it are at or past every copy read
        Map<TopicPartition, ReplicationLag.TargetTail> tails = tails(reader(pair, "target", target), target,
                new ArrayList<>(targetOf.values()), source.alias());
        KafkaConsumer<byte[], byte[]> sourceReader = reader(pair, "source", source);
        Map<TopicPartition, Long> ends = ListedOffsets.of(sourceAdmin, source, targetOf.keySet(), OffsetSpec.latest(),
                "listing the end offsets of the mirrored partitions");
        Map<TopicPartition, Long> starts = ListedOffsets.of(sourceAdmin, source, targetOf.keySet(), OffsetSpec.earliest(),
                "listing the log start offsets of the mirrored partitions");

        Map<TopicPartition, Long> firstUncopied = new HashMap<>();
        for (TopicPartition s : targetOf.keySet()) {
            ReplicationLag.TargetTail tail = tails.getOrDefault(targetOf.get(s), new ReplicationLag.Empty());
            OptionalLong first = ReplicationLag.firstUncopied(starts.get(s), ends.get(s), topicIds.get(s), tail);
            if (first.isPresent() && ReplicationLag.nothingCopied(ends.get(s), topicIds.get(s), tail)) {
                first = OptionalLong.of(firstOwn(sourceReader, targetOf.keySet(), s, topicIds.get(s), first.getAsLong(),
                        ends.get(s), target.alias()));
            }
            first.ifPresent(f -> firstUncopied.put(s, f));
        }
        Map<TopicPartition, Long> oldest = firstRecordTimes(sourceReader, targetOf.keySet(), firstUncopied, ends);
        long now = clock.getAsLong();
        List<PartitionLag> lags = new ArrayList<>();
        firstUncopied.forEach((s, first) -> lags.add(new PartitionLag(s.topic(), targetOf.get(s).topic(), s.partition(),
                ReplicationLag.lag(first, ends.get(s), Optional.ofNullable(oldest.get(s)), now))));
        return lags;
    }

    /**
     * What the last records of each target partition say about their source partition; a target
     * topic that does not exist yet has partitions with nothing copied ({@link ReplicationLag.Empty}).
     */
    private Map<TopicPartition, ReplicationLag.TargetTail> tails(KafkaConsumer<byte[], byte[]> reader,
                                                                 ClusterConfig target, List<TopicPartition> partitions,
                                                                 String sourceAlias) {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
        ListOffsetsResult listed = admins.admin(target).listOffsets(wanted);
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                ends.put(tp, listed.partitionResult(tp).get().offset());
            } catch (ExecutionException e) {
                // a target topic MM2 has not created yet: nothing copied; anything else is an error
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("listing the end offsets of the target partitions on '"
                            + target.alias() + "' (" + target.bootstrapServers() + "): " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Map<TopicPartition, ReplicationLag.TargetTail> tails = new HashMap<>();
        Map<TopicPartition, Long> starts = ListedOffsets.of(admins.admin(target), target, ends.keySet(),
                OffsetSpec.earliest(), "listing the log start offsets of the target partitions");
        Map<TopicPartition, Long> from = new HashMap<>();
        ends.forEach((tp, end) -> {
            if (end <= starts.get(tp)) {
                tails.put(tp, new ReplicationLag.Empty());
            } else {
                from.put(tp, Math.max(starts.get(tp), end - TAIL_RECORDS));
            }
        });
        Map<TopicPartition, Origin> newest = new HashMap<>();
        read(reader, ends.keySet(), from, ends, r -> {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            Origins.of(r).filter(o -> o.cluster().equals(sourceAlias) && o.partition() == r.partition())
                    .ifPresent(o -> newest.put(tp, o));
            return true;
        });
        from.keySet().forEach(tp -> tails.put(tp, newest.containsKey(tp)
                ? new ReplicationLag.Copy(newest.get(tp).offset(), newest.get(tp).topicId())
                : new ReplicationLag.NoOrigin()));
        return tails;
    }

    /**
     * {@link ReplicationLag#firstOwn} on the source partition {@code tp}, from where an earlier
     * round left off for this incarnation of its topic (copies from the target stay where they are).
     */
    private long firstOwn(KafkaConsumer<byte[], byte[]> reader, Set<TopicPartition> all, TopicPartition tp,
                          String topicId, long start, long end, String targetAlias) {
        String key = tp + "/" + topicId;
        long from = Math.max(start, ownFrom.getOrDefault(key, start));
        long own = ReplicationLag.firstOwn(from, end, at -> {
            List<ReplicationLag.SourceRecord> found = new ArrayList<>();
            read(reader, all, Map.of(tp, at), Map.of(tp, end), r -> {
                found.add(new ReplicationLag.SourceRecord(r.offset(),
                        Origins.of(r).filter(o -> o.cluster().equals(targetAlias)).isPresent()));
                return false;
            });
            return found.stream().findFirst();
        });
        ownFrom.put(key, own);
        return own;
    }

    /** The timestamp of the first record at or after each offset of {@code from}, below its end. */
    private Map<TopicPartition, Long> firstRecordTimes(KafkaConsumer<byte[], byte[]> reader, Set<TopicPartition> all,
                                                       Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> wanted = new HashMap<>();
        from.forEach((tp, f) -> {
            if (f < ends.get(tp)) {
                wanted.put(tp, f);
            }
        });
        Map<TopicPartition, Long> times = new HashMap<>();
        read(reader, all, wanted, ends, r -> {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            times.putIfAbsent(tp, r.timestamp());
            return false;
        });
        return times;
    }

    /** A record handler; false: this partition is read far enough. */
    @FunctionalInterface
    private interface Each {
        boolean accept(ConsumerRecord<byte[], byte[]> record);
    }

    /**
     * Reads {@code [from, until)} of every partition at once, until each is read or its handler is
     * done. The reader stays assigned to {@code all} (the same partitions every round: no fetch is
     * answered for a partition it no longer has), the ones not being read paused.
     */
    private static void read(KafkaConsumer<byte[], byte[]> reader, Set<TopicPartition> all,
                             Map<TopicPartition, Long> from, Map<TopicPartition, Long> until, Each each) {
        if (!reader.assignment().equals(all)) {
            reader.assign(all);
        }
        reader.pause(all);
        if (from.isEmpty()) {
            return;
        }
        from.forEach(reader::seek);
        reader.resume(from.keySet());
        Set<TopicPartition> open = new HashSet<>(from.keySet());
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try {
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + open + " did not reach their end offsets within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (open.contains(tp) && (r.offset() >= until.get(tp) || !each.accept(r))) {
                        open.remove(tp);
                    }
                }
                // partitions read to their end (a transaction marker may be the last offset: no record)
                open.removeIf(tp -> reader.position(tp) >= until.get(tp));
                reader.pause(from.keySet().stream().filter(tp -> !open.contains(tp)).toList());
            }
        } finally {
            reader.pause(all);
        }
    }

    /** The reader of {@code pair}'s partitions on {@code cluster} in {@code role} (target tails, source records). */
    private KafkaConsumer<byte[], byte[]> reader(PairConfig pair, String role, ClusterConfig cluster) {
        String key = pair.name() + "/" + role + "/" + cluster.alias() + "@" + cluster.bootstrapServers() + "/"
                + cluster.securityOrPlaintext();
        return readers.computeIfAbsent(key, k -> admins.configs().reader(cluster));
    }

    @Override
    public void close() {
        readers.values().forEach(KafkaConsumer::close);
        readers.clear();
    }
}
