package io.kafkadr.activities.handover;

import io.kafkadr.activities.cluster.CheckpointReaders;
import io.kafkadr.activities.common.SharedAnswers;
import io.kafkadr.activities.common.Waiting;
import io.kafkadr.activities.connect.ConnectActivitiesImpl;
import io.kafkadr.activities.kafka.CommittedRecords;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.ListedOffsets;
import io.kafkadr.activities.provenance.CopiedOffsets.Copied;
import io.kafkadr.activities.provenance.CopyLocator;
import io.kafkadr.activities.provenance.Origins;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.GroupOffsets;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.UncommittedStart;
import io.kafkadr.workflows.replication.MirrorConnector;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

public class HandOverActivitiesImpl implements HandOverActivities {

    private static final Duration POLL = Duration.ofSeconds(1);
    /**
     * Hand-overs running at the same time (of different groups) that ask what MM2 has copied
     * within this long of one another share one answer (one batched read of the target).
     */
    static final Duration REPLICATED_FRESHNESS = Duration.ofMillis(500);

    /** A source connector as its REST API knows it, and the cluster whose partitions its offsets name. */
    private record SourceConnector(ConnectEndpoint endpoint, String name, String sourceAlias) {
    }

    private final KafkaAdmins admins;
    private final ClusterActivities cluster;
    private final ConnectActivitiesImpl connect;
    private final CommittedRecords committedRecords;
    private final CheckpointReaders checkpoints;
    private final SharedAnswers<SourceConnector, Copied> replicated;

    /** {@code cluster} and {@code connect} are the activity implementations, called as plain objects. */
    public HandOverActivitiesImpl(KafkaAdmins admins, ClusterActivities cluster, ConnectActivitiesImpl connect) {
        this(admins, cluster, connect, new CheckpointReaders(admins));
    }

    /** {@code checkpoints}: the worker's incremental readers of MM2's checkpoints topics. */
    public HandOverActivitiesImpl(KafkaAdmins admins, ClusterActivities cluster, ConnectActivitiesImpl connect,
                                  CheckpointReaders checkpoints) {
        this.admins = admins;
        this.cluster = cluster;
        this.connect = connect;
        this.committedRecords = new CommittedRecords(admins.configs());
        this.checkpoints = checkpoints;
        this.replicated = new SharedAnswers<>(REPLICATED_FRESHNESS, System::nanoTime);
    }

    /**
     * What one activity call reads more than once, read once: the pair's topics per cluster, topic
     * ids, and the consumers its searches share (one per cluster, reassigned from partition to
     * partition), closed with the call.
     */
    private final class Call implements AutoCloseable {
        private final PairConfig pair;
        private final Map<String, List<String>> topics = new HashMap<>();
        private final Map<String, String> topicIds = new HashMap<>();
        private final RecordMatcher matcher = new RecordMatcher(admins.configs());
        private KafkaConsumer<byte[], byte[]> copiesReader;

        Call(PairConfig pair) {
            this.pair = pair;
        }

        List<String> matchTopics(String alias) {
            return topics.computeIfAbsent(alias, a -> cluster.matchTopics(pair, a));
        }

        String topicId(ClusterConfig c, String topic) {
            return topicIds.computeIfAbsent(c.alias() + "/" + topic, k -> Origins.topicId(admins, c, topic));
        }

        /** The reader the copy searches on {@code target} share (a call searches one target). */
        KafkaConsumer<byte[], byte[]> copiesReader(ClusterConfig target) {
            if (copiesReader == null) {
                copiesReader = admins.configs().reader(target);
            }
            return copiesReader;
        }

        @Override
        public void close() {
            matcher.close();
            if (copiesReader != null) {
                copiesReader.close();
            }
        }
    }

    @Override
    public void awaitGroupEmpty(PairConfig pair, String alias, String group) {
        ClusterConfig c = pair.cluster(alias);
        poll(pair.failover().groupEmptyTimeoutSeconds(), "group " + group + " to leave " + alias, () -> {
            int members = await(admins.admin(c).describeConsumerGroups(List.of(group)).describedGroups().get(group), c,
                    "describing group " + group).members().size();
            return members == 0 ? Optional.empty() : Optional.of(members + " members still in group " + group + " on " + alias);
        });
    }

