package io.kafkadr.workflows.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.pair.Objectives;
import io.kafkadr.workflows.verify.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillObjectivesTest {

    private static final String SOURCE = "planned failover";

    @Test
    void noObjectivesNoChecks() {
        assertEquals(List.of(), DrillObjectives.checks(Objectives.none(), 12_000, 0, SOURCE));
    }

    @Test
    void rtoWithinTheObjectivePassesAndAtTheLimitToo() {
        Check within = only(DrillObjectives.checks(new Objectives(30, null), 11_791, 0, SOURCE));
        Check atLimit = only(DrillObjectives.checks(new Objectives(30, null), 30_000, 0, SOURCE));

        assertEquals(DrillObjectives.RTO, within.name());
        assertTrue(within.passed());
        assertEquals(11_791, within.value());
        assertEquals(30_000, within.threshold());
        assertTrue(within.detail().contains("RTO 11.8 s, objective 30 s"), within.detail());
        assertTrue(atLimit.passed());
    }

    @Test
    void rtoOverTheObjectiveMissesIt() {
        assertFalse(only(DrillObjectives.checks(new Objectives(10, null), 10_001, 0, SOURCE)).passed());
    }

    @Test
    void anUnmeasuredFigureMissesItsObjective() {
        List<Check> checks = DrillObjectives.checks(new Objectives(60, 100L), -1, -1, SOURCE);

        assertEquals(2, checks.size());
        assertTrue(checks.stream().noneMatch(Check::passed));
        assertTrue(checks.get(0).detail().contains("not measured"), checks.get(0).detail());
        assertTrue(checks.get(1).detail().contains("not measured"), checks.get(1).detail());
    }

    @Test
    void rpoInRecordsComparesTheLoss() {
        assertTrue(only(DrillObjectives.checks(new Objectives(null, 0L), 5_000, 0, SOURCE)).passed());
        Check missed = DrillObjectives.rpo("objective:rpo-records (ledgers)", 5, 6, "the clients' ledgers");

        assertFalse(missed.passed());
        assertEquals(6, missed.value());
        assertTrue(missed.detail().contains("6 record(s) lost (the clients' ledgers), objective at most 5"),
                missed.detail());
    }

    private static Check only(List<Check> checks) {
        assertEquals(1, checks.size(), checks.toString());
        return checks.get(0);
    }
}
