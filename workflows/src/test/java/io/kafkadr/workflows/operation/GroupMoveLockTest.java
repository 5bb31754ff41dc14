package io.kafkadr.workflows.operation;

import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.FakeClientActivities;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeHandOverActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Failures;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A group's move runs its binding's commands only as part of the operation that holds the pair's
 * lock, as the pair's entity says: never started by hand, never under a parent the entity does not
 * name.
 */
class GroupMoveLockTest {

    private static final PairConfig PAIR = Pairs.builder().groups("g1").producers("p1").build();

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities();
    private WorkflowTestEnv env;

    private void startEnvironment(FakePairLockActivities lock) {
        Figures.healthy(cluster, connect);
        env = WorkflowTestEnv.start(lock, cluster, connect, clients, new FakeHandOverActivities());
    }

    @AfterEach
    void stopEnvironment() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aMoveStartedByHandIsRefusedBeforeItsBindingRuns() {
        startEnvironment(new FakePairLockActivities().heldBy("failover/someone-else", "failover"));
        GroupMoveWorkflow move = env.newWorkflow(GroupMoveWorkflow.class, "by-hand");
        GroupMoveRequest request = new GroupMoveRequest(PAIR.withoutClients(), new Direction(PRIMARY, SECONDARY),
                PAIR.consumerGroups().get(0), true, MovePurpose.FAILOVER);

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> move.move(request));

        ApplicationFailure refusal = Failures.rootApplicationFailure(failed);
        assertEquals(ActivityFailures.NOT_LOCK_HOLDER, refusal.getType());
        assertTrue(refusal.isNonRetryable());
        assertTrue(refusal.getOriginalMessage().contains("group move 'by-hand' refused")
                && refusal.getOriginalMessage().contains("lock of pair '" + Pairs.NAME + "'"), refusal.getOriginalMessage());
        assertEquals(0, clients.calls().size(), "the binding ran: " + clients.calls());
    }

    /** The entity lost the holder (rebuilt without it before issue 16): the failover's moves must not run. */
    @Test
    void aMoveWhoseParentTheEntityDoesNotNameAsHolderIsRefused() {
        FakePairLockActivities lock = new FakePairLockActivities().forgetsHolders();
        startEnvironment(lock);
        FailoverWorkflow failover = env.newWorkflow(FailoverWorkflow.class, "failover/lost");

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> failover.failover(
                new FailoverRequest(PAIR, null, FailoverRequest.UNPLANNED, "test", "INC-1", null, false)));

        ApplicationFailure refusal = Failures.rootApplicationFailure(failed);
        assertEquals(ActivityFailures.NOT_LOCK_HOLDER, refusal.getType());
        assertTrue(refusal.getOriginalMessage().contains("its parent 'failover/lost' must hold the lock"),
                refusal.getOriginalMessage());
        assertEquals(0, clients.callsFor("stop", "consumer g1").size(), "the group's binding ran");
        assertEquals(0, clients.callsFor("start", "consumer g1").size(), "the group's binding ran");
        assertEquals("failover/lost", lock.calls("confirmHolder").get(0).arg(0));
    }
}
