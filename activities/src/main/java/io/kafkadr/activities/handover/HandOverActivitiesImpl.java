package io.kafkadr.activities.handover;

import io.kafkadr.activities.common.Waiting;
import io.kafkadr.activities.kafka.CommittedRecords;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.provenance.CopyLocator;
import io.kafkadr.activities.provenance.Origins;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.GroupOffsets;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

public class HandOverActivitiesImpl implements HandOverActivities {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final KafkaAdmins admins;
    private final ClusterActivities cluster;
    private final ConnectActivities connect;
    private final RecordMatcher matcher;
    private final CommittedRecords committedRecords;

    /** {@code cluster} and {@code connect} are the activity implementations, called as plain objects. */
    public HandOverActivitiesImpl(KafkaAdmins admins, ClusterActivities cluster, ConnectActivities connect) {
        this.admins = admins;
        this.cluster = cluster;
        this.connect = connect;
        this.matcher = new RecordMatcher(admins.configs());
        this.committedRecords = new CommittedRecords(admins.configs());
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
    public List<OffsetHandOver> handOver(PairConfig pair, Direction direction, String group, boolean sourceReachable) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Map<TopicPartition, Long> translated = translated(pair, direction, group);
        List<OffsetHandOver> result = new ArrayList<>();
        if (!sourceReachable) {
            translated.forEach((tp, offset) -> result.add(new OffsetHandOver(upstream(pair, direction, tp.topic()),
                    tp.topic(), tp.partition(), -1, offset, offset, OffsetHandOver.MM2)));
            result.addAll(withoutCheckpoint(pair, direction, group, translated.keySet()));
        } else {
            for (Map.Entry<TopicPartition, Long> committed : committed(pair, direction, source, group).entrySet()) {
                result.add(handOverPartition(pair, direction, committed.getKey(), committed.getValue(), translated));
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
    private List<OffsetHandOver> withoutCheckpoint(PairConfig pair, Direction direction, String group,
                                                   Set<TopicPartition> checkpointed) {
        ClusterConfig target = pair.cluster(direction.target());
        Map<TopicPartition, OffsetAndMetadata> onTarget = await(admins.admin(target).listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), target, "reading offsets of group " + group);
        List<String> remoteTopics = !pair.topics().hasRegex()
                ? pair.topics().names().stream().map(t -> pair.replication().remoteTopic(direction.source(), t)).toList()
                : cluster.matchTopics(pair, direction.target());
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

    private OffsetHandOver handOverPartition(PairConfig pair, Direction direction, TopicPartition sourceTp,
                                             long committed, Map<TopicPartition, Long> translated) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        TopicPartition targetTp = new TopicPartition(pair.replication().remoteTopic(direction.source(), sourceTp.topic()),
                sourceTp.partition());
        long mm2 = translated.getOrDefault(targetTp, -1L);
        PartitionOffsets onSource = offsets(source, sourceTp);
        if (committed <= onSource.startOffset()) {
            return new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), committed, mm2,
                    offsets(target, targetTp).startOffset(), OffsetHandOver.LOG_START);
        }
        awaitReplicated(pair, direction, sourceTp, committed);
        if (pair.replication().stampsOrigin()) {
            CopyLocator.Source origin = new CopyLocator.Source(source.alias(), sourceTp.topic(),
                    Origins.topicId(admins, source, sourceTp.topic()), sourceTp.partition());
            try (CopyLocator copies = new CopyLocator(admins.configs(), target, targetTp, origin)) {
                Optional<Long> boundary = copies.firstAtOrAfter(committed);
                if (boundary.isPresent()) {
                    return new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), committed, mm2,
                            boundary.get(), OffsetHandOver.EXACT);
                }
            }
        }
        long byContent = resumeAfterCopy(pair, source, sourceTp, onSource.startOffset(), committed, target, targetTp,
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

    @Override
    public List<OffsetHandOver> handBack(PairConfig pair, Direction direction, String group) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Direction copiedFrom = new Direction(direction.target(), direction.source());
        Map<TopicPartition, OffsetAndMetadata> before = await(admins.admin(target).listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), target, "reading offsets of group " + group);
        List<OffsetHandOver> result = new ArrayList<>();
        List<String> copies = cluster.matchTopics(pair, direction.target()).stream()
                .map(t -> pair.replication().remoteTopic(direction.target(), t)).toList();
        for (Map.Entry<TopicPartition, Long> committed : committed(source, group, copies).entrySet()) {
            TopicPartition sourceTp = committed.getKey();
            TopicPartition targetTp = new TopicPartition(upstream(pair, copiedFrom, sourceTp.topic()), sourceTp.partition());
            long kept = before.get(targetTp) == null ? offsets(target, targetTp).startOffset() : before.get(targetTp).offset();
            long sourceStart = offsets(source, sourceTp).startOffset();
            long exact = -1;
            String derivation = OffsetHandOver.KEPT;
            if (committed.getValue() > sourceStart) {
                // the group read copies of the target's records: the last one names its original
                Optional<ConsumerRecord<byte[], byte[]>> last = matcher.lastBefore(source, sourceTp, sourceStart,
                        committed.getValue());
                Optional<Origin> origin = last.flatMap(Origins::of);
                if (origin.isPresent() && origin.get().isFrom(target.alias(), targetTp.topic(),
                        Origins.topicId(admins, target, targetTp.topic()), targetTp.partition())) {
                    exact = origin.get().offset() + 1;
                    derivation = OffsetHandOver.EXACT;
                } else {
                    exact = resumeAfterCopy(pair, source, sourceTp, sourceStart, committed.getValue(), target, targetTp, kept);
                    derivation = exact >= 0 ? OffsetHandOver.CONTENT : OffsetHandOver.KEPT;
                }
            }
            result.add(new OffsetHandOver(sourceTp.topic(), targetTp.topic(), sourceTp.partition(), committed.getValue(),
                    -1, exact >= 0 ? exact : kept, derivation));
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
    private long resumeAfterCopy(PairConfig pair, ClusterConfig source, TopicPartition sourceTp, long sourceStart,
                                 long committed, ClusterConfig target, TopicPartition targetTp, long from) {
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
        PartitionOffsets onTarget = offsets(target, targetTp);
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

    private Map<TopicPartition, Long> translated(PairConfig pair, Direction direction, String group) {
        Map<TopicPartition, Long> map = new HashMap<>();
        for (GroupOffsets g : cluster.mirrorState(pair, direction, List.of(group)).checkpoints()) {
            g.offsets().forEach(o -> map.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        }
        return map;
    }

    private Map<TopicPartition, Long> committed(PairConfig pair, Direction direction, ClusterConfig source, String group) {
        return committed(source, group, cluster.matchTopics(pair, direction.source()));
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

    /** Waits until MM2 has copied every record (as read_committed consumers see them) below {@code until}. */
    private void awaitReplicated(PairConfig pair, Direction direction, TopicPartition tp, long until) {
        ClusterConfig source = pair.cluster(direction.source());
        poll(pair.failover().drainTimeoutSeconds(), "MM2 to copy " + tp + " below " + until, () -> {
            long next = replicated(pair, direction).getOrDefault(tp, -1L) + 1;
            long pending = committedRecords.count(source, Map.of(tp, new CommittedRecords.Range(next, until))).get(tp);
            return pending == 0 ? Optional.empty()
                    : Optional.of(pending + " records of " + tp + " from " + next + " below " + until + " not yet copied");
        });
    }

    @Override
    public List<PartitionOffset> awaitDrained(PairConfig pair, Direction direction) {
        ClusterConfig source = pair.cluster(direction.source());
        List<String> topics = cluster.matchTopics(pair, direction.source());
        List<PartitionOffset> drainedTo = new ArrayList<>();
        poll(pair.failover().drainTimeoutSeconds(), "replication " + direction + " to drain", () -> {
            List<PartitionOffsets> ends = cluster.snapshot(pair, direction.source(), topics, List.of()).partitions();
            Map<TopicPartition, Long> copied = replicated(pair, direction);
            Map<TopicPartition, CommittedRecords.Range> left = new HashMap<>();
            for (PartitionOffsets p : ends) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                left.put(tp, new CommittedRecords.Range(Math.max(copied.getOrDefault(tp, -1L) + 1, p.startOffset()),
                        p.endOffset()));
            }
            // transaction markers and aborted records take offsets but are never copied: count records
            long behind = committedRecords.count(source, left).values().stream().mapToLong(Long::longValue).sum();
            if (behind > 0) {
                return Optional.of(behind + " records of " + source.alias() + " not yet copied");
            }
            drainedTo.clear();
            ends.forEach(p -> drainedTo.add(new PartitionOffset(p.topic(), p.partition(), p.endOffset())));
            return Optional.empty();
        });
        return drainedTo;
    }

    private Map<TopicPartition, Long> replicated(PairConfig pair, Direction direction) {
        Map<TopicPartition, Long> map = new HashMap<>();
        connect.replicatedOffsets(pair, direction).forEach(o -> map.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        return map;
    }

    private PartitionOffsets offsets(ClusterConfig c, TopicPartition tp) {
        Admin admin = admins.admin(c);
        long start = await(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all(), c,
                "listing start offsets").get(tp).offset();
        long end = await(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all(), c,
                "listing end offsets").get(tp).offset();
        return new PartitionOffsets(tp.topic(), tp.partition(), start, end);
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
