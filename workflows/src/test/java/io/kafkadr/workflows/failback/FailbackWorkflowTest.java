package io.kafkadr.workflows.failback;

import static io.kafkadr.workflows.testing.Pairs.GROUP;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.operation.ClientDecision;
import io.kafkadr.workflows.operation.ClientMoves;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
import io.kafkadr.workflows.testing.FakeClientActivities;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeFailbackActivities;
import io.kafkadr.workflows.testing.FakeHandOverActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The staged failback against activity fakes, with the real replication and verification children. */
class FailbackWorkflowTest {

    private static final String OPERATION = "failback/test/1";
    private static final String PRODUCER = "orders-producer";
    private static final Direction BACK = new Direction(SECONDARY, PRIMARY);
    private static final Direction NORMAL = new Direction(PRIMARY, SECONDARY);
    private static final OffsetHandOver EXACT = new OffsetHandOver(TOPIC, TOPIC, 0, 100, 100, 100, OffsetHandOver.EXACT);

    private final FakePairLockActivities lock = new FakePairLockActivities().activeOn(SECONDARY);
    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities();
    private final FakeHandOverActivities handOver = new FakeHandOverActivities();
    private final FakeFailbackActivities failback = new FakeFailbackActivities()
            .salvages(new PartitionOffset(TOPIC, 0, 7));
    private final PairConfig pair = Pairs.builder().producers(PRODUCER).build();
    private WorkflowTestEnv env;

    @BeforeEach
    void start() {
        Figures.healthy(cluster, connect);
        cluster.matchesTopics(SECONDARY, TOPIC);
        handOver.handsOver(GROUP, EXACT).drainsTo(new PartitionOffset(TOPIC, 0, 100));
        env = WorkflowTestEnv.start(lock, cluster, connect, clients, handOver, failback);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private FailbackWorkflow workflow() {
        return env.newWorkflow(FailbackWorkflow.class, OPERATION);
    }

    private FailbackRequest request() {
        return new FailbackRequest(pair, null, "test", false);
    }

    @Test
    void theQuarantineIsReadBackOnlyAsFarAsTheLatestFailoverThatLeftThePrimaryBehind() {
        List<io.kafkadr.workflows.drpair.OperationRef> past = List.of(
                new io.kafkadr.workflows.drpair.OperationRef("f1", "failover", 5_000, 6_000, "completed"),
                new io.kafkadr.workflows.drpair.OperationRef("b1", "failback", 7_000, 8_000, "aborted"),
                new io.kafkadr.workflows.drpair.OperationRef("f0", "failover", 1_000, 2_000, "completed"),
                new io.kafkadr.workflows.drpair.OperationRef("r1", "replicate", 9_000, 9_500, "completed"));
        assertEquals(5_000, FailbackWorkflowImpl.quarantineSince(new io.kafkadr.workflows.drpair.PairState(Pairs.NAME,
                SECONDARY, null, null, past, null, 0, null, 0, null, null, null)));
        assertEquals(0, FailbackWorkflowImpl.quarantineSince(new io.kafkadr.workflows.drpair.PairState(Pairs.NAME,
                SECONDARY, null, null, List.of(), null, 0, null, 0, null, null, null)),
                "no failover listed: the whole quarantine is read");
    }

    @Test
    void aWriteFenceStandsFromBeforeTheSalvageUntilTheProducersMoveBack() {
        io.kafkadr.workflows.testing.Journal journal = new io.kafkadr.workflows.testing.Journal();
        failback.journalTo(journal, "failback");
        clients.journalTo(journal, "clients");
        failback.fence = new WriteFence(PRIMARY, List.of(new FenceAcl(TOPIC, "User:stray-app")), List.of(), true);

        FailbackReport report = workflow().failback(request());

        assertEquals("completed", report.outcome(), report.notes().toString());
        List<String> order = journal.entries().stream()
                .filter(e -> !e.method().equals("clients.start") || PRIMARY.equals(e.arg(1))
                        && e.arg(0).toString().contains(PRODUCER))
                .map(e -> e.method()).filter(m -> m.startsWith("failback.") || m.equals("clients.start")).toList();
        assertEquals("failback.fenceWrites", order.get(0), order.toString());
        assertEquals("failback.salvage", order.get(1), order.toString());
        assertEquals(order.indexOf("failback.liftFence") + 1, order.indexOf("clients.start"),
                "lifted right before the producers write to the primary again: " + order);
        assertEquals(List.of(List.of(PRIMARY, List.of(new FenceAcl(TOPIC, "User:stray-app")))),
                failback.calls("liftFence").stream().map(c -> List.of(((WriteFence) c.arg(0)).cluster(),
                        ((WriteFence) c.arg(0)).acls())).toList(), "lifted once, exactly its ACLs");
        assertEquals(failback.fence, report.writeFence());
        // the entity knew of the fence while it stood, and knows it is gone
        assertEquals(java.util.Arrays.asList(failback.fence, null),
                lock.calls("recordFence").stream().map(c -> c.arg(0)).toList());
    }

    @Test
    void theFenceTheEntityPutUpAfterAnUnplannedFailoverIsLiftedWithTheFailbacksOwn() {
        WriteFence entities = new WriteFence(PRIMARY, List.of(new FenceAcl(TOPIC, "User:orders-app")), List.of(), true);
        lock.recordFence(pair, new io.kafkadr.workflows.drpair.FenceRecord("dr-pair", entities));
        failback.fence = new WriteFence(PRIMARY, List.of(new FenceAcl(TOPIC, "User:stray-app")), List.of(), true);

        FailbackReport report = workflow().failback(request());

        assertEquals(List.of(new FenceAcl(TOPIC, "User:stray-app"), new FenceAcl(TOPIC, "User:orders-app")),
                ((WriteFence) failback.calls("liftFence").get(0).arg(0)).acls());
        assertEquals(2, report.writeFence().acls().size());
        assertNull(lock.state(pair).fence(), "no fence stands after the failback");
    }

    @Test
    void aFenceThatCannotBeRemovedIsNamedForTheOperator() {
        failback.fence = new WriteFence(PRIMARY, List.of(new FenceAcl(TOPIC, "User:stray-app")), List.of(), true);
        for (int i = 0; i < 10; i++) {
            failback.failNext("liftFence", io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                    "the orchestrator may not create ACLs", "BadInput"));
        }

        FailbackReport report = workflow().failback(request());

        assertTrue(report.notes().stream().anyMatch(n -> n.contains("the write fence could not be removed and stays on '"
                + PRIMARY + "': [DENY WRITE on topic " + TOPIC + " to User:stray-app]")), report.notes().toString());
    }

