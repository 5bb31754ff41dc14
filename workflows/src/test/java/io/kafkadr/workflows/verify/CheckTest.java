package io.kafkadr.workflows.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An operation's report keeps every check up to 100, above that the failed ones and a true summary. */
class CheckTest {

    private static List<Check> checks(int n, int failing) {
        List<Check> all = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> all.add(new Check("lag:g" + i, i < failing ? 500 : 0, 100, i >= failing, "")));
        return all;
    }

    @Test
    void upToAHundredEveryCheckIsKept() {
        List<Check> hundred = checks(100, 3);
        assertSame(hundred, Check.keptInReport(hundred, "failover/x/pre-checks"));
    }

    @Test
    void aboveTheFailedOnesAndASummaryThatCountsThemAll() {
        List<Check> kept = Check.keptInReport(checks(1000, 2), "failover/x/pre-checks");

        assertEquals(3, kept.size());
        Check summary = kept.get(0);
        assertEquals("summary", summary.name());
        assertEquals(998, summary.value());
        assertEquals(1000, summary.threshold());
        assertFalse(summary.passed(), "two failed");
        assertTrue(summary.detail().contains("998 of 1000 checks passed; the failed ones follow; every check is in the "
                + "result of workflow failover/x/pre-checks"), summary.detail());
        assertEquals(List.of("lag:g0", "lag:g1"), kept.subList(1, 3).stream().map(Check::name).toList());

        List<Check> allPassed = Check.keptInReport(checks(1000, 0), "w");
        assertEquals(1, allPassed.size());
        assertTrue(allPassed.get(0).passed());
    }
}