    @Override
    public Map<String, List<PartitionOffset>> uncommittedStarts(PairConfig pair, Direction direction,
                                                                 List<ClientRef> groups) {
        List<String> mirrored = cluster.matchTopics(pair, direction.source());
        Map<String, List<PartitionOffset>> starts = new HashMap<>();
        for (ClientRef group : groups) {
            starts.put(group.name(), uncommittedStarts(pair.cluster(direction.source()), mirrored, group));
        }
        return starts;
    }

    private List<PartitionOffset> uncommittedStarts(ClusterConfig source, List<String> mirrored, ClientRef group) {
        Set<TopicPartition> committed = committed(source, group.name(), mirrored).keySet();
        List<String> topics = UncommittedPartitions.topics(committed, group.topics(), mirrored);
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        await(admins.admin(source).describeTopics(topics).allTopicNames(), source, "describing " + topics)
                .forEach((name, d) -> counts.put(name, d.partitions().size()));
        List<TopicPartition> open = UncommittedPartitions.of(committed, counts);
        OffsetSpec spec = group.uncommittedStart() == UncommittedStart.EARLIEST ? OffsetSpec.earliest() : OffsetSpec.latest();
        Map<TopicPartition, Long> at = listOffsets(source, open, spec, "listing " + group.uncommittedStart().value()
                + " offsets of partitions group " + group.name() + " never committed");
        return open.stream().map(tp -> new PartitionOffset(tp.topic(), tp.partition(), at.get(tp))).toList();
    }

