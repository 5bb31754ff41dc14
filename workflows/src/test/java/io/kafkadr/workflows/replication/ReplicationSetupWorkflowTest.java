package io.kafkadr.workflows.replication;

import static io.kafkadr.workflows.testing.Failures.rootApplicationFailure;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities.Deployment;
import io.kafkadr.workflows.testing.FakePairActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationSetupWorkflowTest {

    private static final String SOURCE_NAME = "mm2-test-primary-to-secondary-source";
    private static final String CHECKPOINT_NAME = "mm2-test-primary-to-secondary-checkpoint";
    private static final String HEARTBEAT_NAME = "mm2-test-primary-to-secondary-heartbeat";

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakePairActivities pairs = new FakePairActivities(Pairs.pair());
    /** Active on the primary, replicating primary -> secondary, lock free. */
    private final FakePairLockActivities lock = new FakePairLockActivities();
    private WorkflowTestEnv env;

    @BeforeEach
    void startEnvironment() {
        env = WorkflowTestEnv.start(cluster, connect, pairs, lock);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    /** Source has orders (3 partitions) and payments (2); the target has {@code targetBrokers}. */
    private void twoTopicsOnPrimary(int targetBrokers) {
        cluster.matchesTopics(PRIMARY, "orders", "payments")
                .returnsSnapshots(PRIMARY, snapshot(PRIMARY).brokers(3).topic("orders", 3).topic("payments", 2).build())
                .returnsSnapshots(SECONDARY, snapshot(SECONDARY).brokers(targetBrokers).build());
    }

    private ReplicationSetupWorkflow workflow() {
        return env.newWorkflow(ReplicationSetupWorkflow.class, "setup-test");
    }

    private static ReplicationSetupRequest inline(PairConfig pair) {
        return new ReplicationSetupRequest(pair, null, null);
    }

    @ParameterizedTest(name = "{0} target brokers -> replication factor {1}")
    @CsvSource({"1, 1", "2, 2", "3, 3", "5, 3", "0, 1"})
    void deploysTheThreeConnectorsSizedToTheTopicsAndTheTarget(int targetBrokers, int replicationFactor) {
        twoTopicsOnPrimary(targetBrokers);

        ReplicationSetupResult result = workflow().setUp(inline(Pairs.pair()));

        Direction primaryToSecondary = new Direction(PRIMARY, SECONDARY);
        assertEquals(List.of(
                new Deployment(SOURCE_NAME, MirrorConnector.SOURCE, primaryToSecondary, 5, replicationFactor),
                new Deployment(CHECKPOINT_NAME, MirrorConnector.CHECKPOINT, primaryToSecondary, 5, replicationFactor),
                new Deployment(HEARTBEAT_NAME, MirrorConnector.HEARTBEAT, primaryToSecondary, 5, replicationFactor)),
                connect.deployments());
        assertAll(
                () -> assertEquals("test", result.pair()),
                () -> assertEquals(PRIMARY, result.source()),
                () -> assertEquals(SECONDARY, result.target()),
                () -> assertEquals(List.of("orders", "payments"), result.topics()),
                () -> assertEquals(5, result.tasksMax()),
                () -> assertEquals(replicationFactor, result.replicationFactor()),
                () -> assertEquals(List.of(SOURCE_NAME, CHECKPOINT_NAME, HEARTBEAT_NAME),
                        result.connectors().stream().map(ConnectorStatus::name).toList()),
                () -> assertTrue(result.connectors().stream().allMatch(ConnectorStatus::healthy)),
                () -> assertTrue(result.endedAtMillis() >= result.startedAtMillis()));
        assertEquals(List.of(List.of(SOURCE_NAME, CHECKPOINT_NAME, HEARTBEAT_NAME)),
                connect.calls("awaitRunning").stream().map(c -> c.arg(1)).toList(),
                "awaitRunning waits for exactly the deployed connectors");
    }

    @Test
    void configuredReplicationFactorWinsAndSkipsTheTargetSnapshot() {
        twoTopicsOnPrimary(5);

        ReplicationSetupResult result = workflow().setUp(inline(Pairs.builder().replicationFactor(2).build()));

        assertEquals(2, result.replicationFactor());
        assertTrue(connect.deployments().stream().allMatch(d -> d.replicationFactor() == 2));
        assertEquals(List.of(PRIMARY), cluster.snapshotAliases());
    }

    @Test
    void tasksMaxIsThePartitionCountCappedByMaxTasks() {
        twoTopicsOnPrimary(3);
        PairConfig base = Pairs.pair();
        PairConfig capped = new PairConfig(base.name(), base.primary(), base.secondary(), base.clusters(), base.topics(),
                base.consumerGroups(), base.producers(), base.replication().withMaxTasks(2), base.thresholds(),
                base.failoverRequiresApproval(), base.failover());

        ReplicationSetupResult result = workflow().setUp(inline(capped));

        assertEquals(2, result.tasksMax(), "5 partitions, maxTasks 2");
        assertTrue(connect.deployments().stream().allMatch(d -> d.tasksMax() == 2));
    }

    @Test
    void reverseDirectionDeploysNextToThePrimary() {
        lock.activeOn(SECONDARY).replicating(null);
        cluster.matchesTopics(SECONDARY, "orders")
                .returnsSnapshots(SECONDARY, snapshot(SECONDARY).topic("orders", 4).build())
                .returnsSnapshots(PRIMARY, snapshot(PRIMARY).brokers(3).build());

        ReplicationSetupResult result = workflow().setUp(
                new ReplicationSetupRequest(Pairs.pair(), null, new Direction(SECONDARY, PRIMARY)));

        assertEquals(List.of("mm2-test-secondary-to-primary-source", "mm2-test-secondary-to-primary-checkpoint",
                "mm2-test-secondary-to-primary-heartbeat"), connect.deployments().stream().map(Deployment::name).toList());
        assertEquals(4, result.tasksMax());
        assertEquals(List.of(SECONDARY, PRIMARY), cluster.snapshotAliases());
    }

    @Test
    void startedOnItsOwnItTakesThePairsLockAndGivesItBack() {
        twoTopicsOnPrimary(3);

        workflow().setUp(inline(Pairs.pair()));

        LockRequest taken = (LockRequest) lock.calls("acquire").get(0).arg(0);
        assertEquals("setup-test", taken.operationId());
        assertEquals("replicate", taken.type());
        Release release = lock.releases().get(0);
        assertEquals(List.of("setup-test", "completed"), List.of(release.operationId(), release.outcome()));
        assertNull(release.active(), "replication does not move the clients");
        assertNull(lock.pairState().inFlight());
    }

    @Test
    void refusesToReplicateIntoTheActiveSecondaryAndSaysWhatToRunInstead() {
        lock.activeOn(SECONDARY).replicating(null);

        String message = refused(inline(Pairs.pair()));

        assertMentions(message, "active on 'secondary'", "primary -> secondary",
                "Replicate from the active side (secondary -> primary)", "drctl failback");
    }

    @Test
    void refusesTheDirectionOppositeToTheRecordedReplication() {
        lock.activeOn(SECONDARY).replicating(new Direction(PRIMARY, SECONDARY));

        String message = refused(new ReplicationSetupRequest(Pairs.pair(), null, new Direction(SECONDARY, PRIMARY)));

        assertMentions(message, "replicates primary -> secondary already", "back and forth");
    }

    @Test
    void aPairBusyWithAnotherOperationIsNotTouched() {
        lock.heldBy("failover/test/1", "failover");
        twoTopicsOnPrimary(3);

        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                () -> workflow().setUp(inline(Pairs.pair())));

        ApplicationFailure failure = rootApplicationFailure(thrown);
        assertEquals(ActivityFailures.PAIR_BUSY, failure.getType());
        assertMentions(failure.getOriginalMessage(), "failover/test/1");
        assertTrue(connect.calls().isEmpty(), () -> "connect: " + connect.calls());
        assertTrue(lock.releases().isEmpty(), "a lock it never got is not released");
        assertEquals("failover/test/1", lock.pairState().inFlight().id());
    }

    /** The run fails at once, touching nothing, and gives the lock back; returns its message. */
    private String refused(ReplicationSetupRequest request) {
        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class, () -> workflow().setUp(request));

        ApplicationFailure failure = rootApplicationFailure(thrown);
        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertTrue(failure.isNonRetryable());
        assertTrue(connect.calls().isEmpty(), () -> "no connector may be touched: " + connect.calls());
        assertEquals("rejected", lock.releases().get(0).outcome());
        assertNull(lock.pairState().inFlight());
        return failure.getOriginalMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void failsWithoutRetryWhenNoTopicMatches() {
        cluster.matchesTopics(PRIMARY);

        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                () -> workflow().setUp(inline(Pairs.pair())));

        ApplicationFailure failure = rootApplicationFailure(thrown);
        assertAll(
                () -> assertEquals(ActivityFailures.BAD_INPUT, failure.getType()),
                () -> assertTrue(failure.isNonRetryable()),
                () -> assertTrue(failure.getOriginalMessage().contains("no topic"), failure.getOriginalMessage()));
        assertEquals(1, cluster.count("matchTopics"));
        assertTrue(connect.calls().isEmpty(), "no connector may be deployed: " + connect.calls());
    }

    @Test
    void rejectsAnInvalidInlinePairBeforeCallingAnyActivity() {
        PairConfig duplicateAlias = Pairs.builder().clusters(
                Pairs.cluster(PRIMARY, "127.0.0.1:19092", "http://127.0.0.1:8084"),
                Pairs.cluster(PRIMARY, "127.0.0.1:29092", "http://127.0.0.1:8083")).build();

        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                () -> workflow().setUp(inline(duplicateAlias)));

        ApplicationFailure failure = rootApplicationFailure(thrown);
        assertEquals(PairSource.BAD_PAIR, failure.getType());
        assertTrue(failure.isNonRetryable());
        assertTrue(failure.getOriginalMessage().contains("duplicate alias 'primary'"), failure.getOriginalMessage());
        assertNoActivityCalled();
    }

    @Test
    void rejectsAnInputWithoutPair() {
        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                () -> workflow().setUp(new ReplicationSetupRequest(null, " ", null)));

        assertEquals(PairSource.BAD_PAIR, rootApplicationFailure(thrown).getType());
        assertNoActivityCalled();
    }

    @Test
    void loadsThePairFileThroughPairActivities() {
        twoTopicsOnPrimary(3);

        ReplicationSetupResult result = workflow().setUp(new ReplicationSetupRequest(null, "pairs/test.yaml", null));

        assertEquals(List.of("pairs/test.yaml"), pairs.loadedFiles());
        assertEquals("test", result.pair());
        assertEquals(3, connect.deployments().size());
    }

    @Test
    void inlinePairDoesNotReadAnyFile() {
        twoTopicsOnPrimary(3);

        workflow().setUp(new ReplicationSetupRequest(Pairs.pair(), "pairs/ignored.yaml", null));

        assertTrue(pairs.loadedFiles().isEmpty(), "inline pair must win over pairFile: " + pairs.calls());
    }

    @Test
    void retriesAClusterCallThatCouldNotReachTheBrokers() {
        twoTopicsOnPrimary(3);
        cluster.failNext("matchTopics", ApplicationFailure.newFailure("connection refused", ActivityFailures.UNREACHABLE));

        ReplicationSetupResult result = workflow().setUp(inline(Pairs.pair()));

        assertEquals(2, cluster.count("matchTopics"));
        assertEquals(3, result.connectors().size());
    }

    @Test
    void doesNotRetryAConnectorConfigThatConnectRejected() {
        twoTopicsOnPrimary(3);
        connect.failNext("deployConnector", ApplicationFailure.newFailure("400: invalid config", ActivityFailures.BAD_INPUT));

        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                () -> workflow().setUp(inline(Pairs.pair())));

        assertEquals("400: invalid config", rootApplicationFailure(thrown).getOriginalMessage());
        assertEquals(1, connect.count("deployConnector"));
        assertEquals(0, connect.count("awaitRunning"));
        assertEquals("failed", lock.releases().get(0).outcome(), "the lock is given back in every outcome");
    }

    @Test
    void progressFollowsTheRunbookSteps() {
        twoTopicsOnPrimary(3);
        FakeConnectActivities.Gate awaitRunning = connect.holdAwaitRunning();
        ReplicationSetupWorkflow workflow = workflow();

        WorkflowClient.start(workflow::setUp, inline(Pairs.pair()));
        awaitRunning.awaitEntered();
        assertEquals("await running", workflow.progress().step());
        assertEquals(String.join(", ", SOURCE_NAME, CHECKPOINT_NAME, HEARTBEAT_NAME), workflow.progress().detail());

        awaitRunning.open();
        WorkflowStub.fromTyped(workflow).getResult(ReplicationSetupResult.class);
        assertEquals("done", workflow.progress().step());
        assertEquals("3 connectors running", workflow.progress().detail());
    }

    private void assertNoActivityCalled() {
        assertAll(
                () -> assertTrue(cluster.calls().isEmpty(), () -> "cluster: " + cluster.calls()),
                () -> assertTrue(connect.calls().isEmpty(), () -> "connect: " + connect.calls()),
                () -> assertTrue(pairs.calls().isEmpty(), () -> "pairs: " + pairs.calls()));
    }
}