    @Test
    void salvagesCleansReplicatesBackMovesClientsAndRestoresReplication() {
        FailbackReport report = workflow().failback(request());

        assertEquals("completed", report.outcome(), report.notes().toString());
        assertEquals(7, report.recordsSalvaged());
        assertEquals(List.of(TOPIC), report.recreatedTopics());
        assertEquals(List.of(NORMAL), failback.calls("salvage").stream().map(c -> c.arg(0)).toList());
        assertEquals(List.of(BACK), failback.calls("recreateTopics").stream().map(c -> c.arg(0)).toList());
        assertEquals(4, failback.quarantineSince.size(), "salvage, recreation and both reads of the recreated topics");
        assertEquals(1, failback.quarantineSince.stream().distinct().count());
        // the recreated topics read for foreign writes before the consumers and before the producers move,
        // the second read on from where the first ended
        assertEquals(List.of(List.of(BACK, List.of(TOPIC), List.of()),
                        List.of(BACK, List.of(TOPIC), FakeFailbackActivities.upTo(List.of(TOPIC), 1))),
                failback.calls("checkRecreated").stream().map(c -> c.args()).toList());
        // back from the beginning; home from where both sides agreed: the primary's end offsets after the drain,
        // as far as the last read found only reverse copies
        assertEquals(List.of(List.of(BACK, 1, 3, ReplicationSetupRequest.BEGINNING),
                        List.of(NORMAL, 1, 3, FakeFailbackActivities.upTo(List.of(TOPIC), 2))),
                connect.calls("deploySourceFrom").stream().map(c -> c.args()).toList());
        assertEquals(List.of(), report.foreignWrites());
        assertEquals(List.of(BACK), connect.calls("removeConnectors").stream().map(c -> c.arg(0)).toList());
        assertEquals("moved", report.consumers().get(0).outcome());
        assertEquals(PRIMARY, report.consumers().get(0).to());
        assertEquals(PRIMARY, report.producers().get(0).to());
        assertEquals(1, lock.count("acquire"), "the replication children run under the failback's lock");
        Release release = lock.releases().get(0);
        assertEquals(PRIMARY, release.active());
        assertEquals(NORMAL, release.replication());
        assertTrue(report.finalChecks().stream().allMatch(c -> c.passed()));
        SearchAttributes tags = env.client().newUntypedWorkflowStub(OPERATION).describe().getTypedSearchAttributes();
        assertEquals(Pairs.NAME, tags.get(DrSearchAttributes.PAIR));
        assertEquals("failback", tags.get(DrSearchAttributes.OPERATION));
        assertEquals("done", tags.get(DrSearchAttributes.PHASE));
    }

