package io.kafkadr.workflows.drill;

import static io.kafkadr.workflows.testing.Pairs.GROUP;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static io.kafkadr.workflows.testing.Snapshots.offset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.canary.CanaryHalf;
import io.kafkadr.workflows.canary.CanaryReport;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.DrillSettings;
import io.kafkadr.workflows.pair.DrillTraffic;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.FakeCanaryActivities;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drill with its built-in canary ({@code drill.traffic: canary|both}) against activity fakes. */
class DrillCanaryWorkflowTest {

    private static final String DRILL = "drill/test/canary";
    private static final String CANARY_GROUP = DrillSettings.canaryGroup(Pairs.NAME);
    private static final String PRODUCER = "orders-producer";
    private static final OffsetHandOver EXACT = new OffsetHandOver(TOPIC, TOPIC, 0, 100, 100, 100, OffsetHandOver.EXACT);

    private final FakePairLockActivities lock = new FakePairLockActivities();
    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities();
    private final FakeHandOverActivities handOver = new FakeHandOverActivities();
    private final FakeFailbackActivities failback = new FakeFailbackActivities();
    private final FakeCanaryActivities canary = new FakeCanaryActivities();
    private WorkflowTestEnv env;

    @BeforeEach
    void start() {
        Figures.healthy(cluster, connect);
        cluster.matchesTopics(SECONDARY, TOPIC);
        handOver.handsOver(GROUP, EXACT).handsOver(CANARY_GROUP, EXACT).drainsTo(offset(TOPIC, 0, Figures.RECORDS));
        env = WorkflowTestEnv.start(lock, cluster, connect, clients, handOver, failback, canary);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    /** {@code canary} alone on a pair that lists no clients; {@code both} beside a consumer group and a producer. */
    private DrillResult drill(DrillTraffic traffic) {
        Pairs.Builder builder = traffic == DrillTraffic.CANARY ? Pairs.builder().groups() : Pairs.builder().producers(PRODUCER);
        PairConfig pair = builder.drill(new DrillSettings(traffic, null, 10)).build();
        return env.newWorkflow(DrillWorkflow.class, DRILL).drill(new DrillRequest(pair, null, "canary drill", null, null));
    }

    @Test
    void aCanaryDrillOnAPairWithoutClientsMovesTheCanaryGroupAndCountsEveryRecordOnce() {
        DrillResult result = drill(DrillTraffic.CANARY);

        assertEquals(DrillOutcome.PASSED, result.outcome(), result.notes() + " " + result.phases());
        assertEquals("replicate", result.phases().get(0).name(), "with the canary, auto sets replication up again");
        CanaryReport c = result.canary();
        assertEquals(Map.of(1, 10L, 2, 10L, 3, 10L), c.produced());
        assertEquals(List.of("b1-primary", "b1-secondary", "b2-secondary", "b2-primary", "b3-primary"),
                c.reads().stream().map(r -> r.readId()).toList());
        assertEquals(List.of(5L, 5L, 5L, 5L, 10L), c.reads().stream().map(r -> r.records()).toList(),
                "half of burst 1 before the failover, exactly the other half after it; the same for burst 2");
        assertEquals(List.of(new CanaryHalf("failover", List.of(1), 10, 10, 0, 0),
                new CanaryHalf("failback", List.of(2, 3), 20, 20, 0, 0)), c.halves());
        assertEquals(List.of(PRIMARY, SECONDARY, SECONDARY, PRIMARY, PRIMARY),
                canary.calls("consume").stream().map(call -> call.arg(0)).toList());
        // the group starts at the topic's end (older drills' records are not this one's), before burst 1
        assertEquals(List.of("startAtEnd", "produce"), canary.calls().stream().map(call -> call.method())
                .filter(m -> !m.equals("ensureTopic")).limit(2).toList());
        // the only client: the canary group, through its no-op binding
        assertEquals(List.of("consumer " + CANARY_GROUP),
                clients.calls("stop").stream().map(call -> call.arg(0)).distinct().toList());
        List<String> onSecondary = result.phases().stream().filter(p -> p.name().equals(DrillPhase.VERIFY_SECONDARY))
                .findFirst().orElseThrow().checks().stream().map(Check::name).toList();
        assertTrue(onSecondary.containsAll(List.of("consumer:" + CANARY_GROUP, "canary:failover:lost",
                "canary:failover:duplicated")), onSecondary.toString());
        assertFalse(onSecondary.contains("consumer:" + GROUP));
    }

    @Test
    void withBothThePairsClientsMoveToo() {
        DrillResult result = drill(DrillTraffic.BOTH);

        assertEquals(DrillOutcome.PASSED, result.outcome(), result.notes().toString());
        assertEquals(List.of("consumer " + CANARY_GROUP, "consumer " + GROUP, "producer " + PRODUCER),
                clients.calls("stop").stream().map(call -> (String) call.arg(0)).distinct().sorted().toList());
    }

    @Test
    void aRedeliveredRecordFailsTheCheckOnTheSecondaryAndTheDrillStandsDown() {
        // the first read on the secondary re-reads 2 records the primary's read had committed
        canary.redeliverOnRead("b1-" + SECONDARY, 2);
        DrillResult result = drill(DrillTraffic.CANARY);

        assertNotEquals(DrillOutcome.PASSED, result.outcome());
        assertEquals(2, result.canary().halves().get(0).duplicated(), result.canary().toString());
        assertTrue(result.phases().stream().anyMatch(p -> p.name().equals(DrillPhase.STAND_DOWN)), result.phases().toString());
    }

    @Test
    void aCanaryThatCannotReadOnTheSecondaryIsAFailedCheckNotALossAndTheDrillStandsDown() {
        canary.failRead("b1-" + SECONDARY);
        DrillResult result = drill(DrillTraffic.CANARY);

        assertEquals(DrillOutcome.STOOD_DOWN, result.outcome(), result.notes().toString());
        DrillPhase onSecondary = result.phases().stream().filter(p -> p.name().equals(DrillPhase.VERIFY_SECONDARY))
                .findFirst().orElseThrow();
        Check failed = onSecondary.checks().stream().filter(c -> !c.passed()).findFirst().orElseThrow();
        assertEquals("canary:after-failover", failed.name());
        assertTrue(failed.detail().contains("made no progress for 60 s"), failed.detail());
        assertTrue(onSecondary.checks().stream().noneMatch(c -> c.name().equals("canary:failover:lost")),
                "no loss figure from a read that did not happen: " + onSecondary.checks());
        assertEquals(PRIMARY, result.leftActive(), "the stand-down returned the pair");
    }
}
