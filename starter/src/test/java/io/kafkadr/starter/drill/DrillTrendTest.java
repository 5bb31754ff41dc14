package io.kafkadr.starter.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.drill.DrillOutcome;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.Objectives;
import io.kafkadr.workflows.verify.Check;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drctl drill history: each drill's figures from its result and drctl's kept report, and the trend. */
class DrillTrendTest {

    private static DrillResult result(String id, DrillOutcome outcome, long startedAt, long rto, boolean objectiveMet) {
        return new DrillResult(id, "local", "drill", outcome, startedAt, startedAt + 60_000, rto, 0, List.of(),
                List.of(new Check("objective:rto", rto / 1000, 60, objectiveMet, "")), "primary",
                new Direction("primary", "secondary"), "as before", List.of());
    }

    @Test
    void rowsNewestFirstWithTheLedgersWhereKeptAndTheTrend(@TempDir Path dir) {
        KeptReports kept = new KeptReports(dir);
        kept.keep(new DrillReport(true, "local", "s", "e", 1, "temporal-cli-dev-server", 0, 0, List.of(
                new PhaseReport("failover", true, "s", "e", 1, "drill/local/2/failover", List.of(), null, null, 17_000L,
                        0L, 3L, null),
                new PhaseReport("failback", true, "s", "e", 1, "drill/local/2/failback", List.of(), null, null, null,
                        1L, 2L, 0L)), "drill/local/2", null, "passed", List.of(), "primary", "as before", List.of()));
        java.util.Map<String, DrillReport> byId = DrillTrend.byId(kept.all());

        List<DrillTrend.Row> rows = DrillTrend.newestFirst(List.of(
                DrillTrend.row(result("drill/local/1", DrillOutcome.PASSED, 1_000, 20_000, true), "completed",
                        byId.get("drill/local/1")),
                DrillTrend.row(result("drill/local/3", DrillOutcome.STOOD_DOWN, 3_000, -1, false), "completed", null),
                DrillTrend.row(result("drill/local/2", DrillOutcome.PASSED, 2_000, 17_000, true), "completed",
                        byId.get("drill/local/2"))));

        assertEquals(List.of("drill/local/3", "drill/local/2", "drill/local/1"), rows.stream().map(DrillTrend.Row::id).toList());
        assertEquals(1L, rows.get(1).ledgerLost(), "the failover's and the failback's ledger figures add up");
        assertEquals(5L, rows.get(1).ledgerDuplicates());
        assertEquals(null, rows.get(2).ledgerLost(), "no kept report: not counted, not zero");
        DrillTrend.Summary s = DrillTrend.summary(rows);
        assertEquals(new DrillTrend.Summary(3, 2, 0, 1, 17_000, 20_000, 1, 5), s);
        String table = DrillTrend.table(rows);
        assertTrue(table.contains("stood-down*") && table.contains("(* an objective missed)"), table);
        assertTrue(table.contains("3 drills: 2 passed, 0 failed, 1 stood down; RTO median 17.0 s, worst 20.0 s; ledgers: "
                + "1 lost, 5 duplicated"), table);
    }

    @Test
    void noObjectivesCountAsMet() {
        DrillResult r = new DrillResult("d", "local", "drill", DrillOutcome.PASSED, 1, 2, 5, 0, List.of(), List.of(),
                "primary", null, "", List.of());
        assertTrue(DrillTrend.row(r, "completed", null).objectivesMet());
        assertEquals(Objectives.none(), Objectives.none());
    }
}
