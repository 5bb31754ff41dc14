package io.kafkadr.activities.failback;

import io.kafkadr.activities.common.Waiting;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.Topics;
import io.kafkadr.activities.provenance.CopyLocator;
import io.kafkadr.activities.provenance.Origins;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.failback.FailbackActivities;
import io.kafkadr.workflows.failback.ForeignWrites;
import io.kafkadr.workflows.failback.RecreatedCheck;
import io.kafkadr.workflows.failback.WriteFence;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import java.util.HashSet;
import org.apache.kafka.common.TopicPartition;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

public class FailbackActivitiesImpl implements FailbackActivities {

    private static final Duration DELETION_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final KafkaAdmins admins;
    private final ClusterActivities cluster;
    private final Quarantine quarantine;
    private final WriteFences fences;

    /** {@code cluster} is the activity implementation, called as a plain object. */
    public FailbackActivitiesImpl(KafkaAdmins admins, ClusterActivities cluster) {
        this.admins = admins;
        this.cluster = cluster;
        this.quarantine = new Quarantine(admins.configs(), System::currentTimeMillis);
        this.fences = new WriteFences(admins);
    }

    /** Rounds of salvage while the source's end offsets still move; then the writers are named, nothing deleted. */
    static final int SALVAGE_ROUNDS = 3;

    @Override
    public List<PartitionOffset> salvage(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo,
                                        long quarantineSince) {
        ClusterConfig source = pair.cluster(direction.source());
        refuseWhileGroupsRead(pair, source);
        Map<TopicPartition, Long> copied = byPartition(copiedUpTo);
        List<String> topics = cluster.matchTopics(pair, direction.source());
        List<PartitionOffsets> before = cluster.snapshot(pair, direction.source(), topics, List.of()).partitions();
        for (int round = 1; round <= SALVAGE_ROUNDS; round++) {
            List<PartitionOffset> salvaged = salvageRound(pair, direction, copied, before, quarantineSince);
            List<PartitionOffsets> after = cluster.snapshot(pair, direction.source(), topics, List.of()).partitions();
            if (endOffsets(after).equals(endOffsets(before))) {
                return salvaged;
            }
            before = after;
        }
        throw ApplicationFailure.newNonRetryableFailure("'" + source.alias() + "' still receives writes to " + topics
                + " after " + SALVAGE_ROUNDS + " rounds of salvage: stop every producer that writes there (a client "
                + "restarted on its own, a rollback), then fail back again; nothing was deleted",
                ActivityFailures.BAD_INPUT);
    }

    private List<PartitionOffset> salvageRound(PairConfig pair, Direction direction, Map<TopicPartition, Long> copied,
                                               List<PartitionOffsets> partitions, long since) {
        List<PartitionOffset> salvaged = new ArrayList<>();
        Map<String, SourceTopic> topics = new HashMap<>();
        for (PartitionOffsets p : partitions) {
            long orphans = orphans(pair, direction, copied, p, true, topics, since);
            salvaged.add(new PartitionOffset(p.topic(), p.partition(), orphans));
            Activity.getExecutionContext().heartbeat("salvaged " + p.topic() + "-" + p.partition() + ": " + orphans);
        }
        return salvaged;
    }

    /** What salvage needs of a source topic, read once per topic: its id and its largest record. */
    private record SourceTopic(String id, int maxRecordBytes) {
    }

    /** Reads what salvage needs of {@code name} on {@code direction.source()}; with {@code quarantine}, puts its quarantine topic in place. */
    private SourceTopic sourceTopic(PairConfig pair, Direction direction, String name, boolean quarantine) {
        ClusterConfig source = pair.cluster(direction.source());
        SourceTopic t = new SourceTopic(Origins.topicId(admins, source, name), maxMessageBytes(source, name));
        if (quarantine) {
            ensureQuarantine(pair, pair.cluster(direction.target()), QUARANTINE_PREFIX + name,
                    partitionCount(pair, direction.source(), name), t.maxRecordBytes());
        }
        return t;
    }

