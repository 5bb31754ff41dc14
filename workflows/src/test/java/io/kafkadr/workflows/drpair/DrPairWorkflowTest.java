package io.kafkadr.workflows.drpair;

import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.testing.Failures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pair's entity workflow: lock granted to one operation at a time, state changed on release. */
class DrPairWorkflowTest {

    private static final String ID = DrPairWorkflow.workflowId(Pairs.NAME);
    private static final Direction PRIMARY_TO_SECONDARY = new Direction(PRIMARY, SECONDARY);
    private static final long T0 = 1_700_000_000_000L;

    private WorkflowTestEnv env;
    private DrPairWorkflow pair;

    @BeforeEach
    void startTheEntity() {
        env = WorkflowTestEnv.start();
        PairState initial = new PairState(Pairs.NAME, PRIMARY, PRIMARY_TO_SECONDARY, null, List.of(), List.of(), 0);
        WorkflowClient.start(env.newWorkflow(DrPairWorkflow.class, ID)::run, initial);
        pair = env.client().newWorkflowStub(DrPairWorkflow.class, ID);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    private static LockRequest lock(String operationId) {
        return new LockRequest(operationId, "failover", T0);
    }

    private static Release release(String operationId, String active, boolean replicationChanged,
                                   Direction replication) {
        return new Release(operationId, "completed", active, replicationChanged, replication, T0 + 60_000);
    }

    /** The update was rejected; returns the message the validator gave. */
    private static String rejected(Runnable update) {
        WorkflowUpdateException thrown = assertThrows(WorkflowUpdateException.class, update::run);
        return Failures.rootApplicationFailure(thrown).getOriginalMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void grantsTheLockToTheFirstOperation() {
        PairState granted = pair.acquire(lock("op-1"));

        assertEquals(new OperationRef("op-1", "failover", T0, 0, "running"), granted.inFlight());
        assertAll("the rest of the state is unchanged",
                () -> assertEquals(PRIMARY, granted.active()),
                () -> assertEquals(PRIMARY_TO_SECONDARY, granted.replication()),
                () -> assertEquals(List.of(), granted.past()));
        assertEquals(granted, pair.state());
    }

    @Test
    void rejectsASecondOperationNamingTheHolderAndItsType() {
        pair.acquire(lock("op-1"));

        String message = rejected(() -> pair.acquire(new LockRequest("op-2", "failback", T0 + 1)));

        assertMentions(message, "op-1", "failover", "busy");
        assertEquals("op-1", pair.state().inFlight().id(), "a rejected update changes nothing");
    }

    @Test
    void grantsTheLockAgainToTheOperationHoldingIt() {
        pair.acquire(lock("op-1"));

        PairState again = pair.acquire(new LockRequest("op-1", "failover", T0 + 5_000));

        assertEquals(new OperationRef("op-1", "failover", T0, 0, "running"), again.inFlight(),
                "a retried acquire keeps the original start time");
    }

    @Test
    void rejectsAReleaseByAnOperationNotHoldingTheLock() {
        pair.acquire(lock("op-1"));

        String message = rejected(() -> pair.release(release("op-2", SECONDARY, true, null)));

        assertMentions(message, "op-2", "does not hold the lock");
        PairState state = pair.state();
        assertEquals("op-1", state.inFlight().id());
        assertEquals(PRIMARY, state.active());
    }

    @Test
    void confirmsOnlyTheHolderAndChangesNothing() {
        assertMentions(rejected(() -> pair.confirmHolder("op-1")), "op-1", "does not hold the lock", "nobody holds it");
        PairState granted = pair.acquire(lock("op-1"));

        assertEquals(granted, pair.confirmHolder("op-1"));
        assertMentions(rejected(() -> pair.confirmHolder("op-2")), "op-2", "does not hold the lock",
                "held by failover 'op-1'");
        assertEquals(granted, pair.state());
    }

    @Test
    void rejectsAReleaseWhenNoOperationHoldsTheLock() {
        assertMentions(rejected(() -> pair.release(release("op-1", SECONDARY, true, null))), "op-1");
    }

    @Test
    void aRepeatedReleaseByTheSameOperationReturnsTheStateUnchanged() {
        pair.acquire(lock("op-1"));
        PairState released = pair.release(release("op-1", SECONDARY, true, null));

        PairState again = pair.release(new Release("op-1", "failed", PRIMARY, true, PRIMARY_TO_SECONDARY, T0 + 90_000));

        assertEquals(released, again, "a retried release after a lost answer changes nothing");
        assertEquals(released, pair.state());
        assertEquals(1, again.past().size(), "the operation is listed once");
    }

    @Test
    void aLateReleaseByAnOperationThatAlreadyReleasedLeavesTheNextHolderAlone() {
        pair.acquire(lock("op-1"));
        pair.release(release("op-1", SECONDARY, true, null));
        pair.acquire(new LockRequest("op-2", "failback", T0 + 120_000));

        PairState state = pair.release(release("op-1", PRIMARY, true, PRIMARY_TO_SECONDARY));

        assertEquals("op-2", state.inFlight().id());
        assertEquals(SECONDARY, state.active());
        assertNull(state.replication());
    }

    @Test
    void rejectsALockRequestWithoutOperationId() {
        assertMentions(rejected(() -> pair.acquire(new LockRequest(null, "failover", T0))), "operationId");
        assertNull(pair.state().inFlight());
    }

    @Test
    void releaseRecordsTheNewActiveClusterAndReplication() {
        pair.acquire(lock("op-1"));

        PairState released = pair.release(release("op-1", SECONDARY, true, null));

        assertAll(
                () -> assertEquals(SECONDARY, released.active()),
                () -> assertNull(released.replication(), "replication removed"),
                () -> assertNull(released.inFlight()),
                () -> assertEquals(List.of(new OperationRef("op-1", "failover", T0, T0 + 60_000, "completed")),
                        released.past()));
        assertEquals(released, pair.state());
    }

    @Test
    void anUnplannedFailoversLossFiguresStayForTheFailbackAndAPlannedOneClearsThem() {
        pair.acquire(lock("op-1"));
        LossSummary loss = new LossSummary("op-1", 38L, 4, 3_500);
        PairState afterUnplanned = pair.release(new Release("op-1", "completed", SECONDARY, true, null, T0 + 1_000,
                null, loss));
        assertEquals(loss, afterUnplanned.lastLoss());

        pair.acquire(new LockRequest("op-2", "failback", T0 + 2_000));
        assertEquals(loss, pair.release(new Release("op-2", "completed", PRIMARY, true, PRIMARY_TO_SECONDARY,
                T0 + 3_000)).lastLoss(), "the failback reads them; they stay until the next failover");

        pair.acquire(lock("op-3"));
        assertNull(pair.release(release("op-3", SECONDARY, true, null)).lastLoss(), "a planned failover clears them");
    }

    @Test
    void releaseWithoutChangesKeepsActiveAndReplication() {
        pair.acquire(lock("op-1"));

        PairState released = pair.release(new Release("op-1", "aborted", null, false, null, T0 + 1_000));

        assertEquals(PRIMARY, released.active());
        assertEquals(PRIMARY_TO_SECONDARY, released.replication());
        assertEquals("aborted", released.past().get(0).outcome());
    }

    @Test
    void theNextOperationGetsTheLockOnceReleased() {
        pair.acquire(lock("op-1"));
        pair.release(release("op-1", SECONDARY, true, null));

        PairState granted = pair.acquire(new LockRequest("op-2", "failback", T0 + 120_000));

        assertEquals("op-2", granted.inFlight().id());
        assertEquals(List.of("op-1"), granted.past().stream().map(OperationRef::id).toList());
    }

    @Test
    void keepsOnlyTheMostRecentPastOperations() {
        int operations = DrPairWorkflowImpl.PAST_KEPT + 2;
        for (int i = 1; i <= operations; i++) {
            pair.acquire(lock("op-" + i));
            pair.release(new Release("op-" + i, "completed", null, false, null, T0 + i));
        }

        List<OperationRef> past = pair.state().past();

        assertEquals(DrPairWorkflowImpl.PAST_KEPT, past.size());
        assertEquals("op-3", past.get(0).id(), "the oldest are dropped");
        assertEquals("op-" + operations, past.get(past.size() - 1).id(), "newest last");
    }

    @Test
    void observationUpdatesTheLastKnownSourceOffsets() {
        List<PartitionOffsets> seen = List.of(new PartitionOffsets(TOPIC, 0, 0, 100), new PartitionOffsets(TOPIC, 1, 5, 80));

        pair.observe(new Observation(seen, T0));

        PairState state = pair.state();
        assertEquals(seen, state.lastKnownSource());
        assertEquals(T0, state.observedAtMillis());
    }

    @Test
    void anOlderObservationIsIgnored() {
        List<PartitionOffsets> newer = List.of(new PartitionOffsets(TOPIC, 0, 0, 100));
        pair.observe(new Observation(newer, T0));

        pair.observe(new Observation(List.of(new PartitionOffsets(TOPIC, 0, 0, 40)), T0 - 1));

        PairState state = pair.state();
        assertEquals(newer, state.lastKnownSource());
        assertEquals(T0, state.observedAtMillis());
    }

    @Test
    void observationsSurviveLockAndRelease() {
        List<PartitionOffsets> seen = List.of(new PartitionOffsets(TOPIC, 0, 0, 100));
        pair.observe(new Observation(seen, T0));

        pair.acquire(lock("op-1"));
        PairState released = pair.release(release("op-1", SECONDARY, true, null));

        assertEquals(seen, released.lastKnownSource());
        assertEquals(T0, released.observedAtMillis());
    }

    /**
     * Observations of thousands of partitions make the history large in bytes long before it has
     * many events: the entity continues as new by size and keeps its state (active side, past
     * operations, what it last saw).
     */
    @Test
    void continuesAsNewWhenItsHistoryGrowsLargeAndKeepsItsState() throws InterruptedException {
        pair.acquire(lock("op-1"));
        pair.release(release("op-1", SECONDARY, true, null));
        String firstRun = env.client().newUntypedWorkflowStub(ID).describe().getExecution().getRunId();
        List<io.kafkadr.workflows.cluster.PartitionOffsets> many = new java.util.ArrayList<>();
        for (int p = 0; p < 5_000; p++) {
            many.add(new io.kafkadr.workflows.cluster.PartitionOffsets("a-topic-with-a-rather-long-name", p, 0, p));
        }
        long last = 0;
        for (int i = 1; i <= 20; i++) {
            last = T0 + i * 1_000L;
            pair.observe(new Observation(many, last));
        }
        long deadline = System.currentTimeMillis() + 20_000;
        String runId = firstRun;
        while (runId.equals(firstRun) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            runId = env.client().newUntypedWorkflowStub(ID).describe().getExecution().getRunId();
        }

        assertTrue(!runId.equals(firstRun), "the entity continued as new");
        PairState state = pair.state();
        assertEquals(SECONDARY, state.active());
        assertEquals(List.of("op-1"), state.past().stream().map(OperationRef::id).toList());
        assertEquals(last, state.observedAtMillis());
        assertEquals(5_000, state.lastKnownSource().size());
    }
}
