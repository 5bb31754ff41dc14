package io.kafkadr.workflows.drill;

import static io.kafkadr.workflows.testing.Pairs.GROUP;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static io.kafkadr.workflows.testing.Snapshots.offset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.operation.Approval;
import io.kafkadr.workflows.operation.ClientDecision;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.Failures;
import io.kafkadr.workflows.testing.FakeClientActivities;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeFailbackActivities;
import io.kafkadr.workflows.testing.FakeHandOverActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.kafkadr.workflows.verify.Check;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drill against activity fakes, with the real failover, failback, verification and
 * replication workflows as its children: {@link Pairs} with one consumer group and one producer,
 * active on the primary and replicating to the secondary.
 */
class DrillWorkflowTest {

    static final String DRILL = "drill/test/1";
    /** Where a history of a passing drill is written, to be copied to src/test/resources/histories for replay. */
    static final Path RECORDED = Path.of("target", "recorded-histories", "drill-testenv-passed.json");
    private static final String PRODUCER = "orders-producer";
    private static final Direction NORMAL = new Direction(PRIMARY, SECONDARY);
    private static final OffsetHandOver EXACT = new OffsetHandOver(TOPIC, TOPIC, 0, 100, 100, 100, OffsetHandOver.EXACT);

    private final FakePairLockActivities lock = new FakePairLockActivities();
    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities();
    private final FakeHandOverActivities handOver = new FakeHandOverActivities();
    private final FakeFailbackActivities failback = new FakeFailbackActivities();
    private final PairConfig pair = Pairs.builder().producers(PRODUCER).build();
    private WorkflowTestEnv env;

