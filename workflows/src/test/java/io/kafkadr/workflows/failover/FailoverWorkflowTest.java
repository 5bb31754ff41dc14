package io.kafkadr.workflows.failover;

import io.kafkadr.workflows.operation.ClientMoves;
import io.kafkadr.workflows.operation.GroupWaves;
import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.operation.ClientDecision;
import io.kafkadr.workflows.operation.Approval;
import static io.kafkadr.workflows.testing.Failures.rootApplicationFailure;
import static io.kafkadr.workflows.testing.Failures.updateRefusal;
import static io.kafkadr.workflows.testing.Pairs.GROUP;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static io.kafkadr.workflows.testing.Snapshots.offset;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.LossSummary;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.PartitionRate;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.FakeClientActivities;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeHandOverActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Journal;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.RecordingFake;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.kafkadr.workflows.verify.Check;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The failover against activity fakes, with the real verification workflow as its pre-check
 * child: {@link Pairs} with one consumer group ({@code orders-app}) and one producer.
 */
class FailoverWorkflowTest {

    private static final String OPERATION = "failover/test-1";
    private static final String PRODUCER = "orders-producer";
    private static final String CONSUMER_LABEL = "consumer " + GROUP;
    private static final String PRODUCER_LABEL = "producer " + PRODUCER;
    private static final Direction PRIMARY_TO_SECONDARY = new Direction(PRIMARY, SECONDARY);
    /** Where {@code orders-app} resumes on the secondary: the record after the last one it consumed. */
    private static final OffsetHandOver EXACT = new OffsetHandOver(TOPIC, TOPIC, 0, 100, 100, 100, OffsetHandOver.EXACT);
    private static final PartitionOffset DRAINED = offset(TOPIC, 0, 100);
    /** Calls the pre-check child makes to read both clusters; it reads MM2's progress between them. */
    private static final Set<String> VERIFICATION_READS = Set.of("cluster.matchTopics", "cluster.snapshot",
            "cluster.mirrorState");

    private final FakePairLockActivities lock = new FakePairLockActivities();
    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities();
    private final FakeHandOverActivities handOver = new FakeHandOverActivities();
    private final Journal journal = new Journal();
    private final PairConfig pair = Pairs.builder().producers(PRODUCER).build();
    private WorkflowTestEnv env;

    @BeforeEach
    void startEnvironment() {
        lock.journalTo(journal, "lock");
        cluster.journalTo(journal, "cluster");
        connect.journalTo(journal, "connect");
        clients.journalTo(journal, "clients");
        handOver.journalTo(journal, "handOver");
        Figures.healthy(cluster, connect);
        handOver.handsOver(GROUP, EXACT).drainsTo(DRAINED);
        env = WorkflowTestEnv.start(lock, cluster, connect, clients, handOver);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    private FailoverWorkflow workflow() {
        return env.newWorkflow(FailoverWorkflow.class, OPERATION);
    }

    private static FailoverRequest planned(PairConfig pair) {
        return new FailoverRequest(pair, null, FailoverRequest.PLANNED, "drill", null, null, false);
    }

    private static FailoverRequest unplanned(PairConfig pair, String incidentId, boolean force) {
        return new FailoverRequest(pair, null, FailoverRequest.UNPLANNED, "primary region down", incidentId, null,
                force);
    }

    private static FailoverRequest withApproval(FailoverRequest request) {
        return new FailoverRequest(request.pair(), request.pairFile(), request.mode(), request.reason(),
                request.incidentId(), true, request.force());
    }

    /** Starts the failover without waiting, then waits until its progress query shows {@code step}. */
    private FailoverWorkflow startAndAwaitStep(FailoverRequest request, String step) {
        FailoverWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failover, request);
        awaitStep(workflow, step);
        return workflow;
    }

    /** A refused update leaves no trace in the run's history: no update event, nothing the run did. */
    private void assertUntouched(String workflowId, int eventsBefore) {
        List<HistoryEvent> events = env.history(workflowId).getEvents();
        assertTrue(events.stream().noneMatch(e -> e.getEventType().name().contains("UPDATE")),
                () -> "update events in the history: " + events.stream().map(HistoryEvent::getEventType).toList());
        assertTrue(events.subList(eventsBefore, events.size()).stream()
                        .allMatch(e -> e.getEventType().name().startsWith("EVENT_TYPE_WORKFLOW_TASK")),
                () -> "the run did something: " + events.subList(eventsBefore, events.size()).stream()
                        .map(HistoryEvent::getEventType).toList());
    }

