package io.kafkadr.workflows.failover;

import io.kafkadr.workflows.operation.ClientMoves;
import io.kafkadr.workflows.operation.GroupMove;
import io.kafkadr.workflows.operation.GroupMoveRequest;
import io.kafkadr.workflows.operation.GroupRequests;
import io.kafkadr.workflows.operation.GroupWaves;
import io.kafkadr.workflows.operation.MovePurpose;
import io.kafkadr.workflows.operation.OperationControls;
import io.kafkadr.workflows.operation.OperationOptions;
import io.kafkadr.workflows.operation.OperatorGate;
import io.kafkadr.workflows.operation.Timeline;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.LossSummary;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.PairLock;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.drpair.Watch;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.kafkadr.workflows.verify.Check;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.kafkadr.workflows.verify.VerifyRequest;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.kafkadr.workflows.common.OperationMetrics;
import io.kafkadr.workflows.drill.DrillChecks;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

public class FailoverWorkflowImpl extends OperationControls implements FailoverWorkflow {

    private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class, OperationOptions.QUICK);
    private final PairLock pairLock = new PairLock(lock);
    private final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, OperationOptions.QUICK);
    private final ConnectActivities connect = Workflow.newActivityStub(ConnectActivities.class, OperationOptions.QUICK);

    private final Timeline timeline = operation.timeline();
    private final OperatorGate gate = operation.gate();
    private final ClientMoves moves = operation.moves();
    private final GroupMove groupMove = operation.groupMove();
    private final GroupWaves waves = operation.waves();

    @Override
    public FailoverReport failover(FailoverRequest request) {
        long triggeredAt = Workflow.currentTimeMillis();
        String operationId = Workflow.getInfo().getWorkflowId();
        FailoverRequest req = validate(request);
        PairConfig pair = PairSource.resolve(req.pair(), req.pairFile());
        timeline.tag(pair.name(), "failover");
        // calls that move no client get the pair without bindings: a fraction of its size with many groups
        PairConfig lean = pair.withoutBindings();
        boolean planned = FailoverRequest.PLANNED.equals(req.mode());
        Direction direction = Direction.primaryToSecondary(pair);
        String from = direction.source();
        String to = direction.target();

        PairState state = timeline.step("lock", "pair " + pair.name(),
                () -> pairLock.acquire(lean, new LockRequest(operationId, "failover", triggeredAt)));
        Outcome outcome = new Outcome();
        try {
            if (!from.equals(state.active())) {
                outcome.set("rejected", "pair '" + pair.name() + "' is active on '" + state.active()
                        + "', not on '" + from + "': nothing to fail over (fail back first)");
                return report(req, pair, operationId, outcome, from, to, triggeredAt, -1, List.of(), List.of(),
                        List.of(), List.of(), Watch.LossFigures.none(), 0);
            }
            moves.checkBindings(pair);
            List<Check> preChecks = List.of();
            boolean sourceReachable = true;
            if (planned) {
                VerificationReport verification = timeline.step("pre-checks", "replication " + direction + " healthy",
                        () -> preCheck(lean, operationId));
                preChecks = Check.keptInReport(verification.checks(), operationId + "/pre-checks");
                lock.observe(lean, new Observation(endOffsets(verification), verification.endedAtMillis()));
                if (!verification.passed()) {
                    outcome.set("aborted", "pre-checks failed: " + verification.failedChecks() + " of "
                            + verification.checks().size() + " checks; nothing was moved");
                    return report(req, pair, operationId, outcome, from, to, triggeredAt, -1, preChecks, List.of(),
                            List.of(), List.of(), Watch.LossFigures.none(), 0);
                }
            } else {
                sourceReachable = timeline.step("primary reachable?", from, () -> cluster.reachable(lean, from));
                timeline.note(sourceReachable
                        ? "unplanned failover while '" + from + "' still answers: it was NOT fenced; stop its producers"
                        : "'" + from + "' did not answer: it cannot be fenced; clients left there may write to it if it returns");
                timeline.note(req.incidentId() != null ? "incident " + req.incidentId() : "forced without an incident id");
            }
            boolean needsApproval = req.requireApproval() != null ? req.requireApproval() : pair.failoverRequiresApproval();
            if (needsApproval && !gate.awaitApproval(pair.failover().approvalTimeoutSeconds())) {
                outcome.set("aborted", "no approval within " + pair.failover().approvalTimeoutSeconds() + " s");
                return report(req, pair, operationId, outcome, from, to, triggeredAt, -1, preChecks, List.of(),
                        List.of(), List.of(), Watch.LossFigures.none(), 0);
            }
            List<ClientMove> consumers = moveConsumers(pair, direction, sourceReachable, operationId);
            List<PartitionOffset> drainedTo = List.of();
            List<ClientMove> producers = new ArrayList<>();
            List<ClientRef> producerRefs = pair.producers().stream().map(ClientRef::of).toList();
            if (planned) {
                drainedTo = moves.stopProducersAndDrain(pair, direction, producerRefs, "drain replication");
                if (drainedTo == null) {
                    consumers.addAll(moves.handBackAll(pair, new Direction(to, from), consumers));
                    outcome.set("aborted", "replication did not drain; aborted by the operator: every consumer group is "
                            + "back on '" + from + "', the producers write there, replication " + direction + " runs on");
                    return report(req, pair, operationId, outcome, from, to, triggeredAt, -1, preChecks, consumers,
                            List.of(), List.of(), Watch.LossFigures.none(), 0);
                }
            }
            for (ClientRef producer : producerRefs) {
                producers.add(groupMove.startAndCheck(pair, producer, from, to));
            }
            long rto = Workflow.currentTimeMillis() - triggeredAt;
            // Added after the first release: histories recorded before it replay without this call.
            if (Workflow.getVersion("record-copied", Workflow.DEFAULT_VERSION, 1) == 1) {
                outcome.copiedUpTo = connect.replicatedOffsets(lean, direction);
            }
            timeline.step(planned ? "delete connectors" : "stop connectors", direction.toString(),
                    () -> connect.removeConnectors(lean, direction, planned));
            Watch.LossFigures loss = planned ? Watch.LossFigures.none()
                    : loss(state, lean, direction, triggeredAt, triggeredAt + rto);
            outcome.set("completed", "active on '" + to + "', no replication");
            outcome.switched = true;
            outcome.loss = planned ? null : new LossSummary(operationId,
                    loss.known() == null ? null : Watch.LossFigures.total(loss.known()),
                    Watch.LossFigures.total(loss.estimate()), loss.estimateWindowMillis());
            return report(req, pair, operationId, outcome, from, to, triggeredAt, rto, preChecks, consumers, producers,
                    drainedTo, loss, state.observedAtMillis());
        } finally {
            Outcome done = outcome;
            Workflow.newDetachedCancellationScope(() -> lock.release(lean, new Release(operationId,
                    done.outcome == null ? "failed" : done.outcome, done.switched ? to : null, done.switched, null,
                    Workflow.currentTimeMillis(), done.switched ? done.copiedUpTo : null, done.loss))).run();
        }
    }

    private static final class Outcome {
        String outcome;
        String detail;
        boolean switched;
        List<PartitionOffset> copiedUpTo;
        LossSummary loss;

        void set(String outcome, String detail) {
            this.outcome = outcome;
            this.detail = detail;
        }
    }

    private FailoverRequest validate(FailoverRequest request) {
        if (request == null || !(FailoverRequest.PLANNED.equals(request.mode())
                || FailoverRequest.UNPLANNED.equals(request.mode()))) {
            throw ApplicationFailure.newNonRetryableFailure("mode must be 'planned' or 'unplanned' (got "
                    + (request == null ? "no input" : "'" + request.mode() + "'") + ")", ActivityFailures.BAD_INPUT);
        }
        boolean hasIncident = request.incidentId() != null && !request.incidentId().isBlank();
        if (FailoverRequest.UNPLANNED.equals(request.mode()) && !request.force() && !hasIncident) {
            throw ApplicationFailure.newNonRetryableFailure("an unplanned failover cannot fence the primary: "
                    + "give an incident id (--incident ID) or force it (--force)", ActivityFailures.BAD_INPUT);
        }
        return request;
    }

    private VerificationReport preCheck(PairConfig pair, String operationId) {
        return Workflow.newChildWorkflowStub(VerifyReplicationWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(operationId + "/pre-checks").build()).verify(new VerifyRequest(pair, null, null));
    }

    /**
     * The loss figures of an unplanned failover ({@link Watch.LossFigures}): known from the last
     * observation and the copies' origin headers on the new cluster; estimated over the silence
     * from that observation to the later of the moment the watch lost the primary and the moment
     * the last producer was started on the secondary (an unreachable primary is not known to be
     * dead, and the pair's producers may have written to it until they were moved).
     */
    private Watch.LossFigures loss(PairState state, PairConfig pair, Direction direction, long triggeredAt,
                                   long producersMovedAt) {
        if (state.observedAtMillis() == 0) {
            timeline.note("no loss figures: the pair entity never observed '" + direction.source() + "' (was replication "
                    + "set up through kafka-dr?)");
            return Watch.LossFigures.none();
        }
        long until = Math.max(state.silentSinceMillis() > 0 ? state.silentSinceMillis() : triggeredAt, producersMovedAt);
        // Added after the first release: histories recorded before it replay without this call.
        boolean byOrigin = pair.replication().stampsOrigin()
                && Workflow.getVersion(LOSS_KNOWN, Workflow.DEFAULT_VERSION, 1) == 1;
        List<PartitionOffset> copied = byOrigin ? timeline.step("copied by origin", "how far MM2 had copied, read off "
                + "the copies on '" + direction.target() + "'", () -> cluster.copiedByOrigin(pair, direction,
                        state.lastKnownSource())) : null;
        Watch.LossFigures loss = Watch.loss(state, copied, connect.replicatedOffsets(pair, direction), until);
        long age = triggeredAt - state.observedAtMillis();
        timeline.note((copied == null ? "known lost: not known (the copies carry no origin)"
                : "known lost: " + Watch.LossFigures.total(loss.known()) + " records '" + direction.source()
                        + "' was last seen to hold that '" + direction.target() + "' has no copy of (a lower bound)")
                + "; estimated beyond it: " + Watch.LossFigures.total(loss.estimate()) + " (its peak rate over the "
                + loss.estimateWindowMillis() + " ms from that observation, " + age + " ms before the trigger, until the "
                + "later of losing it and moving the last producer: an estimate, not a bound; a burst beyond that rate, "
                + "a partition created since or a client outside the pair exceeds it)");
        timeline.note("lossBound (kept for tools that read it): what '" + direction.source() + "' was last seen to hold "
                + "beyond what MM2 had copied, plus the estimate; how far MM2 had copied: " + (pair.replication()
                .stampsOrigin() ? "read off the copies' provenance on '" + direction.target() + "' (MM2's committed "
                + "source offsets only for partitions whose copies carry none)" : "MM2's committed source offsets (the "
                + "copies carry no provenance): they lag Connect's offset flush, so records already copied may count"));
        return loss;
    }

    /** {@code Workflow.getVersion} change id: the unplanned failover reads how far MM2 had copied off the copies. */
    static final String LOSS_KNOWN = "loss-known";

    private static List<PartitionOffsets> endOffsets(VerificationReport verification) {
        return verification.partitions().stream()
                .map(p -> new PartitionOffsets(p.topic(), p.partition(), p.sourceStartOffset(), p.sourceEndOffset()))
                .toList();
    }

    private FailoverReport report(FailoverRequest req, PairConfig pair, String operationId, Outcome outcome, String from,
                                  String to, long triggeredAt, long rto, List<Check> preChecks, List<ClientMove> consumers,
                                  List<ClientMove> producers, List<PartitionOffset> drainedTo,
                                  Watch.LossFigures loss, long lossBoundAsOf) {
        timeline.note(outcome.detail);
        timeline.done(outcome.outcome, outcome.detail);
        FailoverReport report = new FailoverReport(operationId, pair.name(), req.mode(), req.reason(), req.incidentId(),
                gate.approval() == null ? null : gate.approval().by(), outcome.outcome, from, to, triggeredAt,
                Workflow.currentTimeMillis(), rto, timeline.steps(), preChecks, consumers, producers, drainedTo,
                loss.bound(), lossBoundAsOf, timeline.notes(), loss.known(), loss.estimate(), loss.estimateWindowMillis());
        if (rto >= 0) {
            long lost = DrillChecks.recordsLost(report);
            OperationMetrics.last(pair.name(), "failover", rto,
                    lost < 0 && loss.known() != null ? Watch.LossFigures.total(loss.known()) : lost, -1);
        }
        return report;
    }

    /**
     * Moves every consumer group to the target: as child workflows, {@code failover.groupConcurrency}
     * at a time, groups that share a binding in one ({@link io.kafkadr.workflows.operation.ConsumerApps}). Runs recorded before groups moved as children moved them one at a time, inline.
     */
    private List<ClientMove> moveConsumers(PairConfig pair, Direction direction, boolean sourceReachable,
                                           String operationId) {
        if (Workflow.getVersion("group-waves", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            List<ClientMove> consumers = new ArrayList<>();
            for (ConsumerGroupConfig group : pair.consumerGroups()) {
                consumers.add(groupMove.failover(pair, direction, ClientRef.of(group), sourceReachable));
            }
            return consumers;
        }
        List<GroupMoveRequest> requests = GroupRequests.of(pair, direction, sourceReachable, MovePurpose.FAILOVER);
        return waves.run(operationId, requests, pair.failover().groupsAtOnce(), false).stream()
                .flatMap(r -> r.moves().stream()).collect(Collectors.toCollection(ArrayList::new));
    }
}