    @BeforeEach
    void start() {
        Figures.healthy(cluster, connect);
        cluster.matchesTopics(SECONDARY, TOPIC);
        handOver.handsOver(GROUP, EXACT).drainsTo(offset(TOPIC, 0, Figures.RECORDS));
        env = WorkflowTestEnv.start(lock, cluster, connect, clients, handOver, failback);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private DrillWorkflow workflow() {
        return env.newWorkflow(DrillWorkflow.class, DRILL);
    }

    private static DrillRequest request(PairConfig pair) {
        return new DrillRequest(pair, null, "quarterly drill", null, null);
    }

    private static List<String> names(DrillResult result) {
        return result.phases().stream().map(DrillPhase::name).toList();
    }

    @Test
    void aDrillRunsTheCycleAsChildWorkflowsAndPasses() throws IOException {
        DrillResult result = workflow().drill(request(pair));

        assertEquals(DrillOutcome.PASSED, result.outcome(), result.notes().toString());
        assertEquals(List.of("pre-verify", "failover", "verify-secondary", "failback", "verify"), names(result),
                "replication was recorded as running: no replicate phase");
        assertEquals(List.of(DRILL + "/pre-verify", DRILL + "/failover", "-", DRILL + "/failback", DRILL + "/verify"),
                result.phases().stream().map(p -> p.workflowId() == null ? "-" : p.workflowId()).toList());
        assertTrue(result.phases().stream().allMatch(p -> p.passed() && !p.checks().isEmpty()), result.phases().toString());
        DrillPhase onSecondary = result.phases().get(2);
        assertEquals(List.of("active:secondary", "replication-removed", "consumer:" + GROUP, "producer:" + PRODUCER),
                onSecondary.checks().stream().map(Check::name).toList());
        assertTrue(result.rtoMillis() >= 0);
        assertEquals(0, result.recordsLost(), "a completed planned failover drained replication first");
        assertEquals(List.of(), result.objectives(), "the pair sets no objectives");
        assertEquals(PRIMARY, result.leftActive());
        assertEquals(NORMAL, result.leftReplication());
        assertTrue(result.leftWhere().endsWith("as before the drill"), result.leftWhere());
        // the children take the pair's lock themselves; the drill never holds it
        assertEquals(List.of(DRILL + "/failover", DRILL + "/failback"),
                lock.calls("acquire").stream().map(c -> ((LockRequest) c.arg(0)).operationId()).toList());
        assertTrue(result.reason().equals("quarterly drill"));
        SearchAttributes tags = env.client().newUntypedWorkflowStub(DRILL).describe().getTypedSearchAttributes();
        assertEquals(Pairs.NAME, tags.get(DrSearchAttributes.PAIR));
        assertEquals("drill", tags.get(DrSearchAttributes.OPERATION));
        assertEquals("done", tags.get(DrSearchAttributes.PHASE));
        assertEquals("done", workflow(DRILL).progress().step());
        record(env.history(DRILL));
    }

    /**
     * Writes the history as a real server shows it: with the workflow id in its first event (the
     * test server leaves it out), which replay needs to derive the children's ids.
     */
    private static void record(WorkflowExecutionHistory history) throws IOException {
        History proto = history.getHistory();
        HistoryEvent first = proto.getEvents(0);
        HistoryEvent started = first.toBuilder().setWorkflowExecutionStartedEventAttributes(
                first.getWorkflowExecutionStartedEventAttributes().toBuilder().setWorkflowId(DRILL)).build();
        Files.createDirectories(RECORDED.getParent());
        Files.writeString(RECORDED, new WorkflowExecutionHistory(proto.toBuilder().setEvents(0, started).build(), DRILL)
                .toJson(true));
    }

    @Test
    void withoutReplicationTheDrillSetsItUpFirstUnderItsOwnLockForThatPhaseOnly() {
        lock.replicating(null);

        DrillResult result = workflow().drill(request(pair));

        assertEquals(DrillOutcome.PASSED, result.outcome(), result.notes().toString());
        assertEquals("replicate", names(result).get(0));
        assertEquals(DRILL + "/replicate", result.phases().get(0).workflowId());
        assertEquals(List.of(DRILL + "/replicate", DRILL + "/failover", DRILL + "/failback"),
                lock.calls("acquire").stream().map(c -> ((LockRequest) c.arg(0)).operationId()).toList());
        Release released = lock.releases().get(0);
        assertEquals(DRILL + "/replicate", released.operationId());
        assertEquals("completed", released.outcome());
        assertTrue(connect.deployments().subList(0, 3).stream().allMatch(d -> d.direction().equals(NORMAL)),
                "the drill's first phase deployed the normal direction: " + connect.deployments());
    }

    @Test
    void aClientNotHealthyOnTheSecondaryFailsTheCheckThereAndTheDrillFailsBack() {
        clients.unhealthyNext("consumer " + GROUP, "group " + GROUP + " is EMPTY with 0 members");
        WorkflowClient.start(workflow()::drill, request(pair));
        env.awaitStep(DRILL + "/failover", "waiting for operator");
        // the operator lets the failover go on without the group's health check
        decide(DRILL + "/failover", ClientDecision.SKIP);

        DrillResult result = WorkflowStub.fromTyped(workflow(DRILL)).getResult(DrillResult.class);

        assertEquals(DrillOutcome.STOOD_DOWN, result.outcome(), result.notes().toString());
        assertEquals(List.of("pre-verify", "failover", "verify-secondary", "stand-down"), names(result));
        DrillPhase onSecondary = result.phases().get(2);
        assertFalse(onSecondary.passed());
        Check consumer = onSecondary.checks().stream().filter(c -> c.name().equals("consumer:" + GROUP)).findFirst()
                .orElseThrow();
        assertFalse(consumer.passed());
        assertTrue(consumer.detail().startsWith("skipped-health-check"), consumer.detail());
        assertEquals(DRILL + "/stand-down", result.phases().get(3).workflowId());
        assertTrue(result.phases().get(3).passed());
        assertEquals(PRIMARY, result.leftActive(), "the stand-down failback returned the pair");
        assertEquals(NORMAL, result.leftReplication());
        assertTrue(result.notes().get(0).contains("standing down"), result.notes().toString());
    }

    @Test
    void anAbortedFailbackStandsDownToTheSecondaryAndTheReportSaysWhereThePairIsLeft() {
        FakeConnectActivities.Gate reverseReplication = connect.holdAwaitRunning();
        WorkflowClient.start(workflow()::drill, request(pair));
        reverseReplication.awaitEntered();
        clients.unhealthyNext("consumer " + GROUP, "group " + GROUP + " is EMPTY with 0 members");
        reverseReplication.open();
        env.awaitStep(DRILL + "/failback", "waiting for operator");
        decide(DRILL + "/failback", ClientDecision.ABORT);

        DrillResult result = WorkflowStub.fromTyped(workflow(DRILL)).getResult(DrillResult.class);

        assertEquals(DrillOutcome.STOOD_DOWN, result.outcome(), result.notes().toString());
        assertEquals(List.of("pre-verify", "failover", "verify-secondary", "failback"), names(result));
        assertFalse(result.phases().get(3).passed());
        assertEquals(SECONDARY, result.leftActive());
        assertNull(result.leftReplication());
        assertTrue(result.leftWhere().contains("active on 'secondary'") && result.leftWhere().contains("fail back"),
                result.leftWhere());
        assertTrue(result.notes().toString().contains("stood down to 'secondary'"), result.notes().toString());
    }

    @Test
    void aMissedRtoObjectiveFailsADrillWhosePhasesAllPassed() {
        clients.healthChecksTake(20);
        PairConfig strict = Pairs.builder().producers(PRODUCER).objectives(0, 0L).build();

        DrillResult result = workflow().drill(request(strict));

        assertTrue(result.rtoMillis() > 0, "health checks take time: " + result.rtoMillis());
        assertTrue(result.phases().stream().allMatch(DrillPhase::passed), result.phases().toString());
        assertEquals(DrillOutcome.FAILED, result.outcome());
        assertEquals(List.of(DrillObjectives.RTO, DrillObjectives.RPO_RECORDS),
                result.objectives().stream().map(Check::name).toList());
        assertFalse(result.objectives().get(0).passed());
        assertTrue(result.objectives().get(1).passed(), "a planned failover loses nothing");
        assertTrue(result.notes().toString().contains("objective was missed"), result.notes().toString());
    }

    @Test
    void aFailedPreVerificationEndsTheDrillBeforeAnythingMoves() {
        cluster.returnsSnapshots(SECONDARY, Figures.target(50));
        DrillResult result = workflow().drill(request(pair));

        assertEquals(DrillOutcome.FAILED, result.outcome());
        assertEquals(List.of("pre-verify"), names(result));
        assertEquals(0, lock.count("acquire"));
        assertEquals(List.of(), clients.calls());
        assertEquals(PRIMARY, result.leftActive());
    }

    @Test
    void badInputFailsAtOnceNamingTheField() {
        DrillRequest bad = new DrillRequest(pair, null, "x", "sometimes", null);

        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class, () -> workflow().drill(bad));

        ApplicationFailure failure = Failures.rootApplicationFailure(thrown);
        assertTrue(failure.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertTrue(failure.getOriginalMessage().startsWith("input field \"replicate\": one of [auto, always, never]"),
                failure.getOriginalMessage());
        assertEquals(0, lock.count("state"), "refused before anything was read");
    }

    @Test
    void aPairActiveOnTheSecondaryIsRefusedSayingWhatToRun() {
        lock.activeOn(SECONDARY);

        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class, () -> workflow().drill(request(pair)));

        ApplicationFailure failure = Failures.rootApplicationFailure(thrown);
        assertTrue(failure.isNonRetryable());
        assertTrue(failure.getOriginalMessage().contains("fail back first"), failure.getOriginalMessage());
        assertEquals(0, lock.count("acquire"));
    }

