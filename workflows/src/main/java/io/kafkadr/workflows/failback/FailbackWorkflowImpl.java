package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.operation.ClientMoves;
import io.kafkadr.workflows.operation.GroupMove;
import io.kafkadr.workflows.operation.GroupMoveRequest;
import io.kafkadr.workflows.operation.GroupRequests;
import io.kafkadr.workflows.operation.GroupMoveResult;
import io.kafkadr.workflows.operation.GroupWaves;
import io.kafkadr.workflows.operation.MovePurpose;
import io.kafkadr.workflows.operation.OperationControls;
import io.kafkadr.workflows.operation.OperationOptions;
import io.kafkadr.workflows.operation.OperatorGate;
import io.kafkadr.workflows.operation.Timeline;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.drpair.FenceRecord;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.LossSummary;
import io.kafkadr.workflows.drpair.PairLock;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflow;
import io.kafkadr.workflows.verify.Check;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.kafkadr.workflows.verify.VerifyRequest;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

public class FailbackWorkflowImpl extends OperationControls implements FailbackWorkflow {

    private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class, OperationOptions.QUICK);
    private final PairLock pairLock = new PairLock(lock);
    private final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, OperationOptions.QUICK);
    private final ConnectActivities connect = Workflow.newActivityStub(ConnectActivities.class, OperationOptions.QUICK);
    private final FailbackActivities failback = Workflow.newActivityStub(FailbackActivities.class, OperationOptions.LONG);

    private final Timeline timeline = operation.timeline();
    private final OperatorGate gate = operation.gate();
    private final ClientMoves moves = operation.moves();
    private final GroupMove groupMove = operation.groupMove();
    private final GroupWaves waves = operation.waves();

    /** What the pair looks like if the failback stops where it is. */
    private String activeNow;
    private Direction replicationNow;
    /** Set when an abort stands down: the primary's data topics hold only copies up to here. */
    private List<PartitionOffset> primaryHoldsCopiesUpTo;
    /** How far the recreated topics of the primary were read for foreign writes (absent: not at all). */
    private List<PartitionOffset> checkedUpTo = List.of();
    /** Nothing this failback quarantines can have been quarantined before: the failover that left the primary behind began. */
    private long quarantineSince;

    @Override
    public FailbackReport failback(FailbackRequest request) {
        long startedAt = Workflow.currentTimeMillis();
        String operationId = Workflow.getInfo().getWorkflowId();
        PairSource.requireInput(request);
        PairConfig pair = PairSource.resolve(request.pair(), request.pairFile());
        timeline.tag(pair.name(), "failback");
        // calls that move no client get the pair without bindings: a fraction of its size with many groups
        PairConfig lean = pair.withoutBindings();
        Direction back = new Direction(pair.secondary(), pair.primary());
        Direction normal = Direction.primaryToSecondary(pair);

        PairState state = timeline.step("lock", "pair " + pair.name(),
                () -> pairLock.acquire(lean, new LockRequest(operationId, "failback", startedAt)));
        activeNow = state.active();
        quarantineSince = quarantineSince(state);
        replicationNow = state.replication();
        Report report = new Report(request, pair, operationId, startedAt);
        report.failoverLoss = state.lastLoss();
        try {
            if (!pair.secondary().equals(state.active())) {
                return report.end("rejected", "pair '" + pair.name() + "' is active on '" + state.active()
                        + "': only a pair active on '" + pair.secondary() + "' can fail back");
            }
            if (!timeline.step("primary reachable?", pair.primary(), () -> cluster.reachable(lean, pair.primary()))) {
                return report.end("failed", "'" + pair.primary() + "' still does not answer: nothing was changed; "
                        + "fail back once it is up again");
            }
            moves.checkBindings(pair);
            boolean needsApproval = request.requireApproval() != null ? request.requireApproval()
                    : pair.failoverRequiresApproval();
            if (needsApproval && !gate.awaitApproval(pair.failover().approvalTimeoutSeconds())) {
                return report.end("aborted", "no approval within " + pair.failover().approvalTimeoutSeconds() + " s");
            }
            if (fencesWrites()) {
                WriteFence own = timeline.step("fence primary", "deny WRITE on the data topics of " + pair.primary()
                        + " to every principal but the pair's own", () -> failback.fenceWrites(lean, pair.primary()));
                // the entity's fence, put up after an unplanned failover, is this failback's to lift too
                report.fence = WriteFence.merge(own, pair.primary().equals(clusterOf(state.fence())) ? state.fence() : null);
                lock.recordFence(lean, new FenceRecord(operationId, report.fence));
                timeline.note("write fence on " + report.fence.describe());
            }
            report.salvaged = timeline.step("salvage", "records of " + pair.primary() + " that never reached "
                    + pair.secondary() + " -> " + FailbackActivities.QUARANTINE_PREFIX + "<topic>",
                    () -> failback.salvage(lean, normal, state.copiedUpTo() == null ? List.of() : state.copiedUpTo(),
                            quarantineSince));
            report.recreated = timeline.step("clean primary", "delete and recreate the data topics of " + pair.primary(),
                    () -> failback.recreateTopics(lean, back, state.copiedUpTo() == null ? List.of() : state.copiedUpTo(),
                            quarantineSince));
            PairConfig explicit = pair.withTopicNames(report.recreated);
            PairConfig explicitLean = explicit.withoutBindings();
            timeline.step("reverse replication", back.toString(), () -> replicate(
                    new ReplicationSetupRequest(explicitLean, null, back, ReplicationSetupRequest.BEGINNING),
                    operationId + "/reverse-replication"));
            replicationNow = back;
            VerificationReport converged = timeline.step("converge", "see workflow " + operationId + "/converge",
                    () -> verify(explicitLean, back, operationId + "/converge"));
            report.convergence = Check.keptInReport(converged.checks(), operationId + "/converge");
            if (!converged.passed()) {
                return report.end("aborted", "reverse replication did not converge: " + converged.failedChecks()
                        + " checks failed; clients stay on " + pair.secondary() + standDown(explicit, back, report));
            }
            if (checksForeignWrites()) {
                String found = foreignWrites(explicitLean, back, report, "before any client moves back");
                if (found != null) {
                    return report.end("aborted", found + "; clients stay on " + pair.secondary()
                            + standDown(explicit, back, report));
                }
            }
            String abortedAt = moveConsumersBack(explicit, back, report, operationId);
            if (abortedAt != null) {
                return report.end("aborted", "aborted by the operator at " + abortedAt + standDown(explicit, back, report));
            }
            List<ClientRef> producers = pair.producers().stream().map(ClientRef::of).toList();
            if (moves.stopProducersAndDrain(explicit, back, producers, "drain reverse replication") == null) {
                return report.end("aborted", "reverse replication did not drain; aborted by the operator"
                        + standDown(explicit, back, report));
            }
            // Both sides hold the same records now: the restored replication starts exactly here,
            // before the producers write to the primary again.
            List<PartitionOffset> agreed;
            if (checksForeignWrites()) {
                String found = foreignWrites(explicitLean, back, report, "before the producers move back");
                if (found != null) {
                    timeline.step("restart producers", "on " + pair.secondary(), () -> {
                        producers.forEach(p -> moves.start(explicit, p, pair.secondary()));
                        return null;
                    });
                    return report.end("aborted", found + "; the producers write to " + pair.secondary() + " again"
                            + standDown(explicit, back, report));
                }
                agreed = checkedUpTo;
            } else {
                agreed = cluster.snapshot(explicitLean, pair.primary(), report.recreated, List.of())
                        .partitions().stream().map(p -> new PartitionOffset(p.topic(), p.partition(), p.endOffset()))
                        .toList();
            }
            liftFence(lean, report);
            for (ClientRef producer : producers) {
                moves.start(explicit, producer, pair.primary());
                String why = moves.health(explicit, producer, pair.primary(), List.of());
                report.producers.add(new ClientMove(producer.label(), pair.secondary(), pair.primary(),
                        why == null ? "moved" : "unhealthy", List.of(), why == null ? "healthy" : why, -1));
            }
            activeNow = pair.primary();
            timeline.step("remove reverse replication", back.toString(), () -> connect.removeConnectors(explicitLean, back, true));
            replicationNow = null;
            timeline.step("restore replication", normal.toString(), () -> replicate(
                    new ReplicationSetupRequest(explicitLean, null, normal, null, agreed), operationId + "/restore-replication"));
            replicationNow = normal;
            VerificationReport restored = timeline.step("verify", normal.toString(),
                    () -> verify(explicitLean, normal, operationId + "/verify"));
            report.finalChecks = Check.keptInReport(restored.checks(), operationId + "/verify");
            return report.end(restored.passed() ? "completed" : "completed-with-failed-checks",
                    "active on '" + pair.primary() + "', replication " + normal);
        } finally {
            if (report.fence != null && !report.fenceLifted) {
                Workflow.newDetachedCancellationScope(() -> liftFence(lean, report)).run();
            }
            Workflow.newDetachedCancellationScope(() -> lock.release(lean, new Release(operationId,
                    report.outcome == null ? "failed" : report.outcome, activeNow, true, replicationNow,
                    Workflow.currentTimeMillis(), primaryHoldsCopiesUpTo))).run();
        }
    }

    /**
     * After an abort, back to the state before the failback: every group already moved returns
     * to the secondary at the records it last consumed, the reverse replication is removed, and the
     * pair records that the primary's data topics hold nothing but copies of the secondary's
     * records, so the next failback salvages nothing there and starts over. Returns, for the
     * report, where everything is.
     */
    private String standDown(PairConfig pair, Direction back, Report report) {
        if (Workflow.getVersion("abort-stands-down", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return "; consumers listed as moved are on " + back.target() + ", the others and the producers on "
                    + back.source() + ", reverse replication keeps running";
        }
        List<ClientMove> handedBack = moves.handBackAll(pair, new Direction(back.target(), back.source()),
                report.consumers);
        report.consumers.addAll(handedBack);
        PairConfig lean = pair.withoutBindings();
        timeline.step("remove reverse replication", back.toString(), () -> connect.removeConnectors(lean, back, true));
        replicationNow = null;
        if (checksForeignWrites()) {
            // no reverse copy comes any more: whatever is not one up to here is quarantined now, and
            // whatever comes later lies beyond the copies, for the next failback to salvage
            String found = foreignWrites(lean, back, report, "after the reverse replication stopped");
            primaryHoldsCopiesUpTo = checkedUpTo.stream()
                    .map(p -> new PartitionOffset(p.topic(), p.partition(), p.offset() - 1)).toList();
            return "; every client is on " + back.source() + " again (" + handedBack.size() + " consumer group(s) "
                    + "handed back), reverse replication removed" + (found == null ? "" : "; then " + found)
                    + ": a new failback starts over";
        }
        primaryHoldsCopiesUpTo = timeline.step("record the primary as copies", back.target(),
                () -> cluster.snapshot(lean, back.target(), report.recreated, List.of())).partitions().stream()
                .map(p -> new PartitionOffset(p.topic(), p.partition(), p.endOffset() - 1)).toList();
        return "; every client is on " + back.source() + " again (" + handedBack.size() + " consumer group(s) handed "
                + "back), reverse replication removed: a new failback starts over";
    }

    /** Whether the recreated topics are read for records that are not reverse copies (runs from before: never). */
    /**
     * When the latest failover of the pair began (0 when the entity no longer lists one: then the
     * whole quarantine is read). Only read from the entity's state: no command, replay-safe.
     */
    static long quarantineSince(PairState state) {
        return state.past().stream().filter(op -> "failover".equals(op.type()))
                .mapToLong(OperationRef::startedAtMillis).max().orElse(0L);
    }

    /** Whether this run fences the primary's data topics against writers other than MM2 (runs from before fences do not). */
    private static boolean fencesWrites() {
        return Workflow.getVersion("write-fence", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * Takes the write fence down (the producers may write to the primary again, or the failback
     * ends); a fence that cannot be removed is named in the report, left for the operator.
     */
    private void liftFence(PairConfig lean, Report report) {
        if (report.fence == null || report.fenceLifted) {
            return;
        }
        try {
            // a fence the entity put up meanwhile (its attempt was in flight when this failback took the lock)
            PairState now = lock.confirmHolder(lean, report.operationId);
            WriteFence standing = WriteFence.merge(report.fence,
                    report.fence.cluster().equals(clusterOf(now.fence())) ? now.fence() : null);
            if (!standing.acls().isEmpty()) {
                timeline.step("lift fence", standing.acls().size() + " ACLs on " + standing.cluster(), () -> {
                    failback.liftFence(lean, standing);
                    return null;
                });
            }
            lock.recordFence(lean, new FenceRecord(report.operationId, null));
            report.fenceLifted = true;
        } catch (io.temporal.failure.ActivityFailure e) {
            timeline.note("the write fence could not be removed and stays on '" + report.fence.cluster() + "': "
                    + report.fence.acls().stream().map(FenceAcl::describe).toList() + "; remove those ACLs with "
                    + "kafka-acls --remove once producers may write there (drctl status lists them)");
        }
    }

    private static String clusterOf(WriteFence fence) {
        return fence == null ? null : fence.cluster();
    }

    private static boolean checksForeignWrites() {
        return Workflow.getVersion("foreign-writes", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * Reads the recreated topics of the primary on from where the last read ended; records that
     * are not reverse copies are quarantined and added to the report. Returns what was found, for
     * the report, or null when every record read is a reverse copy.
     */
    private String foreignWrites(PairConfig lean, Direction back, Report report, String when) {
        List<PartitionOffset> from = checkedUpTo;
        RecreatedCheck check = timeline.step("foreign writes?", "records of " + back.target() + " that are not copies "
                + "of " + back.source() + "'s, " + when, () -> failback.checkRecreated(lean, back, report.recreated, from,
                quarantineSince));
        checkedUpTo = check.checkedUpTo();
        if (check.cannotTell() != null) {
            timeline.note("foreign writes " + when + ": cannot tell, " + check.cannotTell());
        }
        if (check.foreign().isEmpty()) {
            return null;
        }
        report.foreign.addAll(check.foreign());
        return check.foreignRecords() + " record(s) were written to the recreated topics of '" + back.target() + "' "
                + when + " by a producer that still writes there, not copied from '" + back.source() + "': "
                + check.describe() + ", quarantined to " + FailbackActivities.QUARANTINE_PREFIX + "<topic> on '"
                + back.source() + "' and counted as salvaged; stop that producer and fail back again";
    }

    /**
     * Moves the consumer groups back to the primary, {@code failover.failbackGroupConcurrency} at a
     * time (default one, as the runbook asks), each as a child workflow; the moves made are added
     * to the report. Returns the group the operator aborted at, or null. Runs recorded before
     * groups moved as children moved them inline.
     */
    private String moveConsumersBack(PairConfig pair, Direction back, Report report, String operationId) {
        if (Workflow.getVersion("group-waves", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            for (ConsumerGroupConfig group : pair.consumerGroups()) {
                ClientMove move = groupMove.failback(pair, back, ClientRef.of(group));
                if (move == null) {
                    return ClientRef.of(group).label();
                }
                report.consumers.add(move);
            }
            return null;
        }
        List<GroupMoveRequest> requests = GroupRequests.of(pair, back, true, MovePurpose.FAILBACK);
        String abortedAt = null;
        for (GroupMoveResult result : waves.run(operationId, requests, pair.failover().groupsAtOnceOnFailback(), true)) {
            if (result.aborted()) {
                abortedAt = abortedAt == null ? result.client() : abortedAt;
            } else {
                report.consumers.addAll(result.moves());
            }
        }
        return abortedAt;
    }

    private static Void replicate(ReplicationSetupRequest request, String workflowId) {
        Workflow.newChildWorkflowStub(ReplicationSetupWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).build()).setUp(request);
        return null;
    }

    private static VerificationReport verify(PairConfig pair, Direction direction, String workflowId) {
        return Workflow.newChildWorkflowStub(VerifyReplicationWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).build()).verify(new VerifyRequest(pair, null, direction));
    }

    /** The report as it grows; {@link #end} seals it. */
    private final class Report {
        final FailbackRequest request;
        final PairConfig pair;
        final String operationId;
        final long startedAt;
        String outcome;
        List<PartitionOffset> salvaged = List.of();
        List<String> recreated = List.of();
        List<Check> convergence = List.of();
        final List<ClientMove> consumers = new ArrayList<>();
        final List<ClientMove> producers = new ArrayList<>();
        List<Check> finalChecks = List.of();
        LossSummary failoverLoss;
        final List<ForeignWrites> foreign = new ArrayList<>();
        WriteFence fence;
        boolean fenceLifted;

        Report(FailbackRequest request, PairConfig pair, String operationId, long startedAt) {
            this.request = request;
            this.pair = pair;
            this.operationId = operationId;
            this.startedAt = startedAt;
        }

        FailbackReport end(String outcome, String detail) {
            // every way out takes the fence down first, so the report says how it ended
            liftFence(pair.withoutBindings(), this);
            this.outcome = outcome;
            timeline.note(detail);
            timeline.done(outcome, detail);
            long total = salvaged.stream().mapToLong(PartitionOffset::offset).sum()
                    + foreign.stream().mapToLong(ForeignWrites::quarantined).sum();
            if (failoverLoss != null && total > 0) {
                timeline.note("measured: " + total + " records salvaged (what '" + pair.primary() + "' held that '"
                        + pair.secondary() + "' had no copy of); failover " + failoverLoss.operationId() + " knew "
                        + (failoverLoss.known() == null ? "none for sure" : failoverLoss.known() + " lost")
                        + " and estimated " + failoverLoss.estimate() + " more");
            }
            return new FailbackReport(operationId, pair.name(), request.reason(),
                    gate.approval() == null ? null : gate.approval().by(), outcome, startedAt,
                    Workflow.currentTimeMillis(), timeline.steps(), salvaged, total, recreated, convergence,
                    List.copyOf(consumers), List.copyOf(producers), finalChecks, timeline.notes(), List.copyOf(foreign),
                    failoverLoss == null ? null : failoverLoss.operationId(),
                    failoverLoss == null ? null : failoverLoss.known(),
                    failoverLoss == null ? null : failoverLoss.estimate(), fence);
        }
    }
}
