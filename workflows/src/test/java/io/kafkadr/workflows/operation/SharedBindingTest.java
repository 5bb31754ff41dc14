package io.kafkadr.workflows.operation;

import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failback.FailbackRequest;
import io.kafkadr.workflows.failback.FailbackWorkflow;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.failover.FailoverWorkflowImpl;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.FakeClientActivities;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeFailbackActivities;
import io.kafkadr.workflows.testing.FakeHandOverActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Journal;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An application that owns several consumer groups (one binding shared by them) moves once: it
 * is stopped once, every one of its groups is handed over, then it starts once on the target, so
 * none of its groups ever reads on the target before its offsets were handed over.
 */
class SharedBindingTest {

    private static final String OPERATION = "failover/shared-1";
    private static final OffsetHandOver EXACT = new OffsetHandOver(TOPIC, TOPIC, 0, 100, 100, 100, OffsetHandOver.EXACT);

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities();
    private final FakeHandOverActivities handOver = new FakeHandOverActivities();
    private final Journal journal = new Journal();
    private WorkflowTestEnv env;

    private void startEnvironment(FakePairLockActivities lock, String... groups) {
        Figures.healthy(cluster, connect);
        for (String g : groups) {
            handOver.handsOver(g, EXACT);
        }
        handOver.drainsTo(new PartitionOffset(TOPIC, 0, 100));
        clients.journalTo(journal, "clients");
        handOver.journalTo(journal, "handOver");
        env = WorkflowTestEnv.start(lock, cluster, connect, clients, handOver,
                new FakeFailbackActivities().salvages(new PartitionOffset(TOPIC, 0, 0)));
    }

    @AfterEach
    void stopEnvironment() {
        if (env != null) {
            env.close();
        }
    }

    /** g1 and g2 are one application ({@code app: multi}); g3 is alone. */
    private static PairConfig pair() {
        return Pairs.builder().groups("g1", "g2", "g3").sharedBinding("multi", "g1", "g2").producers("p1").build();
    }

    private FailoverWorkflow startFailover() {
        FailoverWorkflow workflow = env.newWorkflow(FailoverWorkflow.class, OPERATION);
        WorkflowClient.start(workflow::failover,
                new FailoverRequest(pair(), null, FailoverRequest.UNPLANNED, "test", "INC-1", null, false));
        return workflow;
    }

    @Test
    void theApplicationStopsOnceHandsOverEveryGroupThenStartsOnce() throws Exception {
        startEnvironment(new FakePairLockActivities(), "g1", "g2", "g3");
        FailoverReport report = WorkflowStub.fromTyped(startFailover()).getResult(FailoverReport.class);

        assertEquals("completed", report.outcome());
        assertEquals(List.of("consumer g1", "consumer g2", "consumer g3"),
                report.consumers().stream().map(ClientMove::client).toList());
        assertTrue(report.consumers().stream().allMatch(m -> "moved".equals(m.outcome()) && SECONDARY.equals(m.to())
                && m.offsets().equals(List.of(EXACT))), () -> "every group moved with its own offsets: " + report.consumers());
        assertEquals(1, clients.callsFor("stop", "consumer g1").size(), "the application stops once");
        assertEquals(1, clients.callsFor("start", "consumer g1").size(), "and starts once");
        assertEquals(0, clients.callsFor("stop", "consumer g2").size() + clients.callsFor("start", "consumer g2").size(),
                "g2 is not moved on its own: its application is g1's");
        assertEquals(List.of("g1", "g2"), handOver.calls("awaitGroupEmpty").stream().map(c -> (String) c.arg(1))
                .filter(g -> !g.equals("g3")).toList(), "both groups leave the primary");
        assertEquals(1, clients.callsFor("awaitHealthy", "consumer g2").size(), "each group's health is checked");
        List<String> order = journal.entries().stream()
                .map(e -> e.method() + " " + (e.fake().equals("clients") ? e.arg(0) : e.arg(1)))
                .filter(line -> line.endsWith("g1") || line.endsWith("g2")).toList();
        assertEquals(List.of("handOver.uncommittedStarts g1,g2", "clients.stop consumer g1", "handOver.awaitGroupEmpty g1", "handOver.awaitGroupEmpty g2",
                "handOver.handOver g1", "handOver.handOver g2", "clients.start consumer g1",
                "clients.awaitHealthy consumer g1", "clients.awaitHealthy consumer g2"), order, "started only after every group was handed over");
        WorkflowReplayer.replayWorkflowExecution(env.history(OPERATION), FailoverWorkflowImpl.class);
        WorkflowReplayer.replayWorkflowExecution(env.history(GroupWaves.childId(OPERATION, "g1")),
                GroupMoveWorkflowImpl.class);
    }

