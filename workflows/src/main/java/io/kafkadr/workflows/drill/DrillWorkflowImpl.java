package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failback.FailbackRequest;
import io.kafkadr.workflows.failback.FailbackWorkflow;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.operation.Approval;
import io.kafkadr.workflows.operation.ClientDecision;
import io.kafkadr.workflows.operation.ClientMoves;
import io.kafkadr.workflows.operation.Operation;
import io.kafkadr.workflows.operation.OperationOptions;
import io.kafkadr.workflows.operation.OperatorControls;
import io.kafkadr.workflows.operation.Timeline;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflow;
import io.kafkadr.workflows.verify.Check;
import io.kafkadr.workflows.verify.ReplicationChecks;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.kafkadr.workflows.verify.VerifyRequest;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Functions;
import io.kafkadr.workflows.common.OperationMetrics;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

public class DrillWorkflowImpl implements DrillWorkflow {

    private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class, OperationOptions.QUICK);
    private final Timeline timeline = new Timeline();
    private final List<DrillPhase> phases = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private String drillId;
    private DrillRequest request;
    private PairConfig pair;
    private FailoverReport failover;
    private FailbackReport failback;
    /** The built-in canary (drill.traffic canary or both); null otherwise. */
    private DrillCanary canary;
    /** The failover, failback or stand-down child running now, which the drill's approvals and decisions go to. */
    private String operationInFlight;
    /** Its stub, whose start a forwarded signal waits for. */
    private Object operationStub;

    @Override
    public DrillResult drill(DrillRequest input) {
        long startedAt = Workflow.currentTimeMillis();
        drillId = Workflow.getInfo().getWorkflowId();
        request = validate(input);
        // with the canary, the children get a pair that mirrors its topic and moves its group
        pair = DrillCanary.pairFor(PairSource.resolve(request.pair(), request.pairFile()));
        timeline.tag(pair.name(), "drill");
        PairState before = timeline.step("check pair", "active on " + pair.primary() + ", no operation in flight",
                () -> lock.state(pair));
        refuseUnlessReady(before);
        if (pair.drill().trafficOrDefault().usesCanary()) {
            // the first run's id: a reset of the drill keeps naming its records the same
            canary = new DrillCanary(pair, timeline, Workflow.getInfo().getFirstExecutionRunId());
            try {
                canary.ensureTopic();
            } catch (ActivityFailure e) {
                return end(DrillOutcome.FAILED, "the canary topic could not be created on '" + pair.primary() + "': "
                        + Timeline.rootMessage(e) + "; nothing moved", startedAt);
            }
        }

        if (setsUpReplication(before) && !phase(DrillPhase.REPLICATE, this::replicate)) {
            return end(DrillOutcome.FAILED, "replication could not be set up; nothing moved", startedAt);
        }
        if (!phase(DrillPhase.PRE_VERIFY, this::preVerify)) {
            return end(DrillOutcome.FAILED, "the pre-verification failed (its checks say which); nothing moved", startedAt);
        }
        if (!phase(DrillPhase.FAILOVER, this::failover)) {
            return standDownAfterFailedFailover(startedAt);
        }
        if (!phase(DrillPhase.VERIFY_SECONDARY, this::verifyOnSecondary)) {
            return standDown("the pair on '" + pair.secondary() + "' did not verify", startedAt);
        }
        if (!phase(DrillPhase.FAILBACK, () -> failBack(DrillPhase.FAILBACK))) {
            return afterFailedFailback("the failback failed", startedAt);
        }
        if (!phase(DrillPhase.VERIFY, this::finalVerify)) {
            return end(DrillOutcome.FAILED, "the last verification failed (its checks say which)", startedAt);
        }
        return end(DrillOutcome.PASSED, "every phase passed", startedAt);
    }

    private DrillRequest validate(DrillRequest input) {
        PairSource.requireInput(input);
        if (!DrillRequest.REPLICATE_CHOICES.contains(input.replicateOrDefault())) {
            throw ApplicationFailure.newNonRetryableFailure("input field \"replicate\": one of "
                    + DrillRequest.REPLICATE_CHOICES + " or left out for 'auto' (got '" + input.replicate() + "')",
                    ActivityFailures.BAD_INPUT);
        }
        return input;
    }

    /** A drill starts only from the pair's normal state, and never beside another operation. */
    private void refuseUnlessReady(PairState state) {
        if (!pair.primary().equals(state.active())) {
            throw ApplicationFailure.newNonRetryableFailure("pair '" + pair.name() + "' is active on '" + state.active()
                    + "', not on '" + pair.primary() + "': a drill starts from the normal state; fail back first "
                    + "(drctl failback --pair FILE), then drill", ActivityFailures.BAD_INPUT);
        }
        if (state.inFlight() != null) {
            throw ApplicationFailure.newNonRetryableFailure("pair '" + pair.name() + "' is busy: " + state.inFlight().type()
                    + " operation '" + state.inFlight().id() + "' runs; drill once it ended (drctl status)",
                    ActivityFailures.PAIR_BUSY);
        }
    }

    /**
     * With the canary, {@code auto} sets replication up again (idempotent): the running connectors
     * may not list the canary's topic and group yet.
     */
    private boolean setsUpReplication(PairState state) {
        return switch (request.replicateOrDefault()) {
            case DrillRequest.REPLICATE_ALWAYS -> true;
            case DrillRequest.REPLICATE_NEVER -> false;
            default -> canary != null || !Direction.primaryToSecondary(pair).equals(state.replication());
        };
    }

    // ---- the phases, each returning the checks it is judged by ----

    /**
     * Replication set up as a child under the pair's lock, taken by the drill for this phase only:
     * a child replication skips the lock, as it does under a failback that holds it.
     */
    private List<Check> replicate() {
        String id = childId(DrillPhase.REPLICATE);
        lock.acquire(pair, new LockRequest(id, "replicate", Workflow.currentTimeMillis()));
        String outcome = "failed";
        try {
            ReplicationSetupResult result = Workflow.newChildWorkflowStub(ReplicationSetupWorkflow.class, child(id))
                    .setUp(new ReplicationSetupRequest(pair, null, Direction.primaryToSecondary(pair)));
            outcome = "completed";
            return new ReplicationChecks(pair, pair.primary()).connectorChecks(result.connectors());
        } finally {
            String ended = outcome;
            Workflow.newDetachedCancellationScope(() -> lock.release(pair,
                    new Release(id, ended, null, false, null, Workflow.currentTimeMillis()))).run();
        }
    }

    private List<Check> verify(String phase) {
        VerificationReport report = Workflow.newChildWorkflowStub(VerifyReplicationWorkflow.class,
                child(childId(phase))).verify(new VerifyRequest(pair, null, Direction.primaryToSecondary(pair)));
        return report.checks();
    }

    /** With the canary, burst 1 first: the verification then sees its records and group copied. */
    private List<Check> preVerify() {
        List<Check> checks = new ArrayList<>(canary == null ? List.of() : canary.beforeFailover());
        checks.addAll(verify(DrillPhase.PRE_VERIFY));
        return checks;
    }

    /** With the canary, the rest of burst 2 and burst 3 on the primary first, then the verification. */
    private List<Check> finalVerify() {
        List<Check> checks = new ArrayList<>(canary == null ? List.of() : canary.afterFailback());
        checks.addAll(verify(DrillPhase.VERIFY));
        return checks;
    }

    private List<Check> failover() {
        operationInFlight = childId(DrillPhase.FAILOVER);
        FailoverWorkflow child = Workflow.newChildWorkflowStub(FailoverWorkflow.class, child(operationInFlight));
        operationStub = child;
        try {
            failover = child.failover(new FailoverRequest(pair, null, FailoverRequest.PLANNED, reason(), null,
                    request.requireApproval(), false));
        } finally {
            operationInFlight = null;
        }
        return DrillChecks.failover(failover);
    }

    private List<Check> verifyOnSecondary() {
        List<Check> checks = new ArrayList<>(DrillChecks.onSecondary(pair, lock.state(pair), failover));
        if (canary != null) {
            checks.addAll(canary.afterFailover());
        }
        return checks;
    }

    private List<Check> failBack(String phase) {
        operationInFlight = childId(phase);
        FailbackWorkflow child = Workflow.newChildWorkflowStub(FailbackWorkflow.class, child(operationInFlight));
        operationStub = child;
        try {
            failback = child.failback(new FailbackRequest(pair, null, reason(), request.requireApproval()));
        } finally {
            operationInFlight = null;
        }
        return DrillChecks.failback(failback);
    }

    // ---- abort rules ----

    /**
     * The failover failed. Its own abort paths hand back what it moved (an abort) or move nothing
     * (a refusal); if it switched the pair and a check failed, or it failed at a point where the
     * pair entity records the secondary active, the drill fails back.
     */
    private DrillResult standDownAfterFailedFailover(long startedAt) {
        if (failover != null && DrillChecks.stoodDownItself(failover)) {
            return end(DrillOutcome.STOOD_DOWN, "the failover aborted and handed its clients back itself", startedAt);
        }
        PairState now = lock.state(pair);
        if (pair.secondary().equals(now.active())) {
            return standDown("the failover's checks failed after it switched the pair", startedAt);
        }
        return end(DrillOutcome.FAILED, "the failover did not switch the pair; see its report for any client it moved",
                startedAt);
    }

    /** A phase after the failover failed: fail back, so the pair returns to where it started. */
    private DrillResult standDown(String why, long startedAt) {
        notes.add(why + ": standing down with a failback");
        phase(DrillPhase.STAND_DOWN, () -> failBack(DrillPhase.STAND_DOWN));
        if (failback != null && DrillChecks.COMPLETED.equals(failback.outcome())) {
            return end(DrillOutcome.STOOD_DOWN, why + "; the failback returned the pair", startedAt);
        }
        return afterFailedFailback(why + "; the stand-down failback did not complete", startedAt);
    }

    /**
     * The failback did not complete. An abort stood down itself, to the secondary (clients handed
     * back there, reverse replication removed); a failback that failed or completed with failed
     * checks leaves the pair where the pair entity says, which the report shows.
     */
    private DrillResult afterFailedFailback(String why, long startedAt) {
        if (failback != null && DrillChecks.ABORTED.equals(failback.outcome())) {
            return end(DrillOutcome.STOOD_DOWN, why + ": the failback aborted and stood down to '" + pair.secondary()
                    + "'", startedAt);
        }
        return end(DrillOutcome.FAILED, why, startedAt);
    }

    // ---- bookkeeping ----

    /** Runs {@code body} as {@code name}: in the progress query and {@code DrPhase}, timed, judged. */
    private boolean phase(String name, Supplier<List<Check>> body) {
        String workflowId = DrillPhase.VERIFY_SECONDARY.equals(name) ? null : childId(name);
        timeline.at(name, workflowId == null ? "checked by the drill" : "workflow " + workflowId);
        long start = Workflow.currentTimeMillis();
        List<Check> checks = List.of();
        String detail;
        try {
            checks = body.get();
            long failed = checks.stream().filter(c -> !c.passed()).count();
            detail = checks.isEmpty() ? "no checks" : failed + " of " + checks.size() + " checks failed";
        } catch (ChildWorkflowFailure | ActivityFailure e) {
            detail = Timeline.rootMessage(e);
        }
        boolean passed = !checks.isEmpty() && checks.stream().allMatch(Check::passed);
        phases.add(new DrillPhase(name, workflowId, passed, start, Workflow.currentTimeMillis(), checks, detail));
        return passed;
    }

    private DrillResult end(DrillOutcome outcome, String why, long startedAt) {
        long rto = failover == null ? -1 : failover.rtoMillis();
        long lost = failover == null ? -1 : DrillChecks.recordsLost(failover);
        List<Check> objectives = DrillObjectives.checks(pair.objectives(), rto, lost,
                "planned failover: replication drained before the producers moved");
        DrillOutcome judged = outcome == DrillOutcome.PASSED && !objectives.stream().allMatch(Check::passed)
                ? DrillOutcome.FAILED : outcome;
        notes.add(judged == outcome ? why : "every phase passed, but an objective was missed");
        PairState left = timeline.step("where left", "the pair entity's state", () -> lock.state(pair));
        String where = where(left);
        timeline.done(judged.value(), where);
        OperationMetrics.last(pair.name(), "drill", rto, lost, canary == null ? -1 : canary.report().duplicated());
        return new DrillResult(drillId, pair.name(), request.reason(), judged, startedAt, Workflow.currentTimeMillis(),
                rto, lost, List.copyOf(phases), objectives, left.active(), left.replication(), where, List.copyOf(notes),
                canary == null ? null : canary.report());
    }

    /** Where the drill left the pair and its clients, and what to do when that is not home. */
    private String where(PairState left) {
        String replication = left.replication() == null ? "no replication" : "replication " + left.replication();
        String at = "active on '" + left.active() + "' (its clients run there), " + replication;
        if (!pair.primary().equals(left.active())) {
            return at + ": fail back when ready (drctl failback --pair FILE)";
        }
        if (!Direction.primaryToSecondary(pair).equals(left.replication())) {
            return at + ": set replication up again (drctl replicate --pair FILE)";
        }
        return at + ", as before the drill";
    }

    private String reason() {
        return "drill " + drillId + (request.reason() == null ? "" : ": " + request.reason());
    }

    private String childId(String phase) {
        return DrillWorkflow.childId(drillId, phase);
    }

    /**
     * Every child under its deterministic id. Abandoned, not terminated, if the drill is closed
     * (terminated by hand, timed out): a failover or failback stopped half-way would leave clients
     * stopped and the pair locked, so it runs to its own end.
     */
    private static ChildWorkflowOptions child(String workflowId) {
        return ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build();
    }

    @Override
    public Progress progress() {
        return timeline.progress();
    }

    @Override
    public String approval(Approval approval) {
        approve(approval);
        return "approval by " + approval.by() + " forwarded to " + operationInFlight;
    }

    @Override
    public void validateApproval(Approval approval) {
        Operation.refuseIf(approval == null ? "no approval given" : approval.malformed());
        Operation.refuseIf(nothingInFlight("approval"));
    }

    @Override
    public String decision(ClientDecision decision) {
        decide(decision);
        return "'" + decision.action() + "' for " + decision.client() + " forwarded to " + operationInFlight
                + ", which takes it if it waits for it (drctl status " + operationInFlight + ")";
    }

    @Override
    public void validateDecision(ClientDecision decision) {
        Operation.refuseIf(decision == null ? "no decision given" : decision.malformed());
        Operation.refuseIf(nothingInFlight("decision"));
        List<String> clients = new ArrayList<>(List.of(ClientMoves.PRODUCERS));
        pair.consumerGroups().forEach(g -> clients.add(ClientRef.of(g).label()));
        pair.producers().forEach(p -> clients.add(ClientRef.of(p).label()));
        Operation.refuseIf(clients.contains(decision.client()) ? null : "unknown client '" + decision.client()
                + "': pair '" + pair.name() + "' has " + String.join(", ", clients));
    }

    /** Why an approval or decision sent to the drill now goes nowhere, or null. */
    private String nothingInFlight(String what) {
        return operationInFlight != null && pair != null ? null : "no failover or failback of "
                + Workflow.getInfo().getWorkflowId() + " is running (step '" + timeline.progress().step()
                + "'): send the " + what + " when one waits for it";
    }

    @Override
    public void approve(Approval approval) {
        forward("approval", approval == null ? null : approval.by(), child -> child.approve(approval));
    }

    @Override
    public void decide(ClientDecision decision) {
        forward("decision", decision == null ? null : decision.by(), child -> child.decide(decision));
    }

    /**
     * Sends the operator's signal on to the failover or failback in flight, which judges it (its
     * gate ignores what it does not wait for); with none in flight, or when the child cannot be
     * signalled, a note says so, and nothing else changes.
     */
    private void forward(String what, String by, Functions.Proc1<OperatorControls> signal) {
        String to = operationInFlight;
        String from = what + (by == null ? "" : " by " + by);
        if (to == null) {
            notes.add(from + " ignored: no failover or failback of this drill was running (step '"
                    + timeline.progress().step() + "'); send it when one waits for it");
            return;
        }
        Object started = operationStub;
        Async.procedure(() -> {
            Workflow.getWorkflowExecution(started).get(); // a child just scheduled is signalled once it runs
            signal.apply(Workflow.newExternalWorkflowStub(OperatorControls.class, to));
        }).handle((ok, failure) -> {
            notes.add(failure == null ? from + " forwarded to " + to
                    : from + " could not be forwarded to " + to + ": " + Timeline.rootMessage(failure)
                    + "; signal that workflow directly");
            return null;
        });
    }
}