    private static void awaitStep(FailoverWorkflow workflow, String step) {
        long deadline = System.currentTimeMillis() + 20_000;
        Progress last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = workflow.progress();
            } catch (RuntimeException notYetQueryable) {
                last = null;
            }
            if (last != null && step.equals(last.step())) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("the failover never reached step '" + step + "'; last progress: " + last);
    }

    private static FailoverReport result(FailoverWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(FailoverReport.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The journal as readable steps: the pre-check child's reads (of the clusters, and of MM2's
     * replicated offsets among them) collapse into one {@code pre-checks}; client calls name the
     * client and, for start and health, the cluster.
     */
    private List<String> steps() {
        List<String> steps = new ArrayList<>();
        for (Journal.Entry entry : journal.entries()) {
            String previous = steps.isEmpty() ? "" : steps.get(steps.size() - 1);
            boolean verifying = VERIFICATION_READS.contains(entry.method())
                    || (entry.method().equals("connect.replicatedOffsets") && previous.equals("pre-checks"));
            if (!verifying) {
                steps.add(describe(entry));
            } else if (!previous.equals("pre-checks")) {
                steps.add("pre-checks");
            }
        }
        return steps;
    }

    private static String describe(Journal.Entry entry) {
        return switch (entry.method()) {
            case "clients.stop" -> entry.method() + " " + entry.arg(0);
            case "clients.start", "clients.awaitHealthy" -> entry.method() + " " + entry.arg(0) + " on " + entry.arg(1);
            case "connect.removeConnectors" -> entry.method() + " delete=" + entry.arg(1);
            case "handOver.handOver" -> entry.method() + " sourceReachable=" + entry.arg(2);
            default -> entry.method();
        };
    }

    private static List<String> stepNames(FailoverReport report) {
        return report.timeline().stream().map(Step::name).toList();
    }

    private Release onlyRelease() {
        List<Release> releases = lock.releases();
        assertEquals(1, releases.size(), () -> "one release expected: " + releases);
        return releases.get(0);
    }

    private static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text != null && text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }

    private static void assertNoCall(RecordingFake fake, String what) {
        assertTrue(fake.calls().isEmpty(), () -> what + " must not be called: " + fake.calls());
    }

    /** Nothing moved: no client call, no hand-over, no connector removed. */
    private void assertNothingMoved() {
        assertAll("nothing moved",
                () -> assertNoCall(clients, "clients"),
                () -> assertNoCall(handOver, "handOver"),
                () -> assertEquals(0, connect.count("removeConnectors")));
    }

    private static ClientMove onlyMove(List<ClientMove> moves) {
        assertEquals(1, moves.size(), () -> "one client move expected: " + moves);
        return moves.get(0);
    }

    /**
     * A failover cancelled while its acquire runs (the API's bench, an operator's cancel right after
     * the start): the activity goes on without the workflow and takes the lock after the run ended.
     * The run completes that acquire and gives the lock back, so the pair is not left locked.
     */
    @Test
    void aFailoverCancelledWhileItTakesTheLockLeavesThePairUnlocked() throws Exception {
        lock.acquireTakes(1_500);
        FailoverWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failover, planned(pair));
        long deadline = System.currentTimeMillis() + 10_000;
        while (lock.calls("acquire").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        WorkflowStub stub = WorkflowStub.fromTyped(workflow);
        stub.cancel();
        assertThrows(WorkflowFailedException.class, () -> stub.getResult(FailoverReport.class));
        Thread.sleep(2_000); // the first acquire has answered by now
        assertNull(lock.pairState().inFlight(), () -> "the pair is left locked by " + lock.pairState().inFlight());
        assertEquals("cancelled", lock.releases().get(lock.releases().size() - 1).outcome());
    }

    @Nested
    class Planned {

        @Test
        void movesConsumersThenProducersAndRemovesReplicationInRunbookOrder() {
            workflow().failover(planned(pair));

            assertEquals(List.of(
                    "lock.acquire",
                    "pre-checks",
                    "connect.connectorStatuses",
                    "lock.observe",
                    "lock.confirmHolder",
                    "handOver.uncommittedStarts",
                    "clients.stop " + CONSUMER_LABEL,
                    "handOver.awaitGroupEmpty",
                    "handOver.handOver sourceReachable=true",
                    "clients.start " + CONSUMER_LABEL + " on " + SECONDARY,
                    "clients.awaitHealthy " + CONSUMER_LABEL + " on " + SECONDARY,
                    "clients.stop " + PRODUCER_LABEL,
                    "handOver.awaitDrained",
                    "clients.start " + PRODUCER_LABEL + " on " + SECONDARY,
                    "clients.awaitHealthy " + PRODUCER_LABEL + " on " + SECONDARY,
                    "connect.replicatedOffsets",
                    "connect.removeConnectors delete=true",
                    "lock.release"), steps());
        }

        @Test
        void handsOverThePartitionsAGroupNeverCommittedAtWhereItsClientStoodBeforeTheStop() {
            PartitionOffset neverCommitted = new PartitionOffset("orders", 2, 40);
            handOver.uncommittedAt(GROUP, neverCommitted);

            workflow().failover(planned(pair));

            assertEquals(List.of(neverCommitted), handOver.uncommittedHandedOver(GROUP));
            List<String> order = steps();
            assertTrue(order.indexOf("handOver.uncommittedStarts") < order.indexOf("clients.stop " + CONSUMER_LABEL),
                    () -> "taken before the client stops: " + order);
        }

        @Test
        void reportsACompletedFailover() {
            FailoverReport report = workflow().failover(planned(pair));

            assertAll(
                    () -> assertEquals("completed", report.outcome()),
                    () -> assertEquals(OPERATION, report.operationId()),
                    () -> assertEquals(Pairs.NAME, report.pair()),
                    () -> assertEquals(FailoverRequest.PLANNED, report.mode()),
                    () -> assertEquals("drill", report.reason()),
                    () -> assertEquals(PRIMARY, report.from()),
                    () -> assertEquals(SECONDARY, report.to()),
                    () -> assertNull(report.approvedBy()),
                    () -> assertTrue(report.rtoMillis() >= 0, "rto " + report.rtoMillis()),
                    () -> assertTrue(report.endedAtMillis() >= report.startedAtMillis()),
                    () -> assertEquals(List.of(DRAINED), report.drainedTo()),
                    () -> assertEquals(List.of(), report.lossBound()));
            assertEquals(List.of("lock", "bindings", "pre-checks", GroupWaves.STEP, "stop " + CONSUMER_LABEL, "hand over " + CONSUMER_LABEL,
                    "start " + CONSUMER_LABEL, "health " + CONSUMER_LABEL, "stop producers", "drain replication",
                    "start " + PRODUCER_LABEL, "health " + PRODUCER_LABEL, "delete connectors"), stepNames(report));
            assertFalse(report.preChecks().isEmpty());
            assertTrue(report.preChecks().stream().allMatch(Check::passed), () -> "pre-checks: " + report.preChecks());
        }

        @Test
        void consumersResumeAtTheHandedOverOffsets() {
            FailoverReport report = workflow().failover(planned(pair));

            ClientMove consumer = onlyMove(report.consumers());
            assertAll(
                    () -> assertEquals(CONSUMER_LABEL, consumer.client()),
                    () -> assertEquals(PRIMARY, consumer.from()),
                    () -> assertEquals(SECONDARY, consumer.to()),
                    () -> assertEquals("moved", consumer.outcome()),
                    () -> assertEquals(List.of(EXACT), consumer.offsets()),
                    () -> assertEquals(FakeClientActivities.healthy(CONSUMER_LABEL, SECONDARY), consumer.health()));
            assertEquals(List.of(offset(TOPIC, 0, 100)),
                    clients.callsFor("awaitHealthy", CONSUMER_LABEL).get(0).arg(2),
                    "the health baseline is the handed-over offset on the target topic");
            ClientMove producer = onlyMove(report.producers());
            assertEquals(PRODUCER_LABEL, producer.client());
            assertEquals("moved", producer.outcome());
            assertEquals(List.of(), producer.offsets());
        }

        @Test
        void releasesTheLockWithTheSecondaryActiveAndNoReplication() {
            workflow().failover(planned(pair));

            Release release = onlyRelease();
            assertAll(
                    () -> assertEquals(OPERATION, release.operationId()),
                    () -> assertEquals("completed", release.outcome()),
                    () -> assertEquals(SECONDARY, release.active()),
                    () -> assertTrue(release.replicationChanged()),
                    () -> assertNull(release.replication()));
            LockRequest acquired = (LockRequest) lock.calls("acquire").get(0).arg(0);
            assertEquals(OPERATION, acquired.operationId());
            assertEquals("failover", acquired.type());
            assertEquals(List.of(PRIMARY_TO_SECONDARY), connect.calls("removeConnectors").stream()
                    .map(c -> c.arg(0)).toList());
        }

        @Test
        void recordsTheSourceEndOffsetsThePreChecksSaw() {
            workflow().failover(planned(pair));

            Observation observed = (Observation) lock.calls("observe").get(0).arg(0);
            assertEquals(List.of(new PartitionOffsets(TOPIC, 0, 0, Figures.RECORDS)), observed.source());
            assertTrue(observed.observedAtMillis() > 0);
        }

        @Test
        void abortsWithoutMovingAnythingWhenThePreChecksFail() {
            cluster.returnsSnapshots(SECONDARY, Figures.target(80));

            FailoverReport report = workflow().failover(planned(pair));

            assertEquals("aborted", report.outcome());
            assertTrue(report.preChecks().stream().anyMatch(c -> !c.passed()), () -> "pre-checks: " + report.preChecks());
            assertMentions(String.join("\n", report.notes()), "pre-checks failed", "nothing was moved");
            assertEquals(-1, report.rtoMillis());
            assertNothingMoved();
            Release release = onlyRelease();
            assertEquals("aborted", release.outcome());
            assertNull(release.active(), "the active cluster is unchanged");
            assertFalse(release.replicationChanged());
        }

        @Test
        void aBindingTheWorkerCannotRunFailsTheRunBeforeAnythingMoves() {
            clients.bindingsCannotRun("consumer orders-app: binding type 'ecs' is not supported by this worker");

            io.temporal.client.WorkflowFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.temporal.client.WorkflowFailedException.class, () -> workflow().failover(planned(pair)));

            assertMentions(String.valueOf(e.getCause().getCause().getMessage()), "'ecs' is not supported");
            assertEquals(1, clients.bindingChecks());
            assertNothingMoved();
            assertNoCall(cluster, "cluster (pre-checks)");
            assertEquals("failed", onlyRelease().outcome());
        }

        @Test
        void rejectsAPairAlreadyActiveOnTheSecondary() {
            lock.activeOn(SECONDARY);

            FailoverReport report = workflow().failover(planned(pair));

            assertEquals("rejected", report.outcome());
            assertMentions(String.join("\n", report.notes()), "active on 'secondary'", "fail back first");
            assertNothingMoved();
            assertNoCall(cluster, "cluster (pre-checks)");
            Release release = onlyRelease();
            assertEquals("rejected", release.outcome());
            assertNull(release.active());
        }

        @Test
        void failsWithTheHoldersNameWhenThePairIsBusy() {
            lock.heldBy("failback/other-7", "failback");

            WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                    () -> workflow().failover(planned(pair)));

            ApplicationFailure failure = rootApplicationFailure(thrown);
            assertEquals(ActivityFailures.PAIR_BUSY, failure.getType());
            assertMentions(failure.getOriginalMessage(), "failback/other-7", "failback");
            assertEquals(1, lock.count("acquire"), "a busy pair is not retried");
            assertEquals(0, lock.count("release"), "the lock of another operation must not be released");
            assertNothingMoved();
        }

        @Test
        void releasesTheLockAsFailedWhenAStepFails() {
            // (a client step that fails ends in the decide loop: see UnhealthyClient; this one is not a client's)
            connect.failNext("removeConnectors", ApplicationFailure.newNonRetryableFailure(
                    "Connect at http://127.0.0.1:8083 refused: 400 Bad Request", ActivityFailures.BAD_INPUT));

            WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                    () -> workflow().failover(planned(pair)));

            assertEquals("Connect at http://127.0.0.1:8083 refused: 400 Bad Request",
                    rootApplicationFailure(thrown).getOriginalMessage());
            Release release = onlyRelease();
            assertEquals("failed", release.outcome());
            assertNull(release.active());
            assertFalse(release.replicationChanged());
        }

        @Test
        void aFailedHandOverPutsTheGroupBackOnThePrimaryAndAsksTheOperator() {
            handOver.failNext("handOver", ApplicationFailure.newNonRetryableFailure("no record of orders-0 at 99 found "
                    + "on 'secondary' and MM2 has no checkpoint for it", ActivityFailures.NOT_READY));
            FailoverWorkflow workflow = startAndAwaitStep(planned(pair), "waiting for operator");
            assertMentions(workflow.progress().detail(), CONSUMER_LABEL + " could not be handed over", "no checkpoint",
                    "runs on primary again", "retry|skip");
            assertEquals(List.of(PRIMARY), clients.callsFor("start", CONSUMER_LABEL).stream().map(c -> c.arg(1)).toList());

            workflow.decide(new ClientDecision(CONSUMER_LABEL, ClientDecision.RETRY, "bob"));
            FailoverReport report = result(workflow);

            assertEquals("completed", report.outcome(), report.notes().toString());
            assertEquals(2, handOver.count("handOver"));
            assertEquals(List.of(PRIMARY, SECONDARY),
                    clients.callsFor("start", CONSUMER_LABEL).stream().map(c -> c.arg(1)).toList());
            assertEquals("moved", onlyMove(report.consumers()).outcome());
        }

        @Test
        void aGroupWhoseHandOverFailedCanStayOnThePrimary() {
            handOver.failNext("handOver", ApplicationFailure.newNonRetryableFailure("no record found",
                    ActivityFailures.NOT_READY));
            FailoverWorkflow workflow = startAndAwaitStep(planned(pair), "waiting for operator");

            workflow.decide(new ClientDecision(CONSUMER_LABEL, ClientDecision.SKIP, "bob"));
            FailoverReport report = result(workflow);

            ClientMove consumer = onlyMove(report.consumers());
            assertEquals("stayed", consumer.outcome());
            assertEquals(PRIMARY, consumer.to());
            assertEquals(List.of(PRIMARY), clients.callsFor("start", CONSUMER_LABEL).stream().map(c -> c.arg(1)).toList());
        }

        @Test
        void retriesAClientMoveThatHitAnUnreachableBinding() {
            clients.failNext("start", ApplicationFailure.newFailure("connection refused", ActivityFailures.UNREACHABLE));

            FailoverReport report = workflow().failover(planned(pair));

            assertEquals("completed", report.outcome());
            assertEquals(2, clients.callsFor("start", CONSUMER_LABEL).size());
        }

    }

    /** A planned failover whose drain gives up: the producers write to the primary again, the operator decides. */
    @Nested
    class DrainGivesUp {

        private FailoverWorkflow drainFailed() {
            handOver.failNext("awaitDrained", ApplicationFailure.newNonRetryableFailure("gave up waiting for replication "
                    + "primary -> secondary to drain after 120 s: 42 records of primary not yet copied", ActivityFailures.NOT_READY));
            FailoverWorkflow workflow = startAndAwaitStep(planned(pair), "waiting for operator");
            assertMentions(workflow.progress().detail(), "did not drain", "42 records", "\"client\": \"producers\"",
                    "retry|abort");
            return workflow;
        }

        private List<Object> producerStarts() {
            return clients.callsFor("start", PRODUCER_LABEL).stream().map(c -> c.arg(1)).toList();
        }

        @Test
        void theProducersWriteToThePrimaryAgainUntilTheOperatorRetries() {
            FailoverWorkflow workflow = drainFailed();
            assertEquals(List.of(PRIMARY), producerStarts(), "restarted where they were stopped");

            workflow.decide(new ClientDecision(ClientMoves.PRODUCERS, ClientDecision.RETRY, "bob"));
            FailoverReport report = result(workflow);

            assertEquals("completed", report.outcome(), report.notes().toString());
            assertEquals(List.of(PRIMARY, SECONDARY), producerStarts());
            assertEquals(2, clients.callsFor("stop", PRODUCER_LABEL).size());
            assertEquals(2, handOver.count("awaitDrained"));
            assertMentions(String.join("\n", report.notes()), "producers: retry by bob");
        }

        @Test
        void aDecisionAboutTheProducersThatTheDrainGateDoesNotOfferIsRefused() {
            FailoverWorkflow workflow = drainFailed();

            assertMentions(updateRefusal(() -> workflow.decision(new ClientDecision(ClientMoves.PRODUCERS,
                    ClientDecision.SKIP, "bob"))), "'skip' is not offered for 'producers' at this gate: retry|abort");
            assertMentions(workflow.decision(new ClientDecision(ClientMoves.PRODUCERS, ClientDecision.RETRY, "bob")),
                    "'retry' for producers taken");
            assertEquals("completed", result(workflow).outcome());
        }

        @Test
        void abortHandsTheConsumersBackAndLeavesThePairAsItWas() {
            FailoverWorkflow workflow = drainFailed();

            workflow.decide(new ClientDecision(ClientMoves.PRODUCERS, ClientDecision.ABORT, "bob"));
            FailoverReport report = result(workflow);

            assertEquals("aborted", report.outcome());
            assertEquals(List.of(List.of(new Direction(SECONDARY, PRIMARY), GROUP)),
                    handOver.calls("handBack").stream().map(c -> c.args()).toList());
            assertEquals(List.of(SECONDARY, PRIMARY),
                    clients.callsFor("start", CONSUMER_LABEL).stream().map(c -> c.arg(1)).toList());
            assertEquals(List.of("moved", "handed-back"), report.consumers().stream().map(ClientMove::outcome).toList());
            assertEquals(List.of(PRIMARY), producerStarts());
            assertEquals(0, connect.count("removeConnectors"), "replication keeps running");
            Release release = onlyRelease();
            assertEquals("aborted", release.outcome());
            assertNull(release.active());
            assertFalse(release.replicationChanged());
        }
    }

    @Nested
    class Unplanned {

        private static final long OBSERVED_AT = 1_700_000_000_000L;

        @Test
        void needsAnIncidentIdOrForce() {
            WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                    () -> workflow().failover(unplanned(pair, null, false)));

            ApplicationFailure failure = rootApplicationFailure(thrown);
            assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
            assertTrue(failure.isNonRetryable());
            assertMentions(failure.getOriginalMessage(), "--force", "--incident");
            assertNoCall(lock, "lock");
            assertNothingMoved();
        }

        @Test
        void rejectsAnUnknownMode() {
            WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class, () -> workflow().failover(
                    new FailoverRequest(pair, null, "sideways", "test", null, null, false)));

            assertEquals(ActivityFailures.BAD_INPUT, rootApplicationFailure(thrown).getType());
            assertMentions(rootApplicationFailure(thrown).getOriginalMessage(), "'sideways'");
            assertNoCall(lock, "lock");
        }

        @Test
        void forcedWithTheSourceUnreachableSkipsPreChecksAndFencing() {
            cluster.unreachable();
            lock.lastKnownSource(OBSERVED_AT, new PartitionOffsets(TOPIC, 0, 0, 120));
            connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 99)));

            FailoverReport report = workflow().failover(unplanned(pair, null, true));

            assertEquals("completed", report.outcome());
            assertEquals(List.of(
                    "lock.acquire",
                    "cluster.reachable",
                    "lock.confirmHolder",
                    "clients.stop " + CONSUMER_LABEL,
                    "handOver.handOver sourceReachable=false",
                    "clients.start " + CONSUMER_LABEL + " on " + SECONDARY,
                    "clients.awaitHealthy " + CONSUMER_LABEL + " on " + SECONDARY,
                    "clients.start " + PRODUCER_LABEL + " on " + SECONDARY,
                    "clients.awaitHealthy " + PRODUCER_LABEL + " on " + SECONDARY,
                    "connect.replicatedOffsets",
                    "connect.removeConnectors delete=false",
                    "cluster.copiedByOrigin",
                    "connect.replicatedOffsets",
                    "lock.release"), steps());
            assertEquals(List.of(PRIMARY), cluster.calls("reachable").stream().map(c -> c.arg(0)).toList());
            assertEquals(List.of(), report.preChecks());
            assertEquals(List.of(), report.drainedTo());
            assertMentions(String.join("\n", report.notes()), "cannot be fenced", "forced without an incident id");
            assertEquals(SECONDARY, onlyRelease().active());
        }

        @Test
        void knowsTheLossByWhatThePrimaryWasLastSeenToHoldBeyondTheCopies() {
            cluster.unreachable();
            lock.lastKnownSource(OBSERVED_AT,
                    new PartitionOffsets(TOPIC, 0, 0, 120),   // copies reach offset 99: 20 records beyond
                    new PartitionOffsets(TOPIC, 1, 10, 50),   // no copy: all 40 records since log start
                    new PartitionOffsets(TOPIC, 2, 0, 30));   // copied past what was last seen: nothing lost
            // the copies on the secondary, by their origin headers
            cluster.copiedByOrigin(offset(TOPIC, 0, 99), offset(TOPIC, 2, 40));
            // Connect's committed offsets lag its offset flush: they say less was copied
            connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 79), offset(TOPIC, 2, 20)));

            FailoverReport report = workflow().failover(unplanned(pair, "INC-42", false));

            assertEquals(List.of(offset(TOPIC, 0, 20), offset(TOPIC, 1, 40), offset(TOPIC, 2, 0)), report.lossKnown());
            assertEquals(List.of(offset(TOPIC, 0, 0), offset(TOPIC, 1, 0), offset(TOPIC, 2, 0)), report.lossEstimate(),
                    "no rate observed: nothing estimated");
            assertEquals(List.of(offset(TOPIC, 0, 40), offset(TOPIC, 1, 40), offset(TOPIC, 2, 9)), report.lossBound(),
                    "the figure reports gave before, by Connect's offsets, kept for tools that read it");
            assertEquals(OBSERVED_AT, report.lossBoundAsOfMillis());
            assertEquals("INC-42", report.incidentId());
            assertMentions(String.join("\n", report.notes()), "incident INC-42", "known lost: 60 records", "a lower bound",
                    "an estimate, not a bound");
            assertEquals(new LossSummary(OPERATION, 60L, 0, report.lossEstimateWindowMillis()), onlyRelease().loss(),
                    "the pair keeps the figures for the failback that measures the truth");
        }

        @Test
        void withoutProvenanceTheLossIsNotKnownOnlyEstimated() {
            cluster.unreachable();
            lock.lastKnownSource(OBSERVED_AT, new PartitionOffsets(TOPIC, 0, 0, 120));
            connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 99)));
            PairConfig noOrigin = Pairs.withoutProvenance(pair);

            FailoverReport report = workflow().failover(unplanned(noOrigin, "INC-42", false));

            assertNull(report.lossKnown());
            assertEquals(0, cluster.calls("copiedByOrigin").size());
            assertMentions(String.join("\n", report.notes()), "known lost: not known");
        }

        @Test
        void addsWhatThePrimaryCouldWriteAtItsPeakRateUntilItFellSilent() {
            cluster.unreachable();
            lock.lastKnownSource(OBSERVED_AT, new PartitionOffsets(TOPIC, 0, 0, 120))
                    .watched(OBSERVED_AT + 5_000, new PartitionRate(TOPIC, 0, 2.5));
            connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 99)));

            FailoverReport report = workflow().failover(unplanned(pair, "INC-42", false));

            // The primary fell silent 5 s after it was seen, but it is not known to be dead: the pair's
            // producers may have written to it until they were started on the secondary.
            long movedAt = report.startedAtMillis() + report.rtoMillis();
            long unseen = (long) Math.ceil(2.5 * Math.max(5_000, movedAt - OBSERVED_AT) / 1000.0);
            assertEquals(List.of(offset(TOPIC, 0, 20 + unseen)), report.lossBound(),
                    "20 records seen beyond the copy, plus 2.5 records/s until the producers moved, rounded up");
            assertEquals(List.of(offset(TOPIC, 0, unseen)), report.lossEstimate());
            assertEquals(Math.max(5_000, movedAt - OBSERVED_AT), report.lossEstimateWindowMillis());
            assertTrue(unseen >= 13);
            assertMentions(String.join("\n", report.notes()), "moving the last producer");
        }

        @Test
        void givesNoLossBoundWhenThePrimaryWasNeverObserved() {
            cluster.unreachable();

            FailoverReport report = workflow().failover(unplanned(pair, "INC-42", false));

            assertEquals("completed", report.outcome());
            assertEquals(List.of(), report.lossBound());
            assertMentions(String.join("\n", report.notes()), "no loss figures", "never observed");
        }

        @Test
        void reachableSourceIsNotFencedButItsGroupMustLeaveFirst() {
            connect.returnsReplicatedOffsets(List.of());

            FailoverReport report = workflow().failover(unplanned(pair, "INC-42", false));

            assertEquals("completed", report.outcome());
            assertEquals(List.of(PRIMARY, GROUP), handOver.calls("awaitGroupEmpty").get(0).args());
            assertEquals(true, handOver.calls("handOver").get(0).arg(2), "sourceReachable");
            assertEquals(0, clients.callsFor("stop", PRODUCER_LABEL).size(),
                    "unplanned: the producers are not stopped on the old cluster");
            assertEquals(0, handOver.count("awaitDrained"));
            assertMentions(String.join("\n", report.notes()), "NOT fenced");
        }
    }

    @Nested
    class ApprovalGate {

        @Test
        void waitsForTheApprovalBeforeMovingAnything() {
            FailoverWorkflow workflow = startAndAwaitStep(withApproval(planned(pair)), "await approval");
            assertNoCall(clients, "clients (before the approval)");

            workflow.approve(new Approval("alice", "go"));
            FailoverReport report = result(workflow);

            assertEquals("completed", report.outcome());
            assertEquals("alice", report.approvedBy());
            Step approval = report.timeline().stream().filter(s -> s.name().equals("approval")).findFirst()
                    .orElseThrow(() -> new AssertionError("no approval step in " + stepNames(report)));
            assertEquals("approved by alice: go", approval.detail());
            assertEquals(1, clients.callsFor("start", CONSUMER_LABEL).size());
        }

        @Test
        void anApprovalWithoutNameIsRefusedToTheCallerAndASecondOneToo() {
            FailoverWorkflow workflow = startAndAwaitStep(withApproval(planned(pair)), "await approval");
            int events = env.history(OPERATION).getEvents().size();

            assertMentions(updateRefusal(() -> workflow.approval(new Approval(" ", "no name"))), "an approval needs 'by'");
            assertUntouched(OPERATION, events);
            assertEquals("await approval", workflow.progress().step());
            assertMentions(workflow.approval(new Approval("alice", "go")), "approved " + OPERATION + " as alice");
            assertMentions(updateRefusal(() -> workflow.approval(new Approval("mallory", "again"))),
                    OPERATION + " is approved already, by alice");

            assertEquals("alice", result(workflow).approvedBy());
        }

        @Test
        void anApprovalWithoutNameIsIgnored() {
            FailoverWorkflow workflow = startAndAwaitStep(withApproval(planned(pair)), "await approval");

            workflow.approve(new Approval(" ", "no name"));
            sleep(300);
            assertEquals("await approval", workflow.progress().step());
            workflow.approve(new Approval("alice", "go"));

            assertEquals("alice", result(workflow).approvedBy());
        }

        @Test
        void abortsWhenNoApprovalArrivesInTime() {
            int timeoutSeconds = 600;
            PairConfig needsApproval = Pairs.builder().producers(PRODUCER).failoverRequiresApproval(true)
                    .approvalTimeoutSeconds(timeoutSeconds).build();

            FailoverReport report = workflow().failover(planned(needsApproval));

            assertEquals("aborted", report.outcome());
            assertMentions(String.join("\n", report.notes()), "no approval within " + timeoutSeconds + " s");
            assertTrue(report.endedAtMillis() - report.startedAtMillis() >= timeoutSeconds * 1000L,
                    () -> "gave up after " + (report.endedAtMillis() - report.startedAtMillis()) + " ms");
            assertNull(report.approvedBy());
            assertNothingMoved();
            Release release = onlyRelease();
            assertEquals("aborted", release.outcome());
            assertNull(release.active());
        }
    }

    @Nested
    class UnhealthyClient {

        /** The consumer fails its first health check; the failover waits for the operator. */
        private FailoverWorkflow consumerUnhealthy() {
            clients.unhealthyNext("group orders-app is EMPTY with 0 members");
            FailoverWorkflow workflow = startAndAwaitStep(planned(pair), "waiting for operator");
            assertMentions(workflow.progress().detail(), CONSUMER_LABEL, "EMPTY with 0 members", "retry|skip|rollback",
                    "drctl approve " + OPERATION + " --by NAME --client '" + CONSUMER_LABEL + "' --action retry|skip|rollback");
            return workflow;
        }

        private FailoverReport decide(FailoverWorkflow workflow, String action, String by) {
            workflow.decide(new ClientDecision(CONSUMER_LABEL, action, by));
            return result(workflow);
        }

        /**
         * Decisions are updates: what the gate would not take is refused to the caller, naming why,
         * and leaves the run's history as it was; the run still waits and takes a valid decision.
         */
        @Test
        void aDecisionTheGateWouldNotTakeIsRefusedToTheCallerAndTheRunStillWaits() {
            FailoverWorkflow workflow = consumerUnhealthy();
            int events = env.history(OPERATION).getEvents().size();

            assertMentions(updateRefusal(() -> workflow.decision(new ClientDecision(CONSUMER_LABEL, "tyop", "bob"))),
                    "unknown action 'tyop': one of retry, skip, rollback, abort");
            assertMentions(updateRefusal(() -> workflow.decision(new ClientDecision(CONSUMER_LABEL, ClientDecision.ABORT, "bob"))),
                    "'abort' is not offered for '" + CONSUMER_LABEL + "' at this gate: retry|skip|rollback");
            assertMentions(updateRefusal(() -> workflow.decision(new ClientDecision("consumer G", ClientDecision.RETRY, "bob"))),
                    "unknown client 'consumer G': nothing in " + OPERATION + " waits for a decision about it; waiting now: '"
                            + CONSUMER_LABEL + "' (retry|skip|rollback)");
            assertMentions(updateRefusal(() -> workflow.decision(new ClientDecision(CONSUMER_LABEL, ClientDecision.RETRY, " "))),
                    "a decision needs 'by'");
            assertMentions(updateRefusal(() -> workflow.decision(new ClientDecision(null, ClientDecision.RETRY, "bob"))),
                    "a decision needs 'client'");

            assertUntouched(OPERATION, events);
            assertEquals("waiting for operator", workflow.progress().step());
            assertMentions(workflow.decision(new ClientDecision(CONSUMER_LABEL, ClientDecision.RETRY, "bob")),
                    "'retry' for " + CONSUMER_LABEL + " taken by " + OPERATION);
            FailoverReport report = result(workflow);
            assertEquals("completed", report.outcome());
            assertMentions(String.join("\n", report.notes()), CONSUMER_LABEL + ": health check retried by bob");
        }

        @Test
        void retryChecksTheHealthAgain() {
            FailoverWorkflow workflow = consumerUnhealthy();

            FailoverReport report = decide(workflow, ClientDecision.RETRY, "bob");

            assertEquals("completed", report.outcome());
            assertEquals(2, clients.callsFor("awaitHealthy", CONSUMER_LABEL).size());
            assertEquals(1, clients.callsFor("start", CONSUMER_LABEL).size(), "a retry does not restart the client");
            ClientMove consumer = onlyMove(report.consumers());
            assertEquals("moved", consumer.outcome());
            assertEquals(SECONDARY, consumer.to());
            assertMentions(String.join("\n", report.notes()), CONSUMER_LABEL + ": health check retried by bob");
            assertTrue(report.timeline().stream().anyMatch(s -> s.detail().startsWith("UNHEALTHY: group orders-app")),
                    () -> "the failed health check is in the timeline: " + report.timeline());
        }

        @Test
        void aStartThatFailsForGoodWaitsForTheOperatorAndARetryStartsAgain() {
            clients.failNext("start", io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                    "consumer orders-app: 'start' failed (exit 1)", "NotReady"));
            FailoverWorkflow workflow = startAndAwaitStep(planned(pair), "waiting for operator");
            assertMentions(workflow.progress().detail(), CONSUMER_LABEL, "did not start on " + SECONDARY, "exit 1");

            FailoverReport report = decide(workflow, ClientDecision.RETRY, "bob");

            assertEquals("completed", report.outcome());
            assertEquals(2, clients.callsFor("start", CONSUMER_LABEL).size(), "a retry starts it again");
            assertEquals("moved", onlyMove(report.consumers()).outcome());
            assertMentions(String.join("\n", report.notes()), CONSUMER_LABEL + ": start retried by bob");
        }

        @Test
        void aStopThatFailsForGoodWaitsForTheOperatorWithTheGroupRunningWhereItWas() {
            clients.failNext("stop", io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                    "consumer orders-app: 'stop' failed (exit 1)", "NotReady"));
            FailoverWorkflow workflow = startAndAwaitStep(planned(pair), "waiting for operator");
            assertMentions(workflow.progress().detail(), CONSUMER_LABEL, "could not be handed over", "exit 1");

            FailoverReport report = decide(workflow, ClientDecision.SKIP, "bob");

            assertEquals(List.of(PRIMARY), clients.callsFor("start", CONSUMER_LABEL).stream().map(c -> c.arg(1)).toList(),
                    "restarted where it was, never on the secondary");
            assertEquals("stayed", report.consumers().get(0).outcome());
            assertEquals(0, handOver.count("handOver"));
        }

        @Test
        void rollbackMovesTheClientBackToThePrimary() {
            FailoverWorkflow workflow = consumerUnhealthy();

            FailoverReport report = decide(workflow, ClientDecision.ROLLBACK, "bob");

            List<String> consumerCalls = steps().stream().filter(s -> s.contains(CONSUMER_LABEL)).toList();
            assertEquals(List.of(
                    "clients.stop " + CONSUMER_LABEL,
                    "clients.start " + CONSUMER_LABEL + " on " + SECONDARY,
                    "clients.awaitHealthy " + CONSUMER_LABEL + " on " + SECONDARY,
                    "clients.stop " + CONSUMER_LABEL,
                    "clients.start " + CONSUMER_LABEL + " on " + PRIMARY), consumerCalls);
            ClientMove consumer = onlyMove(report.consumers());
            assertAll(
                    () -> assertEquals("rolled-back", consumer.outcome()),
                    () -> assertEquals(PRIMARY, consumer.to()),
                    () -> assertEquals(-1, consumer.healthyAtMillis()),
                    () -> assertMentions(consumer.health(), "EMPTY with 0 members"));
            assertMentions(String.join("\n", report.notes()), CONSUMER_LABEL + ": rolled back to primary by bob");
            assertTrue(stepNames(report).contains("roll back " + CONSUMER_LABEL), () -> "timeline: " + stepNames(report));
        }

        @Test
        void skipLeavesTheClientMovedWithoutHealthCheck() {
            FailoverWorkflow workflow = consumerUnhealthy();

            FailoverReport report = decide(workflow, ClientDecision.SKIP, "carol");

            assertEquals("completed", report.outcome());
            ClientMove consumer = onlyMove(report.consumers());
            assertEquals("skipped-health-check", consumer.outcome());
            assertEquals(SECONDARY, consumer.to());
            assertEquals(1, clients.callsFor("awaitHealthy", CONSUMER_LABEL).size());
            assertMentions(String.join("\n", report.notes()), CONSUMER_LABEL + ": health check skipped by carol");
        }

        @Test
        void aDecisionForAnotherClientOrWithAnUnknownActionIsIgnored() {
            FailoverWorkflow workflow = consumerUnhealthy();

            workflow.decide(new ClientDecision(PRODUCER_LABEL, ClientDecision.SKIP, "bob"));
            workflow.decide(new ClientDecision(CONSUMER_LABEL, "ignore", "bob"));
            sleep(300);
            assertEquals("waiting for operator", workflow.progress().step());
            assertEquals(1, clients.callsFor("awaitHealthy", CONSUMER_LABEL).size());

            assertEquals("moved", onlyMove(decide(workflow, ClientDecision.RETRY, "bob").consumers()).outcome());
        }
    }

    /**
     * Replays the failover's own history against the current code (the pre-check child has a
     * history of its own): a change that would break failovers in flight fails here.
     */
    @Nested
    class Replay {

        private void assertReplays() throws Exception {
            WorkflowReplayer.replayWorkflowExecution(env.history(OPERATION), FailoverWorkflowImpl.class);
        }

        @Test
        void plannedFailover() throws Exception {
            assertEquals("completed", workflow().failover(planned(pair)).outcome());

            assertReplays();
        }

        @Test
        void forcedUnplannedFailover() throws Exception {
            cluster.unreachable();
            lock.lastKnownSource(1_700_000_000_000L, new PartitionOffsets(TOPIC, 0, 0, 120));

            assertEquals("completed", workflow().failover(unplanned(pair, null, true)).outcome());

            assertReplays();
        }

        @Test
        void failoverWithApprovalAndAnOperatorDecision() throws Exception {
            clients.unhealthyNext("no new record on secondary yet");
            FailoverWorkflow workflow = startAndAwaitStep(withApproval(planned(pair)), "await approval");
            workflow.approve(new Approval("alice", "drill"));
            awaitStep(workflow, "waiting for operator");
            workflow.decide(new ClientDecision(CONSUMER_LABEL, ClientDecision.RETRY, "bob"));
            assertEquals("completed", result(workflow).outcome());

            assertReplays();
        }
    }
}
