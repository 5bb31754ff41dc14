package io.kafkadr.worker.metrics;

import io.kafkadr.activities.cluster.TopicSelector;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.activities.kafka.ListedOffsets;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.activities.provenance.CopyLocator;
import io.kafkadr.activities.provenance.CopyProgress;
import io.kafkadr.activities.provenance.Origins;
import io.kafkadr.activities.provenance.TargetTails;
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
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures the replication lag of a pair's mirrored partitions ({@link ReplicationLag}) in a few
 * batched calls per cluster: on the target, one listing of end offsets (and one of log starts) and
 * one read of each partition's last records (their origin headers, {@link TargetTails}, as the
 * activities read how far MM2 has copied); then on the source, one listing
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
        Map<TopicPartition, CopyProgress.TargetTail> tails = tails(reader(pair, "target", target), target, targetOf,
                source.alias());
        KafkaConsumer<byte[], byte[]> sourceReader = reader(pair, "source", source);
        Map<TopicPartition, Long> ends = ListedOffsets.of(sourceAdmin, source, targetOf.keySet(), OffsetSpec.latest(),
                "listing the end offsets of the mirrored partitions");
        Map<TopicPartition, Long> starts = ListedOffsets.of(sourceAdmin, source, targetOf.keySet(), OffsetSpec.earliest(),
                "listing the log start offsets of the mirrored partitions");

        Map<TopicPartition, Long> firstUncopied = new HashMap<>();
        for (TopicPartition s : targetOf.keySet()) {
            CopyProgress.TargetTail tail = tails.getOrDefault(targetOf.get(s), new CopyProgress.Empty());
            OptionalLong first = CopyProgress.firstUncopied(starts.get(s), ends.get(s), topicIds.get(s), tail);
            if (first.isPresent() && CopyProgress.nothingCopied(ends.get(s), topicIds.get(s), tail)) {
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
     * What the last {@link #TAIL_RECORDS} records of each target partition say about their source
     * partition ({@link TargetTails}); a target topic that does not exist yet has partitions with
     * nothing copied.
     */
    private Map<TopicPartition, CopyProgress.TargetTail> tails(KafkaConsumer<byte[], byte[]> reader,
                                                              ClusterConfig target,
                                                              Map<TopicPartition, TopicPartition> targetOf,
                                                              String sourceAlias) {
        Map<TopicPartition, CopyLocator.Source> sources = new HashMap<>();
        targetOf.forEach((s, t) -> sources.put(t, new CopyLocator.Source(sourceAlias, s.topic(), null, s.partition())));
        // the reader stays open for the next round: it is closed with this probe
        RangeReader tails = new RangeReader(reader, target.alias(), progress -> { }, System::nanoTime);
        return TargetTails.read(admins, target, tails, sources, TAIL_RECORDS);
    }

    /**
     * {@link CopyProgress#firstOwn} on the source partition {@code tp}, from where an earlier
     * round left off for this incarnation of its topic (copies from the target stay where they are).
     */
    private long firstOwn(KafkaConsumer<byte[], byte[]> reader, Set<TopicPartition> all, TopicPartition tp,
                          String topicId, long start, long end, String targetAlias) {
        String key = tp + "/" + topicId;
        long from = Math.max(start, ownFrom.getOrDefault(key, start));
        long own = CopyProgress.firstOwn(from, end, at -> {
            List<CopyProgress.SourceRecord> found = new ArrayList<>();
            read(reader, all, Map.of(tp, at), Map.of(tp, end), r -> {
                found.add(new CopyProgress.SourceRecord(r.offset(),
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