    @Test
    void recordsInTheRecreatedTopicsThatAreNotReverseCopiesStopTheFailbackBeforeAnyClientMoves() {
        ForeignWrites foreign = new ForeignWrites(TOPIC, 0, 40, 44, 3, 3);
        failback.findsForeignAt(1, foreign);

        FailbackReport report = workflow().failback(request());

        assertEquals("aborted", report.outcome());
        assertEquals(List.of(foreign), report.foreignWrites());
        assertEquals(7 + 3, report.recordsSalvaged(), "the foreign writes are quarantined and counted");
        String note = report.notes().get(report.notes().size() - 1);
        assertTrue(note.contains("orders-0 offsets 40..44 (3)") && note.contains("stop that producer"), note);
        assertEquals(List.of(), handOver.calls("handOver"), "no consumer moved");
        assertEquals(List.of(), clients.calls("start").stream().filter(c -> PRIMARY.equals(c.arg(1))).toList());
        assertEquals(List.of(BACK), connect.calls("removeConnectors").stream().map(c -> c.arg(0)).toList());
        // once the reverse replication is gone, a last read: everything up to its end is a copy or quarantined
        assertEquals(FakeFailbackActivities.upTo(List.of(TOPIC), 1), failback.calls("checkRecreated").get(1).arg(2));
        Release release = lock.releases().get(0);
        assertEquals(SECONDARY, release.active());
        assertEquals(List.of(new PartitionOffset(TOPIC, 0, Figures.RECORDS + 2 - 1)), release.copiedUpTo(),
                "the next failback salvages whatever lies beyond the last read");
    }

    @Test
    void foreignWritesFoundBeforeTheProducersMoveHandTheConsumersBackAndRestartTheProducersOnTheSecondary() {
        failback.findsForeignAt(2, new ForeignWrites(TOPIC, 0, 101, 101, 1, 1));

        FailbackReport report = workflow().failback(request());

        assertEquals("aborted", report.outcome());
        assertEquals(8, report.recordsSalvaged());
        assertEquals(List.of(List.of(NORMAL, GROUP)), handOver.calls("handBack").stream().map(c -> c.args()).toList());
        assertEquals(List.of(SECONDARY), clients.callsFor("start", "producer " + PRODUCER).stream().map(c -> c.arg(1))
                .toList());
        assertEquals(1, connect.calls("deploySourceFrom").size(), "replication primary -> secondary never restored");
        assertEquals(SECONDARY, lock.releases().get(0).active());
    }

    @Test
    void aPairActiveOnThePrimaryIsRejectedAndNothingChanges() {
        lock.activeOn(PRIMARY);

        FailbackReport report = workflow().failback(request());

        assertEquals("rejected", report.outcome());
        assertEquals(0, failback.calls().size());
        assertEquals(PRIMARY, lock.releases().get(0).active());
    }

    @Test
    void anUnreachablePrimaryFailsBeforeAnythingIsTouched() {
        cluster.unreachable();

        FailbackReport report = workflow().failback(request());

        assertEquals("failed", report.outcome());
        assertTrue(report.notes().toString().contains("still does not answer"), report.notes().toString());
        assertEquals(0, failback.calls().size());
        assertEquals(SECONDARY, lock.releases().get(0).active());
    }

    @Test
    void anUnhealthyConsumerGoesBackToTheSecondaryAndAbortRemovesTheReverseReplication() {
        failback.fence = new WriteFence(PRIMARY, List.of(new FenceAcl(TOPIC, "User:stray-app")), List.of(), true);
        clients.unhealthyNext("group orders-app is EMPTY with 0 members");
        FailbackWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failback, request());
        awaitStep(workflow, "waiting for operator");

