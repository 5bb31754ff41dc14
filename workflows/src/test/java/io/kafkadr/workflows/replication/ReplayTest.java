package io.kafkadr.workflows.replication;

import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakePairActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflowImpl;
import io.kafkadr.workflows.verify.VerifyRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays workflow histories against the current workflow code: a change that would break
 * running workflows (different commands in a different order) fails here.
 */
class ReplayTest {

    /** Classpath folder of histories recorded from a real server (src/test/resources/histories). */
    private static final String RECORDED = "histories";

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakePairLockActivities lock = new FakePairLockActivities();
    private WorkflowTestEnv env;

    @BeforeEach
    void startEnvironment() {
        env = WorkflowTestEnv.start(cluster, connect, new FakePairActivities(Pairs.pair()), lock);
        Figures.healthy(cluster, connect);
        // The target catches up on the third read: verification needs rounds and pauses.
        cluster.returnsSnapshots(SECONDARY, Figures.target(50), Figures.target(90), Figures.target());
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    private WorkflowExecutionHistory runSetUp(String workflowId, ReplicationSetupRequest request) {
        ReplicationSetupResult result = env.newWorkflow(ReplicationSetupWorkflow.class, workflowId).setUp(request);
        assertEquals(3, result.connectors().size());
        return env.history(workflowId);
    }

    @Test
    void replaysReplicationSetup() throws Exception {
        WorkflowExecutionHistory history = runSetUp("replay-setup",
                new ReplicationSetupRequest(Pairs.pair(), null, null));

        WorkflowReplayer.replayWorkflowExecution(history, ReplicationSetupWorkflowImpl.class);
    }

    @Test
    void replaysReplicationSetupFromAPairFileInTheReverseDirection() throws Exception {
        lock.activeOn(SECONDARY).replicating(null);
        cluster.matchesTopics(SECONDARY, Pairs.TOPIC).returnsSnapshots(SECONDARY, Figures.target());
        WorkflowExecutionHistory history = runSetUp("replay-setup-file",
                new ReplicationSetupRequest(null, "pairs/test.yaml", new Direction(SECONDARY, PRIMARY)));

        WorkflowReplayer.replayWorkflowExecution(history, ReplicationSetupWorkflowImpl.class);
    }

    @Test
    void replaysVerificationThatConvergedAfterPauses() throws Exception {
        VerificationReport report = env.newWorkflow(VerifyReplicationWorkflow.class, "replay-verify")
                .verify(new VerifyRequest(Pairs.pair(), null, null));
        assertEquals(3, report.attempts(), "the history should hold rounds separated by timers");

        WorkflowReplayer.replayWorkflowExecution(env.history("replay-verify"), VerifyReplicationWorkflowImpl.class);
    }

    /** Proves the replay tests can fail: the same history against reordered workflow code. */
    @Test
    void replayDetectsChangedWorkflowCode() {
        WorkflowExecutionHistory history = runSetUp("replay-setup-changed",
                new ReplicationSetupRequest(Pairs.pair(), null, null));

        Exception thrown = assertThrows(Exception.class,
                () -> WorkflowReplayer.replayWorkflowExecution(history, DeploysBeforeMatchingTopics.class));
        assertTrue(causeChain(thrown).contains("nondetermin"), () -> "not a non-determinism error: " + thrown);
    }

    @TestFactory
    Stream<DynamicTest> replaysRecordedHistories() {
        List<String> files = recordedHistories();
        if (files.isEmpty()) {
            // A test of its own, so that the report counts it as skipped (an aborted factory is not counted).
            return Stream.of(dynamicTest("no recorded histories", () -> Assumptions.abort(
                    "no recorded histories under src/test/resources/" + RECORDED + ": add replication-setup-*.json"
                            + " or verify-*.json from `temporal workflow show -w <id> -o json`")));
        }
        return files.stream().map(file -> dynamicTest(file,
                () -> WorkflowReplayer.replayWorkflowExecutionFromResource(RECORDED + "/" + file, implementationFor(file))));
    }

    private static List<String> recordedHistories() {
        URL folder = ReplayTest.class.getClassLoader().getResource(RECORDED);
        if (folder == null) {
            return List.of();
        }
        try {
            String[] names = new File(folder.toURI()).list((dir, name) -> name.endsWith(".json"));
            return names == null ? List.of() : Arrays.stream(names).sorted().toList();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot list recorded histories at " + folder, e);
        }
    }

    private static Class<?> implementationFor(String file) {
        if (file.startsWith("replication-setup")) {
            return ReplicationSetupWorkflowImpl.class;
        }
        if (file.startsWith("verify")) {
            return VerifyReplicationWorkflowImpl.class;
        }
        if (file.startsWith("group-move")) {
            return io.kafkadr.workflows.operation.GroupMoveWorkflowImpl.class;
        }
        if (file.startsWith("failover")) {
            return io.kafkadr.workflows.failover.FailoverWorkflowImpl.class;
        }
        if (file.startsWith("failback")) {
            return io.kafkadr.workflows.failback.FailbackWorkflowImpl.class;
        }
        if (file.startsWith("drill")) {
            return io.kafkadr.workflows.drill.DrillWorkflowImpl.class;
        }
        if (file.startsWith("dr-pair")) {
            return io.kafkadr.workflows.drpair.DrPairWorkflowImpl.class;
        }
        return fail("cannot tell the workflow of " + file
                + ": name it replication-setup-*.json, verify-*.json, failover-*.json, failback-*.json, group-move-*.json, drill-*.json or dr-pair-*.json");
    }

    private static String causeChain(Throwable thrown) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        return chain.toString().toLowerCase();
    }

    /** A "refactoring" that deploys the source connector before looking at the topics. */
    public static class DeploysBeforeMatchingTopics implements ReplicationSetupWorkflow {

        @Override
        public ReplicationSetupResult setUp(ReplicationSetupRequest request) {
            PairConfig pair = request.pair();
            Direction direction = Direction.primaryToSecondary(pair);
            Workflow.newActivityStub(ConnectActivities.class, ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(Duration.ofSeconds(30)).build())
                    .deployConnector(pair, direction, MirrorConnector.SOURCE, 1, 1);
            return null;
        }

        @Override
        public Progress progress() {
            return new Progress("changed", "");
        }
    }
}
