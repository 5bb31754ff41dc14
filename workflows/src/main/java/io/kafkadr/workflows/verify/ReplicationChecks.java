package io.kafkadr.workflows.verify;

import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.GroupOffsets;
import io.kafkadr.workflows.cluster.MirrorState;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.replication.ConnectorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the figures read from both clusters into checks. Pure and deterministic, so it runs in
 * workflow code and is unit-tested without clusters.
 *
 * <p>Replication progress is measured by the upstream offset of the last replicated record (as
 * {@code ConnectActivities#replicatedOffsets} reads it: the copies' provenance on the target, or
 * MM2's own committed source offsets without it), never by comparing raw end offsets across clusters,
 * which drift apart with transaction markers, compaction and retention.
 */
public final class ReplicationChecks {

    /**
     * Topic configs MM2 copies when set on the source topic; compared only where the source sets
     * them. Not {@code max.message.bytes}: kafka-dr sets it on the target to the source's plus the
     * provenance headers' room, and keeps MM2 from copying it.
     */
    static final Set<String> SYNCED_CONFIGS = Set.of("cleanup.policy", "retention.ms", "retention.bytes",
            "compression.type", "min.compaction.lag.ms", "delete.retention.ms");

    private final PairConfig pair;
    private final ReplicationSettings settings;
    private final String sourceAlias;

    public ReplicationChecks(PairConfig pair, String sourceAlias) {
        this.pair = pair;
        this.settings = pair.replication();
        this.sourceAlias = sourceAlias;
    }

    public List<Check> topicChecks(ClusterSnapshot source, ClusterSnapshot target) {
        Map<String, TopicInfo> onTarget = byName(target.topics(), TopicInfo::name);
        List<Check> checks = new ArrayList<>();
        for (TopicInfo src : source.topics()) {
            String remote = settings.remoteTopic(sourceAlias, src.name());
            TopicInfo tgt = onTarget.getOrDefault(remote, TopicInfo.missing(remote));
            checks.add(new Check("topic:" + remote, tgt.partitions(), src.partitions(),
                    tgt.exists() && tgt.partitions() == src.partitions(),
                    tgt.exists() ? tgt.partitions() + " partitions on " + target.alias() + ", " + src.partitions()
                            + " on " + source.alias() : "missing on " + target.alias()));
            List<String> mismatches = src.explicitConfigs().entrySet().stream()
                    .filter(e -> SYNCED_CONFIGS.contains(e.getKey()))
                    .filter(e -> !Objects.equals(e.getValue(), tgt.explicitConfigs().get(e.getKey())))
                    .map(e -> e.getKey() + "=" + e.getValue() + " on source, "
                            + tgt.explicitConfigs().getOrDefault(e.getKey(), "default") + " on target")
                    .sorted().toList();
            checks.add(Check.atMost("topic-configs:" + remote, mismatches.size(), 0,
                    mismatches.isEmpty() ? "synced configs match" : String.join("; ", mismatches)));
        }
        return checks;
    }

    public List<PartitionReport> partitions(ClusterSnapshot source, ClusterSnapshot target,
                                            List<PartitionOffset> replicated) {
        Map<String, PartitionOffsets> onTarget = byName(target.partitions(), p -> key(p.topic(), p.partition()));
        Map<String, PartitionOffset> committed = byName(replicated, p -> key(p.topic(), p.partition()));
        List<PartitionReport> reports = new ArrayList<>();
        for (PartitionOffsets src : source.partitions()) {
            String remote = settings.remoteTopic(sourceAlias, src.topic());
            PartitionOffsets tgt = onTarget.get(key(remote, src.partition()));
            PartitionOffset last = committed.get(key(src.topic(), src.partition()));
            long lastReplicated = last == null ? -1 : last.offset();
            long replicatedUpTo = Math.max(lastReplicated + 1, src.startOffset());
            reports.add(new PartitionReport(src.topic(), remote, src.partition(), src.count(),
                    tgt == null ? 0 : tgt.count(), src.endOffset(), lastReplicated,
                    Math.max(0, src.endOffset() - replicatedUpTo), src.startOffset()));
        }
        return reports;
    }

    /**
     * Source ranges whose lag, in offsets, must be counted in records: beyond MM2's last copied
     * offset, transaction markers and aborted records take offsets but MM2 never copies them.
     */
    public List<PartitionOffsets> lagRanges(List<PartitionReport> partitions) {
        return partitions.stream().filter(p -> p.lag() > 0)
                .map(p -> new PartitionOffsets(p.topic(), p.partition(), p.sourceEndOffset() - p.lag(), p.sourceEndOffset()))
                .toList();
    }

    /** The reports with their lag in records ({@code pending}: counts per source partition). */
    public List<PartitionReport> withLag(List<PartitionReport> partitions, List<PartitionOffset> pending) {
        Map<String, PartitionOffset> counted = byName(pending, o -> key(o.topic(), o.partition()));
        return partitions.stream().map(p -> {
            PartitionOffset c = counted.get(key(p.topic(), p.partition()));
            return c == null ? p : new PartitionReport(p.topic(), p.targetTopic(), p.partition(), p.sourceCount(),
                    p.targetCount(), p.sourceEndOffset(), p.lastReplicatedOffset(), c.offset(), p.sourceStartOffset());
        }).toList();
    }

    /**
     * Partitions fully copied whose counts in offsets still differ beyond the tolerance: on a
     * transactional topic the source's offsets include markers and aborted records, so their
     * records are counted on both sides before the count check is given.
     */
    public List<PartitionReport> countsToRecount(List<PartitionReport> partitions) {
        long tolerance = pair.thresholds().countToleranceRecords();
        return partitions.stream()
                .filter(p -> p.lag() == 0 && Math.abs(p.targetCount() - p.sourceCount()) > tolerance).toList();
    }

    /**
     * Partitions whose counts in offsets differ beyond the tolerance, lagging or not: each is
     * counted in records on both sides, the source up to where MM2's copies end
     * ({@link PartitionReport#copiedUntil()}), so that a transactional topic under live traffic
     * is compared record for record and what is not copied yet is the lag check's alone.
     */
    public List<PartitionReport> countsToRecountCopiedPart(List<PartitionReport> partitions) {
        long tolerance = pair.thresholds().countToleranceRecords();
        return partitions.stream().filter(p -> Math.abs(p.targetCount() - p.sourceCount()) > tolerance).toList();
    }

    /** The reports with counts in records ({@code sourceRecords}, {@code targetRecords} keyed by source topic). */
    public List<PartitionReport> withCounts(List<PartitionReport> partitions, List<PartitionOffset> sourceRecords,
                                            List<PartitionOffset> targetRecords) {
        Map<String, PartitionOffset> src = byName(sourceRecords, o -> key(o.topic(), o.partition()));
        Map<String, PartitionOffset> tgt = byName(targetRecords, o -> key(o.topic(), o.partition()));
        return partitions.stream().map(p -> {
            PartitionOffset s = src.get(key(p.topic(), p.partition()));
            PartitionOffset t = tgt.get(key(p.targetTopic(), p.partition()));
            return s == null || t == null ? p : new PartitionReport(p.topic(), p.targetTopic(), p.partition(), s.offset(),
                    t.offset(), p.sourceEndOffset(), p.lastReplicatedOffset(), p.lag(), p.sourceStartOffset());
        }).toList();
    }

    public List<Check> partitionChecks(List<PartitionReport> partitions) {
        long tolerance = pair.thresholds().countToleranceRecords();
        long maxLag = pair.thresholds().maxLagRecords();
        List<Check> checks = new ArrayList<>();
        for (PartitionReport p : partitions) {
            String tp = p.targetTopic() + "-" + p.partition();
            checks.add(Check.atMost("count:" + tp, Math.abs(p.targetCount() - p.sourceCount()), tolerance,
                    "source " + p.sourceCount() + ", target " + p.targetCount() + " records"));
            checks.add(Check.atMost("lag:" + tp, p.lag(), maxLag, "source end offset " + p.sourceEndOffset()
                    + ", last replicated source offset " + p.lastReplicatedOffset()));
        }
        return checks;
    }

    /**
     * Connect healthy: every MM2 connector of the direction and all its tasks RUNNING. A failed
     * task fails the verification, even while the pair entity's watch is about to restart it.
     */
    public List<Check> connectorChecks(List<ConnectorStatus> connectors) {
        return connectors.stream().map(c -> new Check("connector:" + c.name(), c.tasksRunning(), c.tasksTotal(), c.healthy(),
                c.state() + (c.trace() == null ? "" : ": " + c.trace()))).toList();
    }

    public Check heartbeatCheck(MirrorState mirror) {
        long maxAgeMillis = pair.thresholds().heartbeatMaxAgeSeconds() * 1000L;
        if (mirror.lastHeartbeatMillis() < 0) {
            return new Check("heartbeat", -1, maxAgeMillis, false, "no heartbeat from " + sourceAlias + " on the target");
        }
        return Check.atMost("heartbeat", mirror.heartbeatAgeMillis(), maxAgeMillis,
                "newest heartbeat " + mirror.heartbeatAgeMillis() + " ms old");
    }

    public List<GroupReport> groups(ClusterSnapshot source, ClusterSnapshot target, MirrorState mirror) {
        Map<String, GroupOffsets> srcGroups = byName(source.groups(), GroupOffsets::group);
        Map<String, GroupOffsets> tgtGroups = byName(target.groups(), GroupOffsets::group);
        Map<String, GroupOffsets> translated = byName(mirror.checkpoints(), GroupOffsets::group);
        return pair.groupIds().stream().map(g -> new GroupReport(g, offsets(srcGroups.get(g)),
                offsets(translated.get(g)), offsets(tgtGroups.get(g)))).toList();
    }

    public List<Check> groupChecks(List<GroupReport> groups) {
        List<Check> checks = new ArrayList<>();
        for (GroupReport g : groups) {
            Set<String> committed = partitionKeys(g.sourceCommitted(), true);
            String basis = committed.size() + " partitions committed on " + sourceAlias;
            checks.add(Check.atLeast("checkpoint:" + g.group(), covered(committed, g.translated()), committed.size(),
                    basis + ", " + g.translated().size() + " checkpointed"));
            checks.add(Check.atLeast("group-offsets-synced:" + g.group(), covered(committed, g.targetCommitted()),
                    committed.size(), basis + ", " + g.targetCommitted().size() + " committed on the target"));
        }
        return checks;
    }

    private long covered(Set<String> wanted, List<PartitionOffset> offsets) {
        Set<String> have = partitionKeys(offsets, false);
        return wanted.stream().filter(have::contains).count();
    }

    private Set<String> partitionKeys(List<PartitionOffset> offsets, boolean remote) {
        return offsets.stream()
                .map(o -> key(remote ? settings.remoteTopic(sourceAlias, o.topic()) : o.topic(), o.partition()))
                .collect(Collectors.toSet());
    }

    private static List<PartitionOffset> offsets(GroupOffsets g) {
        return g == null ? List.of() : g.offsets();
    }

    private static String key(String topic, int partition) {
        return topic + "-" + partition;
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a));
    }
}