    @Override
    public List<OffsetHandOver> handOver(PairConfig pair, Direction direction, String group, boolean sourceReachable,
                                         List<PartitionOffset> uncommitted) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        List<OffsetHandOver> result = new ArrayList<>();
        try (Call call = new Call(pair)) {
            Map<TopicPartition, Long> translated = translated(pair, direction, group);
            if (!sourceReachable) {
                translated.forEach((tp, offset) -> result.add(new OffsetHandOver(upstream(pair, direction, tp.topic()),
                        tp.topic(), tp.partition(), -1, offset, offset, OffsetHandOver.MM2)));
                result.addAll(withoutCheckpoint(call, direction, group, translated.keySet()));
            } else {
                Map<TopicPartition, Long> committed = committed(call, direction, source, group);
                // partitions still without a commit: placed as if committed where the client would have started
                Set<TopicPartition> open = new HashSet<>();
                for (PartitionOffset u : uncommitted == null ? List.<PartitionOffset>of() : uncommitted) {
                    TopicPartition tp = new TopicPartition(u.topic(), u.partition());
                    if (!committed.containsKey(tp)) {
                        committed.put(tp, u.offset());
                        open.add(tp);
                    }
                }
                handOverPartitions(call, direction, committed, translated).forEach(o -> result.add(
                        open.contains(new TopicPartition(o.topic(), o.partition())) ? new OffsetHandOver(o.topic(),
                                o.targetTopic(), o.partition(), o.sourceCommitted(), o.mm2Translated(), o.targetOffset(),
                                OffsetHandOver.UNCOMMITTED) : o));
            }
        }
        commit(target, group, result);
        return result;
    }

    /**
     * With the source gone, partitions MM2 never checkpointed for the group cannot be placed: each
     * is listed, keeping the offset the group already has on the target (MM2's last sync, {@code
     * kept}) or, with none, marked {@code none}: the client's auto.offset.reset decides there.
     */
    private List<OffsetHandOver> withoutCheckpoint(Call call, Direction direction, String group,
                                                   Set<TopicPartition> checkpointed) {
        PairConfig pair = call.pair;
        ClusterConfig target = pair.cluster(direction.target());
        Map<TopicPartition, OffsetAndMetadata> onTarget = await(admins.admin(target).listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), target, "reading offsets of group " + group);
        List<String> remoteTopics = !pair.topics().hasRegex()
                ? pair.topics().listed().stream().map(t -> pair.replication().remoteTopic(direction.source(), t)).toList()
                : call.matchTopics(direction.target());
        List<OffsetHandOver> unplaced = new ArrayList<>();
        for (var topic : await(admins.admin(target).describeTopics(remoteTopics).allTopicNames(), target,
                "describing " + remoteTopics).values()) {
            for (var p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                if (checkpointed.contains(tp)) {
                    continue;
                }
                OffsetAndMetadata kept = onTarget.get(tp);
                unplaced.add(new OffsetHandOver(upstream(pair, direction, tp.topic()), tp.topic(), tp.partition(), -1, -1,
                        kept == null ? -1 : kept.offset(), kept == null ? OffsetHandOver.NONE : OffsetHandOver.KEPT));
            }
        }
        return unplaced;
    }

    /**
     * The hand-over of every partition the group committed on the reachable source, in the order
     * of {@code committed}. Batched per group: start and end offsets of all partitions listed at
     * once per cluster, MM2's progress awaited for all partitions in one wait, one reader of the
     * target for all copy searches; each partition's decision is the one it would get alone.
     */
    private List<OffsetHandOver> handOverPartitions(Call call, Direction direction, Map<TopicPartition, Long> committed,
                                                    Map<TopicPartition, Long> translated) {
        PairConfig pair = call.pair;
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Map<TopicPartition, PartitionOffsets> onSource = offsets(source, committed.keySet());
        Map<TopicPartition, Long> consumed = new LinkedHashMap<>();
        List<TopicPartition> unconsumedTargets = new ArrayList<>();
        committed.forEach((sourceTp, offset) -> {
            if (offset <= onSource.get(sourceTp).startOffset()) {
                unconsumedTargets.add(targetPartition(pair, direction, sourceTp));
            } else {
                consumed.put(sourceTp, offset);
            }
        });
        Map<TopicPartition, Long> targetStarts = starts(target, unconsumedTargets);
        awaitReplicated(pair, direction, consumed);
        // listed once MM2 has copied what the group consumed, as each search's own listing was
        Map<TopicPartition, PartitionOffsets> onTarget = pair.replication().stampsOrigin()
                ? offsets(target, consumed.keySet().stream().map(tp -> targetPartition(pair, direction, tp)).toList())
                : Map.of();
        List<OffsetHandOver> result = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> c : committed.entrySet()) {
            TopicPartition sourceTp = c.getKey();
            TopicPartition targetTp = targetPartition(pair, direction, sourceTp);
            long mm2 = translated.getOrDefault(targetTp, -1L);
            result.add(consumed.containsKey(sourceTp)
                    ? handOverPartition(call, direction, sourceTp, c.getValue(), mm2, onSource.get(sourceTp),
                            onTarget.get(targetTp))
                    : new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), c.getValue(), mm2,
                            targetStarts.get(targetTp), OffsetHandOver.LOG_START));
        }
        return result;
    }

    /**
     * One partition whose group consumed records MM2 has copied; {@code onTarget}: the copy's
     * offsets, listed after the copying (only when the copies carry their origin).
     */
    private OffsetHandOver handOverPartition(Call call, Direction direction, TopicPartition sourceTp, long committed,
                                             long mm2, PartitionOffsets onSource, PartitionOffsets onTarget) {
        PairConfig pair = call.pair;
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        TopicPartition targetTp = targetPartition(pair, direction, sourceTp);
        if (pair.replication().stampsOrigin()) {
            CopyLocator.Source origin = new CopyLocator.Source(source.alias(), sourceTp.topic(),
                    call.topicId(source, sourceTp.topic()), sourceTp.partition());
            try (CopyLocator copies = new CopyLocator(call.copiesReader(target), target, targetTp, origin,
                    onTarget.startOffset(), onTarget.endOffset())) {
                Optional<Long> boundary = copies.firstAtOrAfter(committed);
                if (boundary.isPresent()) {
                    return new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), committed, mm2,
                            boundary.get(), OffsetHandOver.EXACT);
                }
            }
        }
        long byContent = resumeAfterCopy(call, source, sourceTp, onSource.startOffset(), committed, target, targetTp,
                mm2 >= 0 ? mm2 - 1 : 0);
        if (byContent >= 0) {
            return new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), committed, mm2,
                    byContent, OffsetHandOver.CONTENT);
        }
        if (mm2 < 0) {
            throw ApplicationFailure.newNonRetryableFailure("no copy of the records of " + sourceTp + " below " + committed
                    + " found on '" + target.alias() + "' and MM2 has no checkpoint for it: cannot place the group; "
                    + "check replication (drctl verify)", ActivityFailures.NOT_READY);
        }
        return new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), committed, mm2, mm2,
                OffsetHandOver.MM2);
    }

    private static TopicPartition targetPartition(PairConfig pair, Direction direction, TopicPartition sourceTp) {
        return new TopicPartition(pair.replication().remoteTopic(direction.source(), sourceTp.topic()),
                sourceTp.partition());
    }

    @Override
    public List<OffsetHandOver> handBack(PairConfig pair, Direction direction, String group) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Direction copiedFrom = new Direction(direction.target(), direction.source());
        Map<TopicPartition, OffsetAndMetadata> before = await(admins.admin(target).listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), target, "reading offsets of group " + group);
        List<OffsetHandOver> result = new ArrayList<>();
        try (Call call = new Call(pair)) {
            List<String> copies = call.matchTopics(direction.target()).stream()
                    .map(t -> pair.replication().remoteTopic(direction.target(), t)).toList();
            Map<TopicPartition, Long> committed = committed(source, group, copies);
            Map<TopicPartition, Long> sourceStarts = starts(source, committed.keySet());
            Map<TopicPartition, Long> targetStarts = starts(target, committed.keySet().stream()
                    .map(tp -> new TopicPartition(upstream(pair, copiedFrom, tp.topic()), tp.partition()))
                    .filter(tp -> before.get(tp) == null).toList());
            for (Map.Entry<TopicPartition, Long> c : committed.entrySet()) {
                TopicPartition sourceTp = c.getKey();
                TopicPartition targetTp = new TopicPartition(upstream(pair, copiedFrom, sourceTp.topic()),
                        sourceTp.partition());
                long kept = before.get(targetTp) == null ? targetStarts.get(targetTp) : before.get(targetTp).offset();
                long sourceStart = sourceStarts.get(sourceTp);
                long exact = -1;
                String derivation = OffsetHandOver.KEPT;
                if (c.getValue() > sourceStart) {
                    // the group read copies of the target's records: the last one names its original
                    Optional<ConsumerRecord<byte[], byte[]>> last = call.matcher.lastBefore(source, sourceTp, sourceStart,
                            c.getValue());
                    Optional<Origin> origin = last.flatMap(Origins::of);
                    if (origin.isPresent() && origin.get().isFrom(target.alias(), targetTp.topic(),
                            call.topicId(target, targetTp.topic()), targetTp.partition())) {
                        exact = origin.get().offset() + 1;
                        derivation = OffsetHandOver.EXACT;
                    } else {
                        exact = resumeAfterCopy(call, source, sourceTp, sourceStart, c.getValue(), target, targetTp, kept);
                        derivation = exact >= 0 ? OffsetHandOver.CONTENT : OffsetHandOver.KEPT;
                    }
                }
                result.add(new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), c.getValue(),
                        -1, exact >= 0 ? exact : kept, derivation));
            }
        }
        commit(target, group, result);
        return result;
    }

    /**
     * The content fallback: the target offset right after the target's copy of the record the
     * group consumed last on the source (the last one below {@code committed}), or -1 when no copy
     * is found. The copy is the same occurrence of that content, counted from the first offset at
     * the record's timestamp on both clusters (MM2 keeps timestamps and order); when the target has
     * nothing at that timestamp the scan counts from {@code from}. Each scan is
     * {@code failover.handOverScanRecords} long.
     */
    private long resumeAfterCopy(Call call, ClusterConfig source, TopicPartition sourceTp, long sourceStart,
                                 long committed, ClusterConfig target, TopicPartition targetTp, long from) {
        PairConfig pair = call.pair;
        RecordMatcher matcher = call.matcher;
        Optional<ConsumerRecord<byte[], byte[]>> lastConsumed = matcher.lastBefore(source, sourceTp, sourceStart, committed);
        if (lastConsumed.isEmpty()) {
            return -1;
        }
        ConsumerRecord<byte[], byte[]> wanted = lastConsumed.get();
        long sourceFrom = atTimestamp(source, sourceTp, wanted.timestamp()).orElse(wanted.offset());
        if (wanted.offset() - sourceFrom > pair.failover().handOverScanRecords()) {
            return -1;
        }
        int occurrence = matcher.occurrence(source, sourceTp, sourceFrom, wanted);
        // listed now, as this search always did: the fallback is rare, it keeps its own listing
        PartitionOffsets onTarget = offsets(target, List.of(targetTp)).get(targetTp);
        long start = atTimestamp(target, targetTp, wanted.timestamp()).orElse(Math.max(onTarget.startOffset(), from));
        long until = Math.min(onTarget.endOffset(), start + pair.failover().handOverScanRecords());
        long match = matcher.nthMatch(target, targetTp, start, until, wanted, occurrence);
        return match >= 0 ? match + 1 : -1;
    }

    /** The first offset of {@code tp} whose timestamp is at least {@code timestamp}, if any. */
    private Optional<Long> atTimestamp(ClusterConfig c, TopicPartition tp, long timestamp) {
        long offset = await(admins.admin(c).listOffsets(Map.of(tp, OffsetSpec.forTimestamp(timestamp))).all(), c,
                "looking up offsets by timestamp").get(tp).offset();
        return offset >= 0 ? Optional.of(offset) : Optional.empty();
    }

    /** MM2's latest checkpoints of {@code group}, from the worker's incremental reader of the checkpoints topic. */
    private Map<TopicPartition, Long> translated(PairConfig pair, Direction direction, String group) {
        ClusterConfig target = pair.cluster(direction.target());
        Set<String> existing = await(admins.admin(target).listTopics().names(), target, "listing topics");
        Map<TopicPartition, Long> map = new HashMap<>();
        for (GroupOffsets g : checkpoints.latest(target, CheckpointReaders.topic(direction), existing, List.of(group))) {
            g.offsets().forEach(o -> map.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        }
        return map;
    }

    private Map<TopicPartition, Long> committed(Call call, Direction direction, ClusterConfig source, String group) {
        return committed(source, group, call.matchTopics(direction.source()));
    }

    private Map<TopicPartition, Long> committed(ClusterConfig source, String group, List<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> all = await(admins.admin(source).listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), source, "reading offsets of group " + group);
        Map<TopicPartition, Long> result = new HashMap<>();
        all.forEach((tp, om) -> {
            if (om != null && topics.contains(tp.topic())) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    private void commit(ClusterConfig target, String group, List<OffsetHandOver> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.stream().filter(o -> o.targetOffset() >= 0).forEach(o -> commit.put(
                new TopicPartition(o.targetTopic(), o.partition()),
                new OffsetAndMetadata(o.targetOffset(), "kafka-dr hand-over (" + o.derivation() + ")")));
        if (commit.isEmpty()) {
            return;
        }
        try {
            admins.admin(target).alterConsumerGroupOffsets(group, commit).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException
                    || e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException) {
                throw ApplicationFailure.newNonRetryableFailure("group " + group + " already has members on '"
                        + target.alias() + "': offsets can only be handed over to an empty group; stop them first",
                        ActivityFailures.BAD_INPUT);
            }
            throw io.kafkadr.activities.kafka.KafkaFailures.translate(e.getCause(), target, "committing offsets of " + group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
    }

    /**
     * Waits until MM2 has copied every record (as read_committed consumers see them) below
     * {@code until} of each partition, all partitions in one wait. A partition that waited alone
     * had {@code failover.drainTimeoutSeconds} from the end of the previous one's wait: the wait
     * gives up once that long has passed since its start for each partition done, plus one.
     */
    private void awaitReplicated(PairConfig pair, Direction direction, Map<TopicPartition, Long> until) {
        if (until.isEmpty()) {
            return;
        }
        ClusterConfig source = pair.cluster(direction.source());
        int timeoutSeconds = pair.failover().drainTimeoutSeconds();
        Map<TopicPartition, Long> waiting = new LinkedHashMap<>(until);
        long began = System.nanoTime();
        while (true) {
            Copied answer = replicatedShared(pair, direction);
            Map<TopicPartition, Long> copied = byPartition(answer);
            Map<TopicPartition, CommittedRecords.Range> ranges = new HashMap<>();
            waiting.forEach((tp, below) -> ranges.put(tp, new CommittedRecords.Range(copied.getOrDefault(tp, -1L) + 1,
                    below)));
            Map<TopicPartition, Long> pending = committedRecords.count(source, ranges);
            waiting.keySet().removeIf(tp -> pending.get(tp) == 0);
            if (waiting.isEmpty()) {
                return;
            }
            String problem = String.join("; ", waiting.entrySet().stream().map(e -> pending.get(e.getKey())
                    + " records of " + e.getKey() + " from " + ranges.get(e.getKey()).from() + " below " + e.getValue()
                    + " not yet copied").toList()) + " (how far MM2 copied: " + answer.detail() + ")";
            Activity.getExecutionContext().heartbeat(problem);
            long waited = System.nanoTime() - began;
            if (waited > allowedWait(until.size() - waiting.size(), timeoutSeconds).toNanos()) {
                throw ApplicationFailure.newNonRetryableFailure("gave up waiting for MM2 to copy " + waiting.keySet()
                        + " below " + waiting.values() + " after " + Duration.ofNanos(waited).toSeconds() + " s ("
                        + timeoutSeconds + " s, failover.drainTimeoutSeconds, per partition): " + problem,
                        ActivityFailures.NOT_READY);
            }
            Waiting.pause(POLL);
        }
    }

    /** How long a wait for several partitions may last once {@code done} of them are copied: their turns and one more. */
    static Duration allowedWait(int done, int timeoutSeconds) {
        return Duration.ofSeconds((long) timeoutSeconds * (done + 1));
    }

    @Override
    public List<PartitionOffset> awaitDrained(PairConfig pair, Direction direction) {
        ClusterConfig source = pair.cluster(direction.source());
        List<String> topics = cluster.matchTopics(pair, direction.source());
        List<PartitionOffset> drainedTo = new ArrayList<>();
        poll(pair.failover().drainTimeoutSeconds(), "replication " + direction + " to drain", () -> {
            List<PartitionOffsets> ends = cluster.snapshot(pair, direction.source(), topics, List.of()).partitions();
            Copied answer = connect.copied(pair, direction);
            Map<TopicPartition, Long> copied = byPartition(answer);
            Map<TopicPartition, CommittedRecords.Range> left = new HashMap<>();
            for (PartitionOffsets p : ends) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                left.put(tp, new CommittedRecords.Range(Math.max(copied.getOrDefault(tp, -1L) + 1, p.startOffset()),
                        p.endOffset()));
            }
            // transaction markers and aborted records take offsets but are never copied: count records
            long behind = committedRecords.count(source, left).values().stream().mapToLong(Long::longValue).sum();
            if (behind > 0) {
                return Optional.of(behind + " records of " + source.alias() + " not yet copied (how far MM2 copied: "
                        + answer.detail() + ")");
            }
            drainedTo.clear();
            ends.forEach(p -> drainedTo.add(new PartitionOffset(p.topic(), p.partition(), p.endOffset())));
            return Optional.empty();
        });
        return drainedTo;
    }

    /**
     * How far MM2 has copied ({@link ConnectActivitiesImpl#copied}), shared with the hand-overs of
     * other groups running on this worker: one read in flight per connector, an answer at most
     * {@link #REPLICATED_FRESHNESS} old. What MM2 copied only grows while a hand-over waits, so an
     * answer that old only makes it wait a poll longer.
     */
    private Copied replicatedShared(PairConfig pair, Direction direction) {
        SourceConnector key = new SourceConnector(pair.cluster(direction.target()).connect(),
                MirrorConnector.SOURCE.connectorName(pair.name(), direction), direction.source());
        return replicated.get(key, () -> connect.copied(pair, direction));
    }

    private static Map<TopicPartition, Long> byPartition(Copied copied) {
        Map<TopicPartition, Long> map = new HashMap<>();
        copied.offsets().forEach(o -> map.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        return map;
    }

    /** Start and end offsets of {@code partitions} of {@code c}: one listing of each for all of them. */
    private Map<TopicPartition, PartitionOffsets> offsets(ClusterConfig c, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> start = listOffsets(c, partitions, OffsetSpec.earliest(), "listing start offsets");
        Map<TopicPartition, Long> end = listOffsets(c, partitions, OffsetSpec.latest(), "listing end offsets");
        Map<TopicPartition, PartitionOffsets> offsets = new HashMap<>();
        partitions.forEach(tp -> offsets.put(tp, new PartitionOffsets(tp.topic(), tp.partition(), start.get(tp),
                end.get(tp))));
        return offsets;
    }

    /** Start offsets of {@code partitions} of {@code c}, in one listing. */
    private Map<TopicPartition, Long> starts(ClusterConfig c, Collection<TopicPartition> partitions) {
        return listOffsets(c, partitions, OffsetSpec.earliest(), "listing start offsets");
    }

    private Map<TopicPartition, Long> listOffsets(ClusterConfig c, Collection<TopicPartition> partitions, OffsetSpec spec,
                                                  String what) {
        return ListedOffsets.of(admins.admin(c), c, partitions, spec, what);
    }

    private static String upstream(PairConfig pair, Direction direction, String remoteTopic) {
        String prefix = direction.source() + ".";
        return !pair.replication().identity() && remoteTopic.startsWith(prefix) ? remoteTopic.substring(prefix.length())
                : remoteTopic;
    }

    /** Waits until {@code problem} is empty; a timeout fails the attempt for good with the last problem. */
    private static void poll(int timeoutSeconds, String what, Supplier<Optional<String>> problem) {
        Waiting.until(Duration.ofSeconds(timeoutSeconds), POLL, problem).ifPresent(p -> {
            throw ApplicationFailure.newNonRetryableFailure("gave up waiting for " + what + " after " + timeoutSeconds
                    + " s: " + p, ActivityFailures.NOT_READY);
        });
    }
}