    /**
     * A drill that requires approvals is answered on the drill itself: the drill forwards each
     * approval to its failover, then its failback, and notes it; an approval while no failover or
     * failback runs is ignored with a note; a decision goes the same way.
     */
    @Test
    void approvalsAndDecisionsSentToTheDrillGoToTheFailoverOrFailbackInFlight() {
        FakeConnectActivities.Gate replication = drillHeldWhileReplicating();
        workflow(DRILL).approve(new Approval("early", "too soon"));
        replication.open();
        env.awaitStep(DRILL + "/failover", "await approval");
        workflow(DRILL).approve(new Approval("alice", "go"));
        env.awaitStep(DRILL + "/failover", "waiting for operator");
        workflow(DRILL).decide(new ClientDecision("consumer " + GROUP, ClientDecision.RETRY, "bob"));
        env.awaitStep(DRILL + "/failback", "await approval");
        workflow(DRILL).approve(new Approval("carol", "back"));

        DrillResult result = WorkflowStub.fromTyped(workflow(DRILL)).getResult(DrillResult.class);

        assertEquals(DrillOutcome.PASSED, result.outcome(), result.notes().toString());
        assertEquals("alice", result.phases().stream().filter(p -> p.name().equals(DrillPhase.FAILOVER)).findFirst()
                .map(p -> env.client().newWorkflowStub(io.kafkadr.workflows.failover.FailoverWorkflow.class, DRILL + "/failover"))
                .map(f -> WorkflowStub.fromTyped(f).getResult(io.kafkadr.workflows.failover.FailoverReport.class).approvedBy())
                .orElseThrow());
        String notes = String.join("\n", result.notes());
        assertTrue(notes.contains("approval by early ignored: no failover or failback of this drill was running"), notes);
        assertTrue(notes.contains("approval by alice forwarded to " + DRILL + "/failover"), notes);
        assertTrue(notes.contains("decision by bob forwarded to " + DRILL + "/failover"), notes);
        assertTrue(notes.contains("approval by carol forwarded to " + DRILL + "/failback"), notes);
    }

