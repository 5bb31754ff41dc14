package io.kafkadr.activities.drpair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.drpair.LossSummary;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.TopicSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state of a lost entity from the pair's operations: the lock to the one in flight, the sides as the newest runs left them. */
class PairRebuildTest {

    private static final PairConfig PAIR = new PairConfig("test", "a", "b",
            List.of(new ClusterConfig("a", "a:9092", "r-a", "http://a:8083", null),
                    new ClusterConfig("b", "b:9092", "r-b", "http://b:8083", null)),
            new TopicSelection(List.of("orders"), null), List.of(), List.of(), null, null, false, null);
    private static final Direction A_TO_B = new Direction("a", "b");
    private static final Direction B_TO_A = new Direction("b", "a");

    private static OperationRef running(String id, long startedAt) {
        return new OperationRef(id, "failover", startedAt, 0, "running");
    }

    private static RunEffect failover(String id) {
        return new RunEffect(id, "b", true, null);
    }

    private static RunEffect failback(String id) {
        return new RunEffect(id, "a", true, A_TO_B);
    }

    private static RunEffect replicate(String id, Direction direction) {
        return new RunEffect(id, null, true, direction);
    }

    @Test
    void theLockGoesToTheOldestOperationRunningOtherThanTheOneAsking() {
        List<OperationRef> runningNow = List.of(running("failover/1", 1_000), running("failover/2", 2_000));

        assertEquals("failover/1", PairRebuild.holder(runningNow, "failover/2").orElseThrow().id());
        assertEquals("failover/2", PairRebuild.holder(runningNow, "failover/1").orElseThrow().id());
        assertEquals("failover/1", PairRebuild.holder(runningNow, null).orElseThrow().id());
        assertTrue(PairRebuild.holder(List.of(running("failover/1", 1_000)), "failover/1").isEmpty());
    }

    @Test
    void theNewestRunThatSwitchedDecidesTheActiveSideAndTheNewestThatReplicatedTheDirection() {
        List<RunEffect> newestFirst = List.of(replicate("replicate/3", B_TO_A), failover("failover/2"),
                failback("failback/1"), failover("failover/0"));

        PairState state = PairRebuild.state(PAIR, Optional.of(running("failback/4", 4_000)), newestFirst.stream())
                .orElseThrow();

        assertEquals("b", state.active());
        assertEquals(B_TO_A, state.replication());
        assertEquals("failback/4", state.inFlight().id());
        assertEquals(PAIR.withoutClients(), state.config(), "the watch needs the clusters while replication runs");
    }

    @Test
    void theUnplannedFailoverThatMadeThePairActiveWhereItIsLeavesItsLossFiguresForTheFailback() {
        LossSummary loss = new LossSummary("failover/3", 209L, 1172, 24_008);
        PairState state = PairRebuild.state(PAIR, Optional.empty(), List.of(
                new RunEffect("failover/3", "b", true, null, loss), failback("failback/2")).stream()).orElseThrow();
        assertEquals(loss, state.lastLoss());

        PairState afterFailback = PairRebuild.state(PAIR, Optional.empty(), List.of(failback("failback/4"),
                new RunEffect("failover/3", "b", true, null, loss)).stream()).orElseThrow();
        assertNull(afterFailback.lastLoss(), "a failback decided the active side since: no figures to report");
    }

    @Test
    void readsOnlyUpToTheNewestRunThatDecidedTheActiveSide() {
        List<String> read = new ArrayList<>();
        List<RunEffect> newestFirst = List.of(failback("failback/2"), failover("failover/1"), failover("failover/0"));

        PairState state = PairRebuild.state(PAIR, Optional.empty(), newestFirst.stream().peek(r -> read.add(r.operationId())))
                .orElseThrow();

        assertEquals("a", state.active());
        assertEquals(A_TO_B, state.replication());
        assertNull(state.inFlight());
        assertEquals(List.of("failback/2"), read);
    }

    @Test
    void aFailoverLeavesNoReplicationAndOnlyReplicationsLeaveThePrimaryActive() {
        assertNull(PairRebuild.state(PAIR, Optional.empty(), List.of(failover("failover/1"), failback("failback/0")).stream())
                .orElseThrow().replication());
        PairState replicated = PairRebuild.state(PAIR, Optional.empty(), List.of(replicate("replicate/1", A_TO_B)).stream())
                .orElseThrow();
        assertEquals("a", replicated.active());
        assertEquals(A_TO_B, replicated.replication());
    }

    @Test
    void aPairNeverOperatedOnHasNothingToRebuild() {
        assertTrue(PairRebuild.state(PAIR, Optional.empty(), List.<RunEffect>of().stream()).isEmpty());
    }
}
