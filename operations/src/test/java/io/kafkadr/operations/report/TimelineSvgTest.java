package io.kafkadr.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.operation.Step;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimelineSvgTest {

    private final TimelineSvg svg = new TimelineSvg(new Formats(ZoneOffset.UTC));

    private static long count(String regex, String s) {
        return Pattern.compile(regex).matcher(s).results().count();
    }

    @Test
    void upToFiftyStepsEachHasItsRowWithNameAndDuration() {
        FailoverReport r = ReportFixtures.plannedFailover();
        String out = svg.render(r.timeline(), r.startedAtMillis(), r.endedAtMillis()).toString();
        int steps = r.timeline().size();
        assertEquals(steps, count("<rect class=\"step ", out));
        assertEquals(steps, count("class=\"step-label\"", out));
        assertEquals(steps, count("class=\"duration\"", out));
        assertTrue(out.contains("<rect class=\"step gate\""), "the approval stands out");
        assertTrue(out.contains("<rect class=\"step trouble\""), "the unhealthy check stands out");
        assertTrue(out.contains("height=\"" + (TimelineSvg.TOP + steps * TimelineSvg.ROW + 12) + "\""));
    }

    @Test
    void barsStartAtTheirOffsetFromTheOperationsStart() {
        List<Step> steps = List.of(new Step("a", 1_000, 1_500, ""), new Step("b", 1_500, 2_000, ""));
        String out = svg.render(steps, 1_000, 2_000).toString();
        assertTrue(out.contains("x=\"" + TimelineSvg.CHART_LEFT + ".0\" y=\"" + (TimelineSvg.TOP + 4) + "\" width=\"300.0\""), out);
        assertTrue(out.contains("x=\"580.0\""), out);
    }

    @Test
    void moreThanFiftyStepsShareARowPerClientAndTheHeightGrows() {
        FailoverReport r = ReportFixtures.manyGroups(30);
        int steps = r.timeline().size();
        String out = svg.render(r.timeline(), r.startedAtMillis(), r.endedAtMillis()).toString();
        assertEquals(124, steps);
        assertEquals(steps, count("<rect class=\"step ", out));
        int rows = 3 + 30 + 1;
        assertEquals(rows, count("class=\"step-label\"", out));
        assertTrue(out.contains("consumer farm-g7 (4 steps)"));
        assertTrue(out.contains("data-grouped=\"true\""));
        assertTrue(out.contains("height=\"" + (TimelineSvg.TOP + rows * TimelineSvg.ROW + 12) + "\""));
    }

    @Test
    void ticksAreRoundNumbers() {
        assertEquals(1, TimelineSvg.niceTick(0.2));
        assertEquals(10_000, TimelineSvg.niceTick(8_700));
        assertEquals(20_000, TimelineSvg.niceTick(10_001));
        assertEquals(50_000, TimelineSvg.niceTick(21_000));
    }

    @Test
    void anEmptyTimelineStillDrawsItsAxis() {
        String out = svg.render(List.of(), 0, 0).toString();
        assertTrue(out.startsWith("<svg class=\"timeline\" data-steps=\"0\""));
        assertEquals(0, count("<rect", out));
    }
}
