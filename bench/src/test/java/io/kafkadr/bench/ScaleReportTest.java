package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleReportTest {

    private static HistoryStat h(String id, long events, long bytes, long start, long end) {
        return new HistoryStat(id, "r-" + id, "T", events, bytes, start, end);
    }

    private static ScaleRun run(int groups, long rootEvents, long childEvents, long endMillis) {
        return ScaleRun.of(groups, "p", "failover/p/1", "completed", endMillis, new HistoryProbe.Operation(List.of(
                h("failover/p/1", rootEvents, rootEvents * 300, 1_000, 1_000 + endMillis),
                h("failover/p/1/group/g0", childEvents, childEvents * 200, 1_500, 2_000)),
                List.of(new Timing.Sample("handOver", 300))), 40, 200, 10_000, List.of());
    }

    @Test
    void aRunSumsItsHistoriesAndTimesTheRootFromStartToClose() {
        ScaleRun r = run(10, 500, 30, 20_000);
        assertEquals(2, r.histories());
        assertEquals(530, r.totalEvents());
        assertEquals(500 * 300 + 30 * 200, r.totalBytes());
        assertEquals("failover/p/1", r.largest().workflowId());
        assertEquals(20_000, r.totalMillis());
        assertEquals(53.0, r.eventsPerGroup());
        assertEquals(List.of(new Timing("handOver", 1, 300, 300)), r.activities());
    }

    @Test
    void growthComparesTheSmallestWithTheLargestSize() {
        ScaleReport r = ScaleReport.of(List.of(run(1000, 5_000, 30, 100_000), run(100, 500, 30, 20_000)));
        assertEquals(100, r.runs().get(0).groups());
        assertEquals(10.0, r.groupsFactor());
        assertEquals(10.0, r.largestEventsGrowth());
        assertTrue(r.passed());
    }

    @Test
    void superlinearGrowthAndOversizedHistoriesFail() {
        ScaleReport r = ScaleReport.of(List.of(run(10, 400, 30, 20_000), run(100, 12_000, 30, 200_000)));
        assertEquals(30.0, r.largestEventsGrowth());
        assertFalse(r.passed());
        List<String> failed = r.checks().stream().filter(c -> !c.passed()).map(ScaleReport.Check::name).toList();
        assertEquals(List.of("time:100", "history-events:100", "growth-largest-history",
                "growth-largest-history-bytes", "growth-total-events"), failed);
    }

    @Test
    void oneSizeHasNoGrowth() {
        ScaleReport r = ScaleReport.of(List.of(run(10, 400, 30, 20_000)));
        assertNull(r.groupsFactor());
        assertTrue(r.passed());
    }
}
