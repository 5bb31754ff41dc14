package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.Retries;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.drpair.ReplicationRecord;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.kafkadr.workflows.verify.ReplicationChecks;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

public class ReplicationSetupWorkflowImpl implements ReplicationSetupWorkflow {

    /** Admin calls: brokers may be restarting, so retry for about a minute, never on bad input. */
    static final ActivityOptions CLUSTER_CALLS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(60))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 8))
            .build();

    /** Connect answers 409 during a rebalance, which can take a while with several workers. */
    static final ActivityOptions CONNECT_CALLS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(2), Duration.ofSeconds(15), 15))
            .build();

    /** Partitions a refusal of {@code startAt: end} names one by one; the rest are counted. */
    static final int GAP_PARTITIONS_NAMED = 10;

    private final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, CLUSTER_CALLS);
    private final ConnectActivities connect = Workflow.newActivityStub(ConnectActivities.class, CONNECT_CALLS);
    private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class, CLUSTER_CALLS);
    private Progress progress = new Progress("starting", "");

    @Override
    public ReplicationSetupResult setUp(ReplicationSetupRequest request) {
        long startedAt = Workflow.currentTimeMillis();
        PairSource.requireInput(request);
        PairConfig pair = PairSource.resolve(request.pair(), request.pairFile());
        DrSearchAttributes.tag(pair.name(), "replicate");
        Direction direction = Direction.orDefault(request.direction(), pair);
        if (request.startAt() != null && !List.of(ReplicationSetupRequest.BEGINNING, ReplicationSetupRequest.END)
                .contains(request.startAt())) {
            throw ApplicationFailure.newNonRetryableFailure("startAt must be 'beginning', 'end' or absent (got '"
                    + request.startAt() + "')", ActivityFailures.BAD_INPUT);
        }
        refuseMisplacedGapAcceptance(request);
        // Added after the first release: histories recorded before it replay without the lock.
        boolean locks = Workflow.getVersion("replicate-lock", Workflow.DEFAULT_VERSION, 1) == 1;
        if (!locks || Workflow.getInfo().getParentWorkflowId().isPresent()) {
            // A failover or failback starting this as its child holds the pair's lock already.
            return deploy(request, pair, direction, startedAt);
        }
        String operationId = Workflow.getInfo().getWorkflowId();
        PairState state = lock.acquire(pair, new LockRequest(operationId, "replicate", startedAt));
        String outcome = "failed";
        try {
            String refusal = refusal(pair, direction, state);
            if (refusal != null) {
                outcome = "rejected";
                throw ApplicationFailure.newNonRetryableFailure(refusal, ActivityFailures.BAD_INPUT);
            }
            ReplicationSetupResult result = deploy(request, pair, direction, startedAt);
            outcome = "completed";
            return result;
        } catch (ApplicationFailure e) {
            // refused before any connector changed (no topic matches, a gap not accepted): the pair's
            // record says so, as for the refusals above
            outcome = ActivityFailures.BAD_INPUT.equals(e.getType()) ? "rejected" : outcome;
            throw e;
        } finally {
            String ended = outcome;
            Workflow.newDetachedCancellationScope(() -> lock.release(pair,
                    new Release(operationId, ended, null, false, null, Workflow.currentTimeMillis()))).run();
        }
    }

    /**
     * Why replication in {@code direction} must not be set up on its own now, or null: it would
     * copy into the cluster clients use, or run beside the opposite direction (with identity
     * names, a loop). Failover and failback change directions themselves.
     */
    static String refusal(PairConfig pair, Direction direction, PairState state) {
        String active = state.active() == null ? pair.primary() : state.active();
        if (!direction.source().equals(active)) {
            String instead = active.equals(pair.secondary())
                    ? "or fail back (drctl failback --pair <file>), which restores " + Direction.primaryToSecondary(pair)
                            + " itself"
                    : "reverse replication is set up by a failback, after a failover (drctl failover --pair <file>)";
            return "pair '" + pair.name() + "' is active on '" + active + "': replication " + direction
                    + " would copy into the cluster the clients use. Replicate from the active side ("
                    + new Direction(active, direction.source()) + "), " + instead;
        }
        Direction opposite = new Direction(direction.target(), direction.source());
        if (opposite.equals(state.replication())) {
            return "pair '" + pair.name() + "' replicates " + opposite + " already (recorded by the pair entity "
                    + DrPairWorkflow.workflowId(pair.name()) + "): " + direction + " beside it would copy records "
                    + "back and forth. Remove " + opposite + " first, or let drctl failover/failback change the direction";
        }
        return null;
    }

    private ReplicationSetupResult deploy(ReplicationSetupRequest request, PairConfig pair, Direction direction,
                                          long startedAt) {
        progress = new Progress("match topics", "topics on " + direction.source() + " matching "
                + pair.topics().asMirrorMakerPattern());
        List<String> topics = cluster.matchTopics(pair, direction.source());
        if (topics.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("no topic on '" + direction.source()
                    + "' matches " + pair.topics().asMirrorMakerPattern()
                    + ": create the topics first or fix 'topics' in pair '" + pair.name() + "'", ActivityFailures.BAD_INPUT);
        }
        // Added after the first release: histories recorded before it replay without the gap check.
        boolean checkGap = ReplicationSetupRequest.END.equals(request.startAt()) && request.startOffsets() == null
                && Workflow.getVersion("start-at-end-gap", Workflow.DEFAULT_VERSION, 1) == 1;
        // MM2's progress before the source's end: under traffic the source can only be ahead, never behind
        List<PartitionOffset> replicated = checkGap ? connect.replicatedOffsets(pair, direction) : null;
        ClusterSnapshot source = cluster.snapshot(pair, direction.source(), topics, List.of());
        int partitions = source.topics().stream().mapToInt(TopicInfo::partitions).sum();
        List<PartitionOffset> skipped = checkGap ? gap(pair, direction, source, replicated, request.acceptGap()) : List.of();
        int replicationFactor = replicationFactor(pair, direction);
        // One task per partition, capped by replication.maxTasks: a 5000-partition pair must not
        // ask its Connect group for 5000 tasks.
        int tasksMax = pair.replication().tasksFor(partitions);

        List<String> names = new ArrayList<>();
        for (MirrorConnector connector : MirrorConnector.values()) {
            progress = new Progress("deploy connectors", connector.connectorName(pair.name(), direction)
                    + " (tasks.max " + tasksMax + ", replication factor " + replicationFactor + ")");
            boolean positioned = connector == MirrorConnector.SOURCE
                    && (request.startAt() != null || request.startOffsets() != null);
            names.add((positioned
                    ? connect.deploySourceFrom(pair, direction, tasksMax, replicationFactor, request.startAt(),
                            request.startOffsets())
                    : connect.deployConnector(pair, direction, connector, tasksMax, replicationFactor)).name());
        }

        progress = new Progress("await running", String.join(", ", names));
        List<ConnectorStatus> statuses = Workflow.newActivityStub(ConnectActivities.class, awaitOptions(pair))
                .awaitRunning(pair, direction, names);
        // Added after the first release: histories recorded before it replay without this call.
        if (Workflow.getVersion("record-replication", Workflow.DEFAULT_VERSION, 1) == 1) {
            lock.recordReplication(new ReplicationRecord(pair, direction));
        }
        progress = new Progress("done", names.size() + " connectors running");
        return new ReplicationSetupResult(pair.name(), direction.source(), direction.target(), topics, tasksMax,
                replicationFactor, statuses, startedAt, Workflow.currentTimeMillis(), skipped,
                skipped.isEmpty() ? null : request.acceptGap());
    }

    /** {@code acceptGap} goes with {@code startAt: end} alone, every field given: else bad input. */
    private static void refuseMisplacedGapAcceptance(ReplicationSetupRequest request) {
        GapAcceptance accept = request.acceptGap();
        if (accept == null) {
            return;
        }
        String why = !ReplicationSetupRequest.END.equals(request.startAt()) || request.startOffsets() != null
                ? "acceptGap goes only with startAt 'end' and without startOffsets (nothing else skips records): remove it"
                : accept.malformed();
        if (why != null) {
            throw ApplicationFailure.newNonRetryableFailure(why, ActivityFailures.BAD_INPUT);
        }
    }

    /**
     * What a start at the source's end would skip for good: per partition, the records (as
     * read_committed consumers count them: transaction markers are none) beyond the last one MM2
     * copied. Refused unless the operator accepted a gap of at least that size.
     */
    private List<PartitionOffset> gap(PairConfig pair, Direction direction, ClusterSnapshot source,
                                      List<PartitionOffset> replicated, GapAcceptance accepted) {
        progress = new Progress("check gap", "what MM2 has not copied from " + direction.source() + " yet");
        ReplicationChecks checks = new ReplicationChecks(pair, direction.source());
        ClusterSnapshot noTarget = new ClusterSnapshot(direction.target(), 0, List.of(), List.of(), List.of(), 0);
        List<PartitionOffsets> ranges = checks.lagRanges(checks.partitions(source, noTarget, replicated));
        if (ranges.isEmpty()) {
            return List.of();
        }
        List<PartitionOffset> uncopied = cluster.committedRecords(pair, direction.source(), ranges).stream()
                .filter(p -> p.offset() > 0).toList();
        long total = uncopied.stream().mapToLong(PartitionOffset::offset).sum();
        if (total == 0) {
            return List.of();
        }
        String where = uncopied.stream().limit(GAP_PARTITIONS_NAMED).map(p -> p.topic() + "-" + p.partition() + ": "
                + p.offset()).collect(Collectors.joining(", ")) + (uncopied.size() > GAP_PARTITIONS_NAMED
                ? " and " + (uncopied.size() - GAP_PARTITIONS_NAMED) + " more partitions" : "");
        String gap = "startAt 'end' would skip " + total + " records of '" + direction.source()
                + "' that MM2 has not copied to '" + direction.target() + "' yet, and they would never be copied ("
                + where + ")";
        if (accepted == null) {
            throw ApplicationFailure.newNonRetryableFailure(gap + ". Wait until replication catches up (drctl verify "
                    + "--pair FILE shows the lag) and start again, or start without startAt (MM2 goes on where it "
                    + "stopped); to skip them for good, add \"acceptGap\": {\"by\": \"<you>\", \"reason\": \"<why>\", "
                    + "\"maxRecords\": " + total + "}", ActivityFailures.BAD_INPUT);
        }
        if (total > accepted.maxRecords()) {
            throw ApplicationFailure.newNonRetryableFailure(gap + ": more than acceptGap.maxRecords "
                    + accepted.maxRecords() + " accepted by " + accepted.by() + "; accept " + total
                    + " or wait until replication catches up", ActivityFailures.BAD_INPUT);
        }
        return uncopied;
    }

    private int replicationFactor(PairConfig pair, Direction direction) {
        if (pair.replication().replicationFactor() > 0) {
            return pair.replication().replicationFactorOn(0);
        }
        return pair.replication().replicationFactorOn(
                cluster.snapshot(pair, direction.target(), List.of(), List.of()).brokerCount());
    }

    /** The activity enforces the pair's setup timeout itself and fails with the connectors' states. */
    static ActivityOptions awaitOptions(PairConfig pair) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(pair.thresholds().setupTimeoutSeconds() + 60L))
                .setHeartbeatTimeout(Duration.ofSeconds(20))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(3)
                        .setDoNotRetry(ActivityFailures.BAD_INPUT, ActivityFailures.NOT_READY)
                        .build())
                .build();
    }

    @Override
    public Progress progress() {
        return progress;
    }
}
