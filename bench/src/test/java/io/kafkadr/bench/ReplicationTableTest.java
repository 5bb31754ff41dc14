package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationTableTest {

    private static ReplicationRow tuned(double ratio, LatencyStats latency, Long missing) {
        return new ReplicationRow(ReplicationBench.TUNED, 100, 51_200, 1, 0.5, 200.0, ratio, 5000.0, 5000.0, latency,
                missing, null);
    }

    @Test
    void bothTargetsMet() {
        assertEquals("target: throughput met (ratio 0.70, target >= 0.60); latency met (p99 900 ms at 5000 records/s, "
                + "target < 1000 ms)", ReplicationTable.verdict(List.of(tuned(0.7, new LatencyStats(10, 100, 900, 950), 0L))));
    }

    @Test
    void slowAndLateIsNotMet() {
        assertEquals("target: throughput NOT met (ratio 0.33, target >= 0.60); latency NOT met (p99 4000 ms at 5000 "
                + "records/s, target < 1000 ms)", ReplicationTable.verdict(List.of(tuned(0.33, new LatencyStats(10, 100,
                4000, 5000), 0L))));
    }

    @Test
    void missingRecordsFailTheLatencyTarget() {
        assertEquals("target: throughput met (ratio 0.61, target >= 0.60); latency NOT met (p99 10 ms at 5000 "
                + "records/s, target < 1000 ms)", ReplicationTable.verdict(List.of(tuned(0.61, new LatencyStats(10, 5,
                10, 10), 3L))));
    }

    @Test
    void noTunedRun() {
        assertEquals("target: no mm2-tuned run", ReplicationTable.verdict(List.of()));
    }
}