    /**
     * The records of one partition of {@code direction.source()} beyond what MM2 had committed as
     * copied that the target holds no copy of: quarantined ({@code quarantine}, returning how many
     * the quarantine holds) or only counted where not yet quarantined. {@code topics} keeps what was
     * read of each topic (and that its quarantine topic is in place) across its partitions.
     */
    private long orphans(PairConfig pair, Direction direction, Map<TopicPartition, Long> copied, PartitionOffsets p,
                         boolean quarantine, Map<String, SourceTopic> topics, long since) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        TopicPartition tp = new TopicPartition(p.topic(), p.partition());
        long from = Math.max(p.startOffset(), copied.getOrDefault(tp, -1L) + 1);
        if (from >= p.endOffset()) {
            return 0;
        }
        String topic = QUARANTINE_PREFIX + p.topic();
        SourceTopic known = topics.computeIfAbsent(p.topic(), name -> sourceTopic(pair, direction, name, quarantine));
        TopicPartition replica = new TopicPartition(pair.replication().remoteTopic(direction.source(), p.topic()),
                p.partition());
        Set<Long> present = presentOnTarget(pair, direction, tp, known.id(), p.startOffset(), from, p.endOffset(), replica);
        Quarantine.SourcePartition in = new Quarantine.SourcePartition(p.topic(), known.id(), p.partition());
        if (!quarantine) {
            return this.quarantine.missing(source, in, from, p.endOffset(), present, target, topic, since);
        }
        return this.quarantine.copy(source, in, from, p.endOffset(), r -> !present.contains(r.offset()), target, topic,
                known.maxRecordBytes(), since).count();
    }

    /**
     * Source offsets in {@code [from, until)} that the target holds a copy of: read off the copies'
     * origin headers (exact, whatever MM2 had committed), or, for copies without origin, the run of
     * records from {@code from} on recognised by content.
     */
    private Set<Long> presentOnTarget(PairConfig pair, Direction direction, TopicPartition tp, String topicId,
                                      long sourceStart, long from, long until, TopicPartition replica) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        if (pair.replication().stampsOrigin()) {
            try (CopyLocator copies = new CopyLocator(admins.configs(), target, replica,
                    new CopyLocator.Source(source.alias(), tp.topic(), topicId, tp.partition()))) {
                Optional<Long> boundary = copies.firstAtOrAfter(from);
                if (boundary.isPresent()) {
                    return new HashSet<>(copies.upstreamFrom(boundary.get(), pair.failover().handOverScanRecords())
                            .subSet(from, until));
                }
            }
        }
        long firstAbsent = quarantine.firstAbsent(source, tp, sourceStart, from, until, target, replica,
                pair.failover().handOverScanRecords());
        Set<Long> present = new HashSet<>();
        for (long o = from; o < firstAbsent; o++) {
            present.add(o);
        }
        return present;
    }

    /**
     * Fencing writes: a record written after the salvage would be deleted with its topic. Returns
     * the end offsets the check read up to.
     */
    private Map<TopicPartition, Long> refuseUnsalvaged(PairConfig pair, Direction salvaged, List<String> topics,
                                                       List<PartitionOffset> copiedUpTo, long since) {
        Map<TopicPartition, Long> copied = byPartition(copiedUpTo);
        long missing = 0;
        List<PartitionOffsets> partitions = cluster.snapshot(pair, salvaged.source(), topics, List.of()).partitions();
        for (PartitionOffsets p : partitions) {
            missing += orphans(pair, salvaged, copied, p, false, new HashMap<>(), since);
        }
        if (missing > 0) {
            throw ApplicationFailure.newNonRetryableFailure(missing + " records of '" + salvaged.source() + "' were written "
                    + "after the salvage and are neither on '" + salvaged.target() + "' nor quarantined: nothing was "
                    + "deleted; stop every producer that writes to " + topics + " there and fail back again (the salvage "
                    + "copies only what it has not copied yet)", ActivityFailures.BAD_INPUT);
        }
        return endOffsets(partitions);
    }

    /**
     * The last look before the deletion: the end offsets of {@code doomed} must still be those the
     * final check read up to. A record written since would be deleted unsalvaged.
     */
    private void refuseMoved(PairConfig pair, ClusterConfig clean, List<String> doomed, Map<TopicPartition, Long> checked) {
        Map<TopicPartition, Long> now = endOffsets(cluster.snapshot(pair, clean.alias(), doomed, List.of()).partitions());
        List<String> moved = now.entrySet().stream().filter(e -> !e.getValue().equals(checked.get(e.getKey())))
                .map(e -> e.getKey() + " " + checked.get(e.getKey()) + " -> " + e.getValue()).sorted().toList();
        if (!moved.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("'" + clean.alias() + "' received writes to " + doomed
                    + " during the final check before their deletion (end offsets " + moved + "): nothing was deleted; "
                    + "stop every producer that writes there and fail back again (the salvage copies only what it has "
                    + "not copied yet)", ActivityFailures.BAD_INPUT);
        }
    }

    /**
     * Fencing reads: a group of the pair that still has members on the source would lose what is
     * deleted. Members of consumers that died with the region stay listed until their session
     * times out after the brokers come back, so members get {@code failover.groupEmptyTimeoutSeconds}
     * to leave before the failback refuses.
     */
    private void refuseWhileGroupsRead(PairConfig pair, ClusterConfig source) {
        int timeout = pair.failover().groupEmptyTimeoutSeconds();
        Waiting.until(Duration.ofSeconds(timeout), POLL, () -> {
            Map<String, ConsumerGroupDescription> groups = await(admins.admin(source)
                    .describeConsumerGroups(pair.groupIds()).all(), source, "describing the pair's consumer groups");
            List<String> active = groups.values().stream().filter(g -> !g.members().isEmpty())
                    .map(g -> g.groupId() + " (" + g.members().size() + " members: " + g.members().stream()
                            .map(m -> m.clientId() + m.host()).sorted().toList() + ")")
                    .sorted().toList();
            return active.isEmpty() ? Optional.empty() : Optional.of("consumer groups still read from '" + source.alias()
                    + "': " + active);
        }).ifPresent(problem -> {
            throw ApplicationFailure.newNonRetryableFailure(problem + " after " + timeout + " s "
                    + "(failover.groupEmptyTimeoutSeconds); their topics are about to be deleted: stop them there "
                    + "(drctl status shows where each client should be) and fail back again; nothing was deleted",
                    ActivityFailures.BAD_INPUT);
        });
    }

    private static Map<TopicPartition, Long> endOffsets(List<PartitionOffsets> partitions) {
        return byPartition(partitions.stream().map(p -> new PartitionOffset(p.topic(), p.partition(), p.endOffset())).toList());
    }

    private static Map<TopicPartition, Long> byPartition(List<PartitionOffset> offsets) {
        Map<TopicPartition, Long> map = new HashMap<>();
        offsets.forEach(o -> map.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        return map;
    }

    /** The largest record {@code topic} accepts (its max.message.bytes, explicit or the broker's). */
    private int maxMessageBytes(ClusterConfig c, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admins.admin(c).describeConfigs(List.of(resource)).all(), c, "describing " + topic)
                .get(resource);
        ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        return entry == null || entry.value() == null ? 1_048_588 : Integer.parseInt(entry.value());
    }

    @Override
    public List<String> recreateTopics(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo,
                                       long quarantineSince) {
        ClusterConfig clean = pair.cluster(direction.target());
        List<String> topics = cluster.matchTopics(pair, direction.source());
        List<TopicInfo> truth = cluster.snapshot(pair, direction.source(), topics, List.of()).topics();
        Admin admin = admins.admin(clean);
        Set<String> existing = await(admin.listTopics().names(), clean, "listing topics");
        List<String> doomed = topics.stream().filter(existing::contains).toList();
        if (!doomed.isEmpty()) {
            refuseWhileGroupsRead(pair, clean);
            Map<TopicPartition, Long> checked = refuseUnsalvaged(pair, new Direction(direction.target(), direction.source()),
                    doomed, copiedUpTo, quarantineSince);
            refuseMoved(pair, clean, doomed, checked);
            await(admin.deleteTopics(doomed).all(), clean, "deleting " + doomed);
        }
        awaitGone(admin, clean, doomed);
        for (TopicInfo t : truth) {
            if (!Topics.createUnlessExists(admin, clean, pair.replication(), t.name(), t.partitions(), t.explicitConfigs())) {
                refuseOther(pair, clean, t, direction.source());
            }
        }
        return topics;
    }

    /**
     * A topic that exists where the failback has just deleted it was created by someone else
     * meanwhile (a producer's auto-creation, a script) or by an earlier attempt of this step: taken
     * only when it has the partitions and configs the secondary's has, else the failback stops
     * naming the difference.
     */
    private void refuseOther(PairConfig pair, ClusterConfig clean, TopicInfo wanted, String truthAlias) {
        TopicInfo found = cluster.snapshot(pair, clean.alias(), List.of(wanted.name()), List.of()).topics().get(0);
        String difference = Topics.difference(wanted, found);
        if (difference != null) {
            throw ApplicationFailure.newNonRetryableFailure(wanted.name() + " exists on '" + clean.alias()
                    + "' again after its deletion, not as on '" + truthAlias + "': " + difference + "; someone created it "
                    + "meanwhile (a producer with auto-creation, a script): stop them, delete it on '" + clean.alias()
                    + "' (its records are not copies: salvage them first if they matter) and fail back again",
                    ActivityFailures.BAD_INPUT);
        }
    }

    @Override
    public RecreatedCheck checkRecreated(PairConfig pair, Direction back, List<String> topics, List<PartitionOffset> from,
                                         long quarantineSince) {
        ClusterConfig primary = pair.cluster(back.target());
        ClusterConfig secondary = pair.cluster(back.source());
        List<PartitionOffsets> partitions = cluster.snapshot(pair, back.target(), topics, List.of()).partitions();
        List<PartitionOffset> upTo = partitions.stream()
                .map(p -> new PartitionOffset(p.topic(), p.partition(), p.endOffset())).toList();
        if (!pair.replication().stampsOrigin()) {
            return new RecreatedCheck(upTo, List.of(), "provenance is off (replication.provenance: false): reverse copies "
                    + "carry no origin to tell them from records written to '" + primary.alias() + "' directly");
        }
        Map<TopicPartition, Long> start = byPartition(from);
        Direction quarantining = new Direction(back.target(), back.source());
        Map<String, SourceTopic> known = new HashMap<>();
        List<ForeignWrites> foreign = new ArrayList<>();
        for (PartitionOffsets p : partitions) {
            long begin = Math.max(p.startOffset(), start.getOrDefault(new TopicPartition(p.topic(), p.partition()), 0L));
            if (begin >= p.endOffset()) {
                continue;
            }
            SourceTopic t = known.computeIfAbsent(p.topic(), name -> sourceTopic(pair, quarantining, name, true));
            Quarantine.Held held = quarantine.copy(primary, new Quarantine.SourcePartition(p.topic(), t.id(), p.partition()),
                    begin, p.endOffset(), r -> !Origins.of(r).map(o -> o.cluster().equals(secondary.alias())).orElse(false),
                    secondary, QUARANTINE_PREFIX + p.topic(), t.maxRecordBytes(), quarantineSince);
            if (held.count() > 0) {
                foreign.add(new ForeignWrites(p.topic(), p.partition(), held.firstOffset(), held.lastOffset(), held.count(),
                        held.count()));
            }
            Activity.getExecutionContext().heartbeat("checked " + p.topic() + "-" + p.partition() + " up to "
                    + p.endOffset());
        }
        return new RecreatedCheck(upTo, foreign, null);
    }

    private void awaitGone(Admin admin, ClusterConfig c, List<String> topics) {
        Waiting.until(DELETION_TIMEOUT, POLL, () -> {
            Set<String> left = new java.util.HashSet<>(await(admin.listTopics().names(), c, "listing topics"));
            left.retainAll(topics);
            return left.isEmpty() ? Optional.empty()
                    : Optional.of(left + " still exist on '" + c.alias() + "' after their deletion");
        }).ifPresent(p -> {
            throw ApplicationFailure.newNonRetryableFailure(p + " (waited " + DELETION_TIMEOUT.toSeconds() + " s)",
                    ActivityFailures.NOT_READY);
        });
    }

    private int partitionCount(PairConfig pair, String alias, String topic) {
        return cluster.snapshot(pair, alias, List.of(topic), List.of()).topics().get(0).partitions();
    }

    /**
     * A quarantine topic never expires anything (copies keep their original timestamps, possibly
     * older than any retention) and never compacts (orphans with the same key are all kept), and
     * accepts the largest record of its source plus the origin headers, and has at least as many
     * partitions as its source. Existing ones are brought to those settings too.
     */
    private void ensureQuarantine(PairConfig pair, ClusterConfig c, String topic, int partitions, int maxRecordBytes) {
        Admin admin = admins.admin(c);
        Map<String, String> configs = Map.of(
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxRecordBytes + Quarantine.HEADER_ROOM_BYTES));
        if (Topics.createUnlessExists(admin, c, pair.replication(), topic, partitions, configs)) {
            return;
        }
        // the source grew since the quarantine was made: partition p of the source goes to partition p
        int has = await(admin.describeTopics(List.of(topic)).allTopicNames(), c, "describing " + topic).get(topic)
                .partitions().size();
        if (has < partitions) {
            try {
                await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all(), c,
                        "adding partitions to " + topic + " (" + has + " -> " + partitions + ")");
            } catch (RuntimeException e) {
                // an earlier attempt whose response was lost may have added them
                if (partitionCount(pair, c.alias(), topic) < partitions) {
                    throw e;
                }
            }
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET)).toList();
        await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all(), c, "configuring " + topic);
    }

    @Override
    public WriteFence fenceWrites(PairConfig pair, String alias) {
        ClusterConfig c = pair.cluster(alias);
        List<String> topics = cluster.matchTopics(pair, alias);
        Optional<String> own = admins.configs().principal(c.securityOrPlaintext());
        if (own.isEmpty()) {
            return new WriteFence(alias, List.of(), List.of("'" + alias + "' authenticates the pair with "
                    + c.securityOrPlaintext().protocol() + (c.securityOrPlaintext().saslMechanism() == null ? ""
                    : "/" + c.securityOrPlaintext().saslMechanism()) + ": kafka-dr cannot tell MM2's principal there "
                    + "and does not fence (a DENY could stop MM2); writes after the final check are detected instead"),
                    false);
        }
        return fences.fence(c, topics, Set.of(own.get()));
    }

    @Override
    public void liftFence(PairConfig pair, WriteFence fence) {
        fences.lift(pair.cluster(fence.cluster()), fence);
    }
}
