package io.kafkadr.workflows.failover;

import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.operation.ClientDecision;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.operation.GroupMoveResult;
import io.kafkadr.workflows.operation.GroupMoveWorkflow;
import io.kafkadr.workflows.operation.GroupMoveWorkflowImpl;
import io.kafkadr.workflows.operation.GroupWaves;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.Failures;
import io.kafkadr.workflows.testing.FakeClientActivities;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeHandOverActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failover moves its consumer groups as child workflows, {@code failover.groupConcurrency} at
 * a time; a group waiting for its operator holds its slot while the others finish, and the
 * operator talks to the failover, which forwards the decision.
 */
class FailoverGroupWavesTest {

    private static final String OPERATION = "failover/waves-1";
    private static final List<String> GROUPS = List.of("g1", "g2", "g3", "g4", "g5");

    private final FakePairLockActivities lock = new FakePairLockActivities();
    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities().healthChecksTake(300);
    private final FakeHandOverActivities handOver = new FakeHandOverActivities();
    private final PairConfig pair = Pairs.builder().groups(GROUPS.toArray(String[]::new)).producers("p1")
            .groupConcurrency(2, null).build();
    private WorkflowTestEnv env;

    @BeforeEach
    void startEnvironment() {
        Figures.healthy(cluster, connect);
        GROUPS.forEach(g -> handOver.handsOver(g, new OffsetHandOver(TOPIC, TOPIC, 0, 100, 100, 100, OffsetHandOver.EXACT)));
        env = WorkflowTestEnv.start(lock, cluster, connect, clients, handOver);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    /** Unplanned and forced, with the primary still answering: no pre-checks, every group stopped and handed over. */
    private static FailoverRequest request(PairConfig pair) {
        return new FailoverRequest(pair, null, FailoverRequest.UNPLANNED, "test", "INC-1", null, false);
    }

    private FailoverWorkflow start() {
        FailoverWorkflow workflow = env.newWorkflow(FailoverWorkflow.class, OPERATION);
        WorkflowClient.start(workflow::failover, request(pair));
        return workflow;
    }

    private static FailoverReport result(FailoverWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(FailoverReport.class);
    }

    @Test
    void movesTheGroupsAsChildWorkflowsAtMostTheConcurrencyAtATimeWithSlimInputs() throws Exception {
        FailoverReport report = result(start());

        assertEquals("completed", report.outcome());
        assertEquals(GROUPS.stream().map(g -> "consumer " + g).toList(),
                report.consumers().stream().map(ClientMove::client).toList(), "in the pair's order");
        assertTrue(report.consumers().stream().allMatch(m -> "moved".equals(m.outcome()) && SECONDARY.equals(m.to())),
                () -> "every group moved: " + report.consumers());
        assertEquals(2, clients.mostHealthChecksAtOnce(), "two groups at a time, never more");
        assertEquals(0, clients.mostClientsInAMoveInput(), "a client's calls carry the pair without its client lists");
        assertTrue(report.timeline().stream().anyMatch(s -> s.name().equals("health consumer g3")),
                () -> "the groups' steps are in the failover's timeline: " + report.timeline());
        assertTrue(report.timeline().stream().anyMatch(s -> s.name().equals(GroupWaves.STEP)));
        WorkflowReplayer.replayWorkflowExecution(env.history(OPERATION), FailoverWorkflowImpl.class);
        for (String g : GROUPS) {
            WorkflowReplayer.replayWorkflowExecution(env.history(GroupWaves.childId(OPERATION, g)),
                    GroupMoveWorkflowImpl.class);
        }
    }

    @Test
    void aFailingGroupInTheMiddleWaitsForItsDecisionWhileTheOthersFinish() throws Exception {
        clients.unhealthyNext("consumer g3", "group g3 is EMPTY with 0 members");
        FailoverWorkflow workflow = start();

        WorkflowTestEnv.awaitTrue(() -> clients.callsFor("awaitHealthy", "consumer g5").size() == 1
                && "waiting for operator".equals(workflow.progress().step()), "g5 moved while g3 waits");
        Progress waiting = workflow.progress();
        assertTrue(waiting.detail().contains("consumer g3 is not healthy (group g3 is EMPTY with 0 members)")
                && waiting.detail().contains("drctl approve " + OPERATION + " --by NAME --client 'consumer g3'"
                + " --action retry|skip|rollback"), () -> "the failover shows what g3 waits for: " + waiting);
        GroupMoveWorkflow g3 = env.client().newWorkflowStub(GroupMoveWorkflow.class, GroupWaves.childId(OPERATION, "g3"));
        assertEquals("waiting for operator", g3.progress().step());
        assertEquals(0, clients.callsFor("stop", "producer p1").size(), "producers wait for every group");

        String refusal = Failures.updateRefusal(() -> workflow.decision(
                new ClientDecision("consumer g1", ClientDecision.SKIP, "bob")));
        assertTrue(refusal.contains("unknown client 'consumer g1': nothing in " + OPERATION + " waits for a decision "
                + "about it; waiting now: 'consumer g3' (retry|skip|rollback)"), refusal);
        workflow.decision(new ClientDecision("consumer g3", ClientDecision.SKIP, "bob"));
        FailoverReport report = result(workflow);

        assertEquals("completed", report.outcome());
        assertEquals(List.of("moved", "moved", "skipped-health-check", "moved", "moved"),
                report.consumers().stream().map(ClientMove::outcome).toList());
        assertTrue(report.notes().contains("consumer g3: health check skipped by bob: group g3 is EMPTY with 0 members"),
                () -> "notes: " + report.notes());
        WorkflowReplayer.replayWorkflowExecution(env.history(OPERATION), FailoverWorkflowImpl.class);
        WorkflowReplayer.replayWorkflowExecution(env.history(GroupWaves.childId(OPERATION, "g3")),
                GroupMoveWorkflowImpl.class);
    }

    /** Above 50 groups the failover keeps only the wave's step, and each move leaves its steps out of its result. */
    @Test
    void aboveFiftyGroupsTheStepsStayInEachGroupsOwnHistory() {
        List<String> many = java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "m" + i).toList();
        many.forEach(g -> handOver.handsOver(g, new OffsetHandOver(TOPIC, TOPIC, 0, 100, 100, 100, OffsetHandOver.EXACT)));
        PairConfig big = Pairs.builder().groups(many.toArray(String[]::new)).producers("p1").groupConcurrency(20, null)
                .build();
        FailoverWorkflow workflow = env.newWorkflow(FailoverWorkflow.class, "failover/many");
        WorkflowClient.start(workflow::failover, request(big));
        FailoverReport report = result(workflow);

        assertEquals(51, report.consumers().stream().filter(m -> "moved".equals(m.outcome())).count());
        assertTrue(report.timeline().stream().noneMatch(s -> s.name().startsWith("health consumer")),
                () -> "only the wave's step: " + report.timeline());
        assertTrue(report.consumers().stream().allMatch(m -> m.offsets().isEmpty()),
                "each group's offsets stay in its own move's result: a report of thousands of partitions stays small");
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("each group's steps and offsets are in the result of "
                + "its own workflow failover/many/group/<group>")), () -> "notes: " + report.notes());
        GroupMoveResult one = env.client().newUntypedWorkflowStub(GroupWaves.childId("failover/many", "m7"))
                .getResult(GroupMoveResult.class);
        assertEquals(List.of(), one.steps(), "the parent would drop them: not carried in the result");
        assertEquals("moved", one.move().outcome());
        assertEquals(1, one.move().offsets().size(), "the group's own result has its offsets");
    }
}
