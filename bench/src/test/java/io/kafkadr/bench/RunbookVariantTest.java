package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.bench.FailoverFigures.Kind;
import io.kafkadr.workflows.operation.Step;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.junit.jupiter.api.Test;

class RunbookVariantTest {

    private static Checkpoint cp(int partition, long upstream, long downstream) {
        return new Checkpoint("g", new TopicPartition("t", partition), upstream, downstream, "");
    }

    @Test
    void aGroupIsSyncedOnceEveryPartitionHasACheckpointAsNewAsItsStopAndTheTargetCommittedIt() {
        Map<Integer, Long> atStop = Map.of(0, 100L, 1, 50L);
        List<Checkpoint> older = List.of(cp(0, 90, 88), cp(1, 50, 49));
        assertNull(RunbookVariant.neededDownstream(older, atStop), "partition 0 has no checkpoint at 100 yet");
        List<Checkpoint> now = List.of(cp(0, 90, 88), cp(1, 50, 49), cp(0, 100, 97), cp(0, 100, 99));
        Map<Integer, Long> needed = RunbookVariant.neededDownstream(now, atStop);
        assertEquals(Map.of(0, 97L, 1, 49L), needed);
        assertFalse(RunbookVariant.synced(needed, Map.of(0, 88L, 1, 49L)));
        assertTrue(RunbookVariant.synced(needed, Map.of(0, 97L, 1, 49L)));
    }

    @Test
    void drainedWhenTheTargetHoldsEverySourceRecord() {
        assertFalse(RunbookVariant.drained(Map.of(0, 10L, 1, 5L), Map.of(0, 10L, 1, 4L)));
        assertTrue(RunbookVariant.drained(Map.of(0, 10L, 1, 5L), Map.of(0, 10L, 1, 5L)));
    }

    @Test
    void theRunbooksConnectorsKeepMm2sDefaultIntervals() {
        BenchSetup s = new BenchSetup("runbook-safe", "safe1", 2, 3, 100, "primary", "secondary");
        var configs = RunbookVariant.connectorConfigs(s, Map.of("primary", "p:1", "secondary", "s:1"));
        assertEquals(List.of("mm2-bench-safe1-source", "mm2-bench-safe1-checkpoint", "mm2-bench-safe1-heartbeat"),
                List.copyOf(configs.keySet()));
        var checkpoint = configs.get("mm2-bench-safe1-checkpoint");
        assertEquals("bench-g1,bench-g2", checkpoint.get("groups"));
        assertEquals("true", checkpoint.get("sync.group.offsets.enabled"));
        configs.values().forEach(c -> {
            assertFalse(c.containsKey("emit.checkpoints.interval.seconds"));
            assertFalse(c.containsKey("sync.group.offsets.interval.seconds"));
            assertFalse(c.containsKey("offset.lag.max"));
        });
    }

    @Test
    void kafkaDrTimelineStepsAreClassifiedAndGroupMovesSpanStopToHealth() {
        List<Step> timeline = List.of(new Step("lock", 0, 10, ""), new Step("pre-checks", 10, 2000, ""),
                new Step("stop consumer bench-g1", 2000, 2500, ""), new Step("hand over consumer bench-g1", 2500, 2700, ""),
                new Step("start consumer bench-g1", 2700, 3200, ""), new Step("health consumer bench-g1", 3200, 4000, ""),
                new Step("stop producers", 4000, 4300, ""), new Step("drain replication", 4300, 4800, ""),
                new Step("start producer p", 4800, 5200, ""), new Step("health producer p", 5200, 5600, ""),
                new Step("delete connectors", 5600, 5800, ""));
        var intervals = KafkaDrVariant.intervals(timeline);
        assertEquals(List.of(Kind.CLIENT_STOP, Kind.CLIENT_START, Kind.CLIENT_START, Kind.CLIENT_STOP, Kind.DRAIN,
                Kind.CLIENT_START, Kind.CLIENT_START), intervals.stream().map(FailoverFigures.Interval::kind).toList());
        var moves = KafkaDrVariant.groupMoves(timeline, List.of("bench-g1"));
        assertEquals(1, moves.size());
        assertEquals(2000, moves.get(0).startMillis());
        assertEquals(4000, moves.get(0).endMillis());
        assertEquals("hand over consumer * 0.20 s, lock 0.01 s, pre-checks 1.99 s",
                KafkaDrVariant.orchestrationSteps(timeline, 5600));
    }
}