    /**
     * Approvals and decisions sent to the drill as updates: what the drill can tell is wrong (no
     * failover or failback in flight, a missing {@code by}, an unknown action or client) is refused
     * to the caller; the rest is forwarded, and the drill completes.
     */
    @Test
    void updatesSentToTheDrillAreCheckedThenForwarded() {
        FakeConnectActivities.Gate replication = drillHeldWhileReplicating();
        assertContains(Failures.updateRefusal(() -> workflow(DRILL).approval(new Approval("early", "too soon"))),
                "no failover or failback of " + DRILL + " is running");
        replication.open();
        env.awaitStep(DRILL + "/failover", "await approval");
        assertContains(Failures.updateRefusal(() -> workflow(DRILL).approval(new Approval(null, "go"))),
                "an approval needs 'by'");
        assertContains(workflow(DRILL).approval(new Approval("alice", "go")), "forwarded to " + DRILL + "/failover");
        env.awaitStep(DRILL + "/failover", "waiting for operator");
        assertContains(Failures.updateRefusal(() -> workflow(DRILL).decision(
                new ClientDecision("consumer G", ClientDecision.RETRY, "bob"))), "unknown client 'consumer G': pair '");
        assertContains(Failures.updateRefusal(() -> workflow(DRILL).decision(
                new ClientDecision("consumer " + GROUP, "tyop", "bob"))), "unknown action 'tyop'");
        workflow(DRILL).decision(new ClientDecision("consumer " + GROUP, ClientDecision.RETRY, "bob"));
        env.awaitStep(DRILL + "/failback", "await approval");
        workflow(DRILL).approval(new Approval("carol", "back"));

        DrillResult result = WorkflowStub.fromTyped(workflow(DRILL)).getResult(DrillResult.class);

        assertEquals(DrillOutcome.PASSED, result.outcome(), result.notes().toString());
        assertContains(String.join("\n", result.notes()), "decision by bob forwarded to " + DRILL + "/failover");
    }

    /**
     * Starts a drill that needs approvals, whose consumer fails its first health check on the
     * secondary; returns it held while it sets replication up (no failover or failback yet).
     */
    private FakeConnectActivities.Gate drillHeldWhileReplicating() {
        clients.unhealthyNext("consumer " + GROUP, "group " + GROUP + " is EMPTY with 0 members");
        lock.replicating(null);
        FakeConnectActivities.Gate replication = connect.holdAwaitRunning();
        WorkflowClient.start(workflow()::drill, new DrillRequest(pair, null, "drill", null, true));
        replication.awaitEntered();
        return replication;
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected '" + expected + "' in: " + text);
    }

    /** The operator answers the child {@code workflowId}, which waits for a decision about the group. */
    private void decide(String workflowId, String action) {
        env.client().newUntypedWorkflowStub(workflowId).signal("decide", new ClientDecision("consumer " + GROUP, action, "bob"));
    }

    private DrillWorkflow workflow(String id) {
        return env.client().newWorkflowStub(DrillWorkflow.class, id);
    }
}
