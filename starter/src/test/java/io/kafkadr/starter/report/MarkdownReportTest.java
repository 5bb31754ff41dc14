package io.kafkadr.starter.report;

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
}