        workflow.decide(new ClientDecision("consumer " + GROUP, ClientDecision.ABORT, "bob"));
        FailbackReport report = WorkflowStub.fromTyped(workflow).getResult(FailbackReport.class);

        assertEquals("aborted", report.outcome());
        assertEquals(1, failback.count("liftFence"), "the abort takes the write fence down before it reports");
        assertTrue(report.timeline().stream().anyMatch(st -> st.name().equals("lift fence")), report.timeline().toString());
        assertTrue(clients.callsFor("start", "consumer " + GROUP).stream().anyMatch(c -> SECONDARY.equals(c.arg(1))),
                "rolled back to the secondary");
        assertTrue(report.consumers().isEmpty());
        assertEquals(0, handOver.count("handBack"), "nothing had moved");
        assertEquals(List.of(BACK), connect.calls("removeConnectors").stream().map(c -> c.arg(0)).toList());
        Release release = lock.releases().get(0);
        assertEquals(SECONDARY, release.active());
        assertNull(release.replication());
        // the primary's topics hold only copies of the secondary's records, as far as the last read after the
        // reverse replication stopped found (anything else there quarantined): a new failback salvages none of them
        assertEquals(List.of(new PartitionOffset(TOPIC, 0, Figures.RECORDS + 2 - 1)), release.copiedUpTo());
        assertEquals(List.of(), clients.callsFor("start", "producer " + PRODUCER));
    }

    @Test
    void abortHandsTheGroupsAlreadyMovedBackToTheSecondaryNewestFirst() {
        String billing = "billing-app";
        PairConfig twoGroups = Pairs.builder().producers(PRODUCER).groups(GROUP, billing, "audit-app").build();
        handOver.handsOver(billing, EXACT).handsOver("audit-app", EXACT);
        clients.unhealthyNext("consumer audit-app", "group audit-app is EMPTY with 0 members");
        FailbackWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failback, new FailbackRequest(twoGroups, null, "test", false));
        awaitStep(workflow, "waiting for operator");

        assertEquals("waiting for operator", WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes()
                .get(DrSearchAttributes.PHASE), "operators find runs that wait for them by DrPhase");
        workflow.decide(new ClientDecision("consumer audit-app", ClientDecision.ABORT, "bob"));
        FailbackReport report = WorkflowStub.fromTyped(workflow).getResult(FailbackReport.class);

        assertEquals("aborted", report.outcome());
        assertEquals(List.of(List.of(NORMAL, billing), List.of(NORMAL, GROUP)),
                handOver.calls("handBack").stream().map(c -> c.args()).toList());
        assertEquals(List.of("moved", "moved", "handed-back", "handed-back"),
                report.consumers().stream().map(c -> c.outcome()).toList());
        for (String group : List.of(GROUP, billing)) {
            List<String> startedOn = clients.callsFor("start", "consumer " + group).stream()
                    .map(c -> (String) c.arg(1)).toList();
            assertEquals(List.of(PRIMARY, SECONDARY), startedOn, group);
        }
        assertTrue(report.notes().toString().contains("kept"), report.notes().toString());
        assertEquals(List.of(BACK), connect.calls("removeConnectors").stream().map(c -> c.arg(0)).toList());
        Release release = lock.releases().get(0);
        assertEquals(SECONDARY, release.active());
        assertNull(release.replication());
    }

    /**
     * Two groups at a time: while one waits for its operator the others move back; an abort then
     * hands every group that moved back to the secondary, newest first.
     */
    @Test
    void withGroupsMovingInParallelAnAbortHandsBackEveryGroupThatMoved() {
        PairConfig four = Pairs.builder().producers(PRODUCER).groups("a", "b", "c", "d").groupConcurrency(null, 2).build();
        List.of("a", "b", "c", "d").forEach(g -> handOver.handsOver(g, EXACT));
        clients.unhealthyNext("consumer b", "group b is EMPTY with 0 members");
        FailbackWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failback, new FailbackRequest(four, null, "test", false));
        awaitStep(workflow, "waiting for operator");
        long deadline = System.currentTimeMillis() + 20_000;
        while (clients.callsFor("awaitHealthy", "consumer d").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }

        workflow.decide(new ClientDecision("consumer b", ClientDecision.ABORT, "bob"));
        FailbackReport report = WorkflowStub.fromTyped(workflow).getResult(FailbackReport.class);

        assertEquals("aborted", report.outcome());
        assertTrue(report.notes().toString().contains("aborted by the operator at consumer b"), report.notes().toString());
        assertEquals(List.of("d", "c", "a"), handOver.calls("handBack").stream().map(c -> (String) c.arg(1)).toList());
        assertEquals(List.of("moved", "moved", "moved", "handed-back", "handed-back", "handed-back"),
                report.consumers().stream().map(c -> c.outcome()).toList());
        assertEquals(SECONDARY, lock.releases().get(0).active());
    }

    @Test
    void aDrainThatGivesUpRestartsTheProducersOnTheSecondaryAndAbortStandsDown() {
        handOver.failNext("awaitDrained", ApplicationFailure.newNonRetryableFailure("gave up waiting for replication "
                + "secondary -> primary to drain after 120 s: 9 records of secondary not yet copied", ActivityFailures.NOT_READY));
        FailbackWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failback, request());
        awaitStep(workflow, "waiting for operator");

        workflow.decide(new ClientDecision(ClientMoves.PRODUCERS, ClientDecision.ABORT, "bob"));
        FailbackReport report = WorkflowStub.fromTyped(workflow).getResult(FailbackReport.class);

        assertEquals("aborted", report.outcome());
        assertEquals(List.of(SECONDARY), clients.callsFor("start", "producer " + PRODUCER).stream().map(c -> c.arg(1)).toList());
        assertEquals(List.of(List.of(NORMAL, GROUP)), handOver.calls("handBack").stream().map(c -> c.args()).toList());
        assertEquals(List.of(BACK), connect.calls("removeConnectors").stream().map(c -> c.arg(0)).toList());
        Release release = lock.releases().get(0);
        assertEquals(SECONDARY, release.active());
        assertNull(release.replication());
    }

    @Test
    void aFailedHandOverRestartsTheGroupOnTheSecondaryAndWaitsForTheOperator() {
        handOver.failNext("handOver", ApplicationFailure.newNonRetryableFailure("group orders-app still has 1 member "
                + "on secondary", ActivityFailures.NOT_READY));
        FailbackWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failback, request());
        awaitStep(workflow, "waiting for operator");
        assertTrue(workflow.progress().detail().contains("retry|skip|abort"), workflow.progress().detail());

        workflow.decide(new ClientDecision("consumer " + GROUP, ClientDecision.ABORT, "bob"));
        FailbackReport report = WorkflowStub.fromTyped(workflow).getResult(FailbackReport.class);

        assertEquals("aborted", report.outcome());
        assertEquals(List.of(SECONDARY), clients.callsFor("start", "consumer " + GROUP).stream().map(c -> c.arg(1)).toList(),
                "restarted where it was, never started on the primary");
        assertEquals(List.of(BACK), connect.calls("removeConnectors").stream().map(c -> c.arg(0)).toList());
        assertEquals(SECONDARY, lock.releases().get(0).active());
    }

    @Test
    void retryMovesTheConsumerAgain() {
        clients.unhealthyNext("group orders-app is EMPTY with 0 members");
        FailbackWorkflow workflow = workflow();
        WorkflowClient.start(workflow::failback, request());
        awaitStep(workflow, "waiting for operator");

        workflow.decide(new ClientDecision("consumer " + GROUP, ClientDecision.RETRY, "bob"));
        FailbackReport report = WorkflowStub.fromTyped(workflow).getResult(FailbackReport.class);

        assertEquals("completed", report.outcome(), report.notes().toString());
        assertEquals(2, handOver.calls("handOver").size());
        assertEquals("moved", report.consumers().get(0).outcome());
    }

    @Test
    void replaysDeterministically() throws Exception {
        workflow().failback(request());

        WorkflowReplayer.replayWorkflowExecution(env.history(OPERATION), FailbackWorkflowImpl.class);
    }

    private static void awaitStep(FailbackWorkflow workflow, String step) {
        long deadline = System.currentTimeMillis() + 20_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = workflow.progress().step();
            } catch (RuntimeException notYet) {
                last = null;
            }
            if (step.equals(last)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("never reached '" + step + "'; last: " + last);
    }
}
