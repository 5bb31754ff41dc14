package io.kafkadr.workflows.verify;

import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.MirrorState;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.Retries;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class VerifyReplicationWorkflowImpl implements VerifyReplicationWorkflow {

    /** Pause between two rounds of checks while replication converges. */
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(3);

    /**
     * Read-only calls, repeated every round anyway: a few quick retries, then the round fails
     * loudly rather than reporting stale figures.
     */
    static final ActivityOptions READS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(45))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 5))
            .build();

    private final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, READS);
    private final ConnectActivities connect = Workflow.newActivityStub(ConnectActivities.class, READS);
    private Progress progress = new Progress("starting", "");

    @Override
    public VerificationReport verify(VerifyRequest request) {
        long startedAt = Workflow.currentTimeMillis();
        PairSource.requireInput(request);
        PairConfig pair = PairSource.resolve(request.pair(), request.pairFile());
        DrSearchAttributes.tag(pair.name(), "verify");
        Direction direction = Direction.orDefault(request.direction(), pair);
        long deadline = startedAt + pair.thresholds().verifyTimeoutSeconds() * 1000L;

        int attempt = 0;
        while (true) {
            attempt++;
            progress = new Progress("check", "round " + attempt);
            VerificationReport report = checkOnce(pair, direction, attempt, startedAt);
            if (report.passed() || Workflow.currentTimeMillis() + RECHECK_INTERVAL.toMillis() > deadline) {
                progress = new Progress("done", report.passed() ? "all " + report.checks().size() + " checks passed"
                        : report.failedChecks() + " of " + report.checks().size() + " checks failed");
                return report;
            }
            progress = new Progress("converge", "round " + attempt + ": " + report.failedChecks() + " of "
                    + report.checks().size() + " checks not yet passing: " + firstFailure(report));
            Workflow.sleep(RECHECK_INTERVAL);
        }
    }

    private VerificationReport checkOnce(PairConfig pair, Direction direction, int attempt, long startedAt) {
        List<String> topics = cluster.matchTopics(pair, direction.source());
        List<String> remoteTopics = topics.stream()
                .map(t -> pair.replication().remoteTopic(direction.source(), t)).toList();
        // Target before source: under live traffic the source can only be ahead, never behind.
        List<PartitionOffset> replicated = connect.replicatedOffsets(pair, direction);
        MirrorState mirror = cluster.mirrorState(pair, direction, pair.groupIds());
        ClusterSnapshot target = cluster.snapshot(pair, direction.target(), remoteTopics, pair.groupIds());
        ClusterSnapshot source = cluster.snapshot(pair, direction.source(), topics, pair.groupIds());

        ReplicationChecks checks = new ReplicationChecks(pair, direction.source());
        List<PartitionReport> partitions = checks.partitions(source, target, replicated);
        // Added after the first release: histories recorded before it replay without these reads.
        if (Workflow.getVersion("records-not-offsets", Workflow.DEFAULT_VERSION, 1) == 1) {
            partitions = inRecords(pair, direction, checks, partitions, target);
        }
        List<GroupReport> groups = checks.groups(source, target, mirror);
        List<Check> all = new ArrayList<>(checks.topicChecks(source, target));
        all.addAll(checks.partitionChecks(partitions));
        all.add(checks.heartbeatCheck(mirror));
        // Added after the first release: histories recorded before it replay without this call.
        if (Workflow.getVersion("connector-checks", Workflow.DEFAULT_VERSION, 1) == 1) {
            all.addAll(checks.connectorChecks(connect.connectorStatuses(pair, direction)));
        }
        all.addAll(checks.groupChecks(groups));
        if (topics.isEmpty()) {
            all.add(new Check("topics-matched", 0, 1, false, "no topic on " + direction.source() + " matches "
                    + pair.topics().asMirrorMakerPattern()));
        }
        boolean passed = all.stream().allMatch(Check::passed);
        return new VerificationReport(pair.name(), direction.source(), direction.target(), passed, attempt,
                startedAt, Workflow.currentTimeMillis(), all, partitions, groups);
    }

    /**
     * Lag and, where offsets disagree, counts in records as read_committed consumers see them:
     * transaction markers and aborted records take offsets on the source that MM2 never copies.
     * Reads only partitions that lag or whose counts differ, so a quiet non-transactional pair
     * costs nothing more.
     */
    private List<PartitionReport> inRecords(PairConfig pair, Direction direction, ReplicationChecks checks,
                                            List<PartitionReport> partitions, ClusterSnapshot target) {
        List<PartitionOffsets> lagging = checks.lagRanges(partitions);
        if (!lagging.isEmpty()) {
            partitions = checks.withLag(partitions, cluster.committedRecords(pair, direction.source(), lagging));
        }
        // Added after the first release: lagging partitions are recounted too, the source up to where the copies end.
        boolean copiedPart = Workflow.getVersion("count-copied-part", Workflow.DEFAULT_VERSION, 1) == 1;
        List<PartitionReport> recount = copiedPart ? checks.countsToRecountCopiedPart(partitions)
                : checks.countsToRecount(partitions);
        if (recount.isEmpty()) {
            return partitions;
        }
        List<PartitionOffsets> sourceRanges = recount.stream().map(p -> new PartitionOffsets(p.topic(), p.partition(),
                p.sourceEndOffset() - p.sourceCount(), copiedPart ? p.copiedUntil() : p.sourceEndOffset())).toList();
        List<PartitionOffsets> targetRanges = target.partitions().stream()
                .filter(t -> recount.stream().anyMatch(p -> p.targetTopic().equals(t.topic()) && p.partition() == t.partition()))
                .toList();
        return checks.withCounts(partitions, cluster.committedRecords(pair, direction.source(), sourceRanges),
                cluster.committedRecords(pair, direction.target(), targetRanges));
    }

    private static String firstFailure(VerificationReport report) {
        return report.checks().stream().filter(c -> !c.passed()).findFirst()
                .map(c -> c.name() + " (" + c.detail() + ")").orElse("");
    }

    @Override
    public Progress progress() {
        return progress;
    }
}
