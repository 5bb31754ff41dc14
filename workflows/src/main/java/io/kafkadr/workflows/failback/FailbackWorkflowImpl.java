package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.Retries;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.failover.Approval;
import io.kafkadr.workflows.failover.ClientDecision;
import io.kafkadr.workflows.failover.ClientMove;
import io.kafkadr.workflows.failover.Runbook;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.kafkadr.workflows.handover.OffsetHandOver;
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
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class FailbackWorkflowImpl implements FailbackWorkflow {

    static final ActivityOptions QUICK = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 10))
            .build();

    /** Salvage, topic re-creation and client moves heartbeat: a killed worker's step resumes elsewhere. */
    static final ActivityOptions LONG = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(30))
            .setHeartbeatTimeout(Duration.ofSeconds(15))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), 20))
            .build();

    static final List<String> DECISIONS = List.of(ClientDecision.RETRY, ClientDecision.SKIP, ClientDecision.ABORT);

    private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class, QUICK);
    private final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, QUICK);
    private final ConnectActivities connect = Workflow.newActivityStub(ConnectActivities.class, QUICK);
    private final FailbackActivities failback = Workflow.newActivityStub(FailbackActivities.class, LONG);
    private final ClientActivities clients = Workflow.newActivityStub(ClientActivities.class, LONG);
    private final HandOverActivities handOver = Workflow.newActivityStub(HandOverActivities.class, LONG);
    private final Runbook runbook = new Runbook(clients, handOver);

    /** What the pair looks like if the failback stops where it is. */
    private String activeNow;
    private Direction replicationNow;
    /** Set when an abort stands down: the primary's data topics hold only copies up to here. */
    private List<PartitionOffset> primaryHoldsCopiesUpTo;

    @Override
    public FailbackReport failback(FailbackRequest request) {
        long startedAt = Workflow.currentTimeMillis();
        String operationId = Workflow.getInfo().getWorkflowId();
        PairSource.requireInput(request);
        PairConfig pair = PairSource.resolve(request.pair(), request.pairFile());
        runbook.tag(pair.name(), "failback");
        Direction back = new Direction(pair.secondary(), pair.primary());
        Direction normal = Direction.primaryToSecondary(pair);

        PairState state = runbook.step("lock", "pair " + pair.name(),
                () -> lock.acquire(pair, new LockRequest(operationId, "failback", startedAt)));
        activeNow = state.active();
        replicationNow = state.replication();
        Report report = new Report(request, pair, operationId, startedAt);
        try {
            if (!pair.secondary().equals(state.active())) {
                return report.end("rejected", "pair '" + pair.name() + "' is active on '" + state.active()
                        + "': only a pair active on '" + pair.secondary() + "' can fail back");
            }
            if (!runbook.step("primary reachable?", pair.primary(), () -> cluster.reachable(pair, pair.primary()))) {
                return report.end("failed", "'" + pair.primary() + "' still does not answer: nothing was changed; "
                        + "fail back once it is up again");
            }
            runbook.checkBindings(pair);
            boolean needsApproval = request.requireApproval() != null ? request.requireApproval()
                    : pair.failoverRequiresApproval();
            if (needsApproval && !runbook.awaitApproval(pair.failover().approvalTimeoutSeconds())) {
                return report.end("aborted", "no approval within " + pair.failover().approvalTimeoutSeconds() + " s");
            }
            report.salvaged = runbook.step("salvage", "records of " + pair.primary() + " that never reached "
                    + pair.secondary() + " -> " + FailbackActivities.QUARANTINE_PREFIX + "<topic>",
                    () -> failback.salvage(pair, normal, state.copiedUpTo() == null ? List.of() : state.copiedUpTo()));
            report.recreated = runbook.step("clean primary", "delete and recreate the data topics of " + pair.primary(),
                    () -> failback.recreateTopics(pair, back, state.copiedUpTo() == null ? List.of() : state.copiedUpTo()));
            PairConfig explicit = pair.withTopicNames(report.recreated);
            runbook.step("reverse replication", back.toString(), () -> replicate(
                    new ReplicationSetupRequest(explicit, null, back, ReplicationSetupRequest.BEGINNING),
                    operationId + "/reverse-replication"));
            replicationNow = back;
            VerificationReport converged = runbook.step("converge", "see workflow " + operationId + "/converge",
                    () -> verify(explicit, back, operationId + "/converge"));
            report.convergence = converged.checks();
            if (!converged.passed()) {
                return report.end("aborted", "reverse replication did not converge: " + converged.failedChecks()
                        + " checks failed; clients stay on " + pair.secondary() + standDown(explicit, back, report));
            }
            for (ConsumerGroupConfig group : pair.consumerGroups()) {
                ClientMove move = moveBack(explicit, back, ClientRef.of(group));
                if (move == null) {
                    return report.end("aborted", "aborted by the operator at " + ClientRef.of(group).label()
                            + standDown(explicit, back, report));
                }
                report.consumers.add(move);
            }
            List<ClientRef> producers = pair.producers().stream().map(ClientRef::of).toList();
            if (runbook.stopProducersAndDrain(explicit, back, producers, "drain reverse replication") == null) {
                return report.end("aborted", "reverse replication did not drain; aborted by the operator"
                        + standDown(explicit, back, report));
            }
            // Both sides hold the same records now: the restored replication starts exactly here,
            // before the producers write to the primary again.
            List<PartitionOffset> agreed = cluster.snapshot(explicit, pair.primary(), report.recreated, List.of())
                    .partitions().stream().map(p -> new PartitionOffset(p.topic(), p.partition(), p.endOffset())).toList();
            for (ClientRef producer : producers) {
                runbook.start(explicit, producer, pair.primary());
                String why = runbook.health(explicit, producer, pair.primary(), List.of());
                report.producers.add(new ClientMove(producer.label(), pair.secondary(), pair.primary(),
                        why == null ? "moved" : "unhealthy", List.of(), why == null ? "healthy" : why, -1));
            }
            activeNow = pair.primary();
            runbook.step("remove reverse replication", back.toString(), () -> connect.removeConnectors(explicit, back, true));
            replicationNow = null;
            runbook.step("restore replication", normal.toString(), () -> replicate(
                    new ReplicationSetupRequest(explicit, null, normal, null, agreed), operationId + "/restore-replication"));
            replicationNow = normal;
            VerificationReport restored = runbook.step("verify", normal.toString(),
                    () -> verify(explicit, normal, operationId + "/verify"));
            report.finalChecks = restored.checks();
            return report.end(restored.passed() ? "completed" : "completed-with-failed-checks",
                    "active on '" + pair.primary() + "', replication " + normal);
        } finally {
            Workflow.newDetachedCancellationScope(() -> lock.release(pair, new Release(operationId,
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
        List<ClientMove> handedBack = runbook.handBackAll(pair, new Direction(back.target(), back.source()),
                report.consumers);
        report.consumers.addAll(handedBack);
        runbook.step("remove reverse replication", back.toString(), () -> connect.removeConnectors(pair, back, true));
        replicationNow = null;
        primaryHoldsCopiesUpTo = runbook.step("record the primary as copies", back.target(),
                () -> cluster.snapshot(pair, back.target(), report.recreated, List.of())).partitions().stream()
                .map(p -> new PartitionOffset(p.topic(), p.partition(), p.endOffset() - 1)).toList();
        return "; every client is on " + back.source() + " again (" + handedBack.size() + " consumer group(s) handed "
                + "back), reverse replication removed: a new failback starts over";
    }

    /** Moves one group back to the primary; null when the operator aborts the failback. */
    private ClientMove moveBack(PairConfig pair, Direction back, ClientRef group) {
        while (true) {
            Runbook.HandOverOutcome handed = runbook.stopAndHandOver(pair, back, group, true,
                    List.of(ClientDecision.SKIP, ClientDecision.ABORT));
            if (!handed.handedOver()) {
                return ClientDecision.ABORT.equals(handed.decision().action()) ? null
                        : new ClientMove(group.label(), back.source(), back.source(), "stayed", List.of(), handed.failure(), -1);
            }
            List<OffsetHandOver> offsets = handed.offsets();
            String notStarted = runbook.tryStart(pair, group, back.target());
            String why = notStarted != null ? notStarted : runbook.health(pair, group, back.target(), Runbook.baseline(offsets));
            if (why == null) {
                return new ClientMove(group.label(), back.source(), back.target(), "moved", offsets, "healthy",
                        Workflow.currentTimeMillis());
            }
            runbook.rollBack(pair, group, back.source());
            ClientDecision decision = runbook.awaitDecision(group, why + "; it is back on " + back.source(), DECISIONS);
            runbook.note(group.label() + ": " + decision.action() + " by " + decision.by() + " after: " + why);
            switch (decision.action()) {
                case ClientDecision.SKIP -> {
                    return new ClientMove(group.label(), back.source(), back.source(), "stayed", offsets, why, -1);
                }
                case ClientDecision.ABORT -> {
                    return null;
                }
                default -> { }
            }
        }
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

        Report(FailbackRequest request, PairConfig pair, String operationId, long startedAt) {
            this.request = request;
            this.pair = pair;
            this.operationId = operationId;
            this.startedAt = startedAt;
        }

        FailbackReport end(String outcome, String detail) {
            this.outcome = outcome;
            runbook.note(detail);
            runbook.done(outcome, detail);
            long total = salvaged.stream().mapToLong(PartitionOffset::offset).sum();
            return new FailbackReport(operationId, pair.name(), request.reason(),
                    runbook.approval() == null ? null : runbook.approval().by(), outcome, startedAt,
                    Workflow.currentTimeMillis(), runbook.timeline(), salvaged, total, recreated, convergence,
                    List.copyOf(consumers), List.copyOf(producers), finalChecks, runbook.notes());
        }
    }

    @Override
    public void approve(Approval approval) {
        runbook.approve(approval);
    }

    @Override
    public void decide(ClientDecision decision) {
        runbook.decide(decision);
    }

    @Override
    public Progress progress() {
        return runbook.progress();
    }
}
