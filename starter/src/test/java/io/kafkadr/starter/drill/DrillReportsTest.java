package io.kafkadr.starter.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.drill.DrillOutcome;
import io.kafkadr.workflows.drill.DrillPhase;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.Objectives;
import io.kafkadr.workflows.verify.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workflow's result as drctl's drill report: the same phases and fields as before, more added. */
class DrillReportsTest {

    private static final String ID = "drill/local/1";
    private static final Check OK = new Check("count:orders-0", 0, 100, true, "source 851, target 851 records");

    private static DrillPhase phase(String name, long start, boolean passed, Check... checks) {
        return new DrillPhase(name, DrillPhase.VERIFY_SECONDARY.equals(name) ? null : ID + "/" + name, passed, start,
                start + 10, List.of(checks), passed ? "0 of 1 checks failed" : "1 of 1 checks failed");
    }

    private static DrillResult passed(List<DrillPhase> phases) {
        return new DrillResult(ID, "local", "drill", DrillOutcome.PASSED, 1_000, 2_000, 11_791, 0, phases, List.of(),
                "primary", new Direction("primary", "secondary"), "active on 'primary' ..., as before the drill",
                List.of("every phase passed"));
    }

    private static DrillReports.Context local(Objectives objectives, Ledgers failover, Ledgers failback) {
        return new DrillReports.Context("temporal-cli-dev-server", 1_900, 2_214,
                "http://127.0.0.1:8233/namespaces/default/workflows/drill%2Flocal%2F1", objectives, failover, failback);
    }

    private static List<DrillPhase> cycle(Check onSecondary) {
        return List.of(phase(DrillPhase.REPLICATE, 1_000, true, OK), phase(DrillPhase.PRE_VERIFY, 1_100, true, OK),
                phase(DrillPhase.FAILOVER, 1_200, true, OK),
                phase(DrillPhase.VERIFY_SECONDARY, 1_300, onSecondary.passed(), onSecondary),
                phase(DrillPhase.FAILBACK, 1_400, true, OK), phase(DrillPhase.VERIFY, 1_500, true, OK));
    }

    @Test
    void theFivePhasesOfTheContractWithTheCheckOnTheSecondaryUnderTheFailover() {
        Ledgers clean = new Ledgers(1450, 1450, 0, 0, "[]");

        DrillReport report = DrillReports.report(passed(cycle(new Check("active:secondary", 1, 1, true, "ok"))),
                local(Objectives.none(), clean, clean), p -> null);

        assertTrue(report.passed());
        assertEquals(List.of("replicate", "verify", "failover", "failback", "verify"),
                report.phases().stream().map(PhaseReport::name).toList());
        PhaseReport failover = report.phases().get(2);
        assertEquals(List.of("count:orders-0", "records-lost", "duplicates", "on-secondary:active:secondary"),
                failover.checks().stream().map(PhaseCheck::name).toList());
        assertEquals(ID + "/failover", failover.workflowId());
        assertEquals(110, failover.durationMillis(), "from the failover's start to the end of the check on the secondary");
        assertEquals(0L, failover.recordsLost());
        assertEquals(0L, report.phases().get(3).duplicates());
        assertEquals("passed", report.outcome());
        assertEquals(ID, report.drillWorkflowId());
        assertEquals("1970-01-01T00:00:01Z", report.startedAt());
        assertEquals(1_000, report.durationMillis());
        assertEquals("primary", report.leftActive());
    }

    @Test
    void aFailedCheckOnTheSecondaryFailsTheFailoverPhase() {
        DrillReport report = DrillReports.report(passed(cycle(new Check("consumer:orders-app", 0, 1, false, "skipped"))),
                local(Objectives.none(), null, null), p -> null);

        PhaseReport failover = report.phases().get(2);
        assertFalse(failover.passed());
        assertTrue(failover.error().startsWith("on the secondary"), failover.error());
        assertFalse(report.passed());
        assertNull(failover.recordsLost(), "no ledgers off the local stack");
    }

    @Test
    void theLedgersLossIsHeldToTheRpoObjectiveToo() {
        Ledgers lossy = new Ledgers(1450, 1447, 3, 0, "[\"p1-17\"]");

        DrillReport report = DrillReports.report(passed(cycle(new Check("active:secondary", 1, 1, true, "ok"))),
                local(new Objectives(null, 0L), lossy, new Ledgers(0, 0, 0, 0, "[]")), p -> null);

        assertFalse(report.passed());
        PhaseCheck ledgers = report.objectives().get(report.objectives().size() - 1);
        assertEquals("objective:rpo-records:ledgers", ledgers.name());
        assertFalse(ledgers.passed());
        assertEquals(3, ledgers.value());
    }
}