    @Test
    void anUnhealthyGroupHoldsItsApplicationAndADecisionNamingEitherGroupDecidesForBoth() throws Exception {
        clients.unhealthyNext("consumer g2", "group g2 is EMPTY with 0 members");
        startEnvironment(new FakePairLockActivities(), "g1", "g2", "g3");
        FailoverWorkflow workflow = startFailover();

        WorkflowTestEnv.awaitTrue(() -> "waiting for operator".equals(workflow.progress().step()), "g2's application waits");
        String detail = workflow.progress().detail();
        assertTrue(detail.contains("consumer g1 (one application with consumer g2) is not healthy (group g2 is EMPTY")
                && detail.contains("--client 'consumer g1'"), detail);
        workflow.decide(new ClientDecision("consumer g2", ClientDecision.ROLLBACK, "bob"));
        FailoverReport report = WorkflowStub.fromTyped(workflow).getResult(FailoverReport.class);

        assertEquals(List.of("rolled-back", "rolled-back", "moved"),
                report.consumers().stream().map(ClientMove::outcome).toList());
        assertEquals(List.of(SECONDARY, PRIMARY), clients.callsFor("start", "consumer g1").stream()
                .map(c -> (String) c.arg(1)).toList(), "the whole application went back to the primary");
        WorkflowReplayer.replayWorkflowExecution(env.history(GroupWaves.childId(OPERATION, "g1")),
                GroupMoveWorkflowImpl.class);
    }

    @Test
    void aFailbackAbortHandsTheApplicationBackAsOne() throws Exception {
        startEnvironment(new FakePairLockActivities().activeOn(SECONDARY), "g1", "g2", "g3");
        cluster.matchesTopics(SECONDARY, TOPIC);
        clients.unhealthyNext("consumer g3", "group g3 is EMPTY with 0 members");
        FailbackWorkflow workflow = env.newWorkflow(FailbackWorkflow.class, "failback/shared-1");
        WorkflowClient.start(workflow::failback, new FailbackRequest(pair(), null, "test", false));
        WorkflowTestEnv.awaitTrue(() -> "waiting for operator".equals(workflow.progress().step()), "g3 waits");

        workflow.decide(new ClientDecision("consumer g3", ClientDecision.ABORT, "bob"));
        FailbackReport report = WorkflowStub.fromTyped(workflow).getResult(FailbackReport.class);

        assertEquals("aborted", report.outcome());
        assertEquals(List.of("g1", "g2"), handOver.calls("handBack").stream().map(c -> (String) c.arg(1)).toList());
        assertEquals(List.of(PRIMARY, SECONDARY), clients.callsFor("start", "consumer g1").stream()
                .map(c -> (String) c.arg(1)).toList(), "moved back once, handed back once");
        assertEquals(List.of("moved", "moved", "handed-back", "handed-back"),
                report.consumers().stream().map(ClientMove::outcome).toList());
    }

    @Test
    void groupsWithTheSameBindingAreOneApplication() {
        PairConfig pair = Pairs.builder().groups("a", "b", "c", "d").sharedBinding("x", "a", "c").build();
        List<ConsumerApps.ConsumerApp> apps = ConsumerApps.of(pair.consumerGroups());
        assertEquals(List.of(List.of("consumer a", "consumer c"), List.of("consumer b"), List.of("consumer d")),
                apps.stream().map(ConsumerApps.ConsumerApp::labels).toList());
        assertEquals(List.of("consumer a", "consumer c"),
                ConsumerApps.ofLabel(pair.consumerGroups(), "consumer c").orElseThrow().labels());
    }

}
