package io.kafkadr.operations.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private final MarkdownReport renderer = new MarkdownReport(new Formats(ZoneOffset.UTC));

    @Test
    void aFailoverAsMarkdown() {
        String md = renderer.render(ReportView.of(ReportFixtures.plannedFailover(), null));
        for (String expected : new String[] {"# Failover failover/orders/1700000000000",
                "**completed**: active on 'secondary', no replication", "- approved by: alice",
                "| RTO | none set | RTO measured 86.0 s | - |", "| approval | +4.3 s | 1 min 01 s | approved by alice",
                "## Approvals and operator decisions", "| health check skipped | bob | lag 120 > 100 |",
                "| orders-1 | 950 | 940 | 940 | mm2 |", "## Drained to", "## Pre-checks", "## Notes"}) {
            assertTrue(md.contains(expected), "missing: " + expected + "\n" + md);
        }
        assertFalse(md.contains("<script"), "markup is escaped");
    }

    @Test
    void tableCellsStayOnOneLineWithPipesEscaped() {
        assertTrue(MarkdownReport.cell("a|b\nc").equals("a\\|b c"));
    }

    @Test
    void aFailbackAsMarkdown() {
        String md = renderer.render(ReportView.of(ReportFixtures.failback(), "1@h"));
        for (String expected : new String[] {"# Failback failback/orders/1700000100000", "- started by: 1@h",
                "- records salvaged: 17", "- topics recreated on the primary: orders, payments", "## Salvaged",
                "- payments-0: 5", "- total: 17", "## Restored replication", "| FAIL | heartbeats |", "carol"}) {
            assertTrue(md.contains(expected), "missing: " + expected + "\n" + md);
        }
        assertFalse(md.contains("RTO"));
    }

    @Test
    void aCanaryDrillAsMarkdownGivesTheCanarysFiguresPerHalf() {
        io.kafkadr.workflows.drill.DrillResult d = ReportFixtures.drill();
        io.kafkadr.workflows.canary.CanaryReport canary = new io.kafkadr.workflows.canary.CanaryReport("_dr.canary",
                "_dr.canary.orders", "run-1", java.util.Map.of(1, 1000L, 2, 1000L, 3, 1000L), java.util.List.of(),
                java.util.List.of(new io.kafkadr.workflows.canary.CanaryHalf("failover", java.util.List.of(1), 1000, 1000, 0, 0),
                        new io.kafkadr.workflows.canary.CanaryHalf("failback", java.util.List.of(2, 3), 2000, 2002, 0, 2)));
        io.kafkadr.workflows.drill.DrillResult withCanary = new io.kafkadr.workflows.drill.DrillResult(d.drillId(), d.pair(),
                d.reason(), d.outcome(), d.startedAtMillis(), d.endedAtMillis(), d.rtoMillis(), d.recordsLost(), d.phases(),
                d.objectives(), d.leftActive(), d.leftReplication(), d.leftWhere(), d.notes(), canary);
        String md = renderer.render(ReportView.of(withCanary, null, null));
        for (String expected : new String[] {"- canary: topic _dr.canary, group _dr.canary.orders, run run-1",
                "- canary, failover (bursts [1]): produced 1000, read 1000, lost 0, duplicated 0",
                "- canary, failback (bursts [2, 3]): produced 2000, read 2002, lost 0, duplicated 2"}) {
            assertTrue(md.contains(expected), "missing: " + expected + "\n" + md);
        }
        assertFalse(renderer.render(ReportView.of(d, null, null)).contains("canary"), "no canary, no canary lines");
    }
}
