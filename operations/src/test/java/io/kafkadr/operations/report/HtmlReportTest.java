package io.kafkadr.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Formats FORMATS = new Formats(ZoneOffset.UTC);
    private static final Pattern STEP_BAR = Pattern.compile("<rect class=\"step[ \"]");
    private final HtmlReport renderer = new HtmlReport(FORMATS, new TimelineSvg(FORMATS));

    static long bars(String html) {
        return STEP_BAR.matcher(html).results().count();
    }

    @Test
    void aFailoverPageHasEverySectionAndOneBarPerStep() {
        var report = ReportFixtures.plannedFailover();
        String html = renderer.render(ReportView.of(report, "4242@ops-host"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(report.timeline().size(), bars(html));
        for (String expected : new String[] {"Failover failover/orders/1700000000000", "completed",
                "active on &#39;secondary&#39;, no replication", "4242@ops-host", "RTO measured 86.0 s", "none set",
                "Approvals and operator decisions", "alice", "change CHG-42, window 10:00-11:00", "bob",
                "health check skipped", "1200 -&gt; 1200", "orders-1", "d-mm2", "Drained to",
                "1 of 4 partitions resume from MM2", "Pre-checks: 2 of 2 passed", "producer billing"}) {
            assertTrue(html.contains(expected), "missing: " + expected);
        }
    }

    @Test
    void textFromTheReportCannotInjectMarkup() {
        String html = renderer.render(ReportView.of(ReportFixtures.plannedFailover(), "<img src=x onerror=alert(1)>"));
        assertFalse(html.contains("<script"), "a script element");
        assertFalse(html.contains("<img"), "an img element");
        assertFalse(html.contains("<b>"), "the reason's markup");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;grp&quot;"));
        assertTrue(html.contains("quarterly drill &lt;b&gt;bold&lt;/b&gt;"));
    }

    @Test
    void thePageLoadsNothingFromAnywhere() {
        String html = renderer.render(ReportView.of(ReportFixtures.plannedFailover(), null));
        for (String external : new String[] {"<link", "<script", " src=", " href=", "url(", "@import"}) {
            assertFalse(html.contains(external), external);
        }
        assertTrue(html.contains("default-src &#39;none&#39;"), "a Content-Security-Policy that forbids loading");
    }

    @Test
    void objectivesAreOptionalAndComparedWhenGiven() {
        ReportView view = ReportView.of(ReportFixtures.plannedFailover(), null);
        String without = renderer.render(view);
        assertTrue(without.contains("none set"));
        String with = renderer.render(view.withObjectives(new Objectives(60L, 0L)));
        assertTrue(with.contains("60 s"));
        assertTrue(with.contains("<td class=\"no\">no</td>"), "RTO 86 s misses 60 s");
        assertTrue(with.contains("0 records lost: replication drained"));
        assertTrue(with.contains("<td class=\"yes\">yes</td>"), "RPO 0 met");
    }

    @Test
    void anUnplannedFailoverShowsWhatIsKnownLostApartFromWhatIsEstimated() {
        String html = renderer.render(ReportView.of(ReportFixtures.unplannedFailover(), null));
        assertTrue(html.contains("Known lost: 38 records in all"), html);
        assertTrue(html.contains("Estimated beyond: 4 records in all"));
        assertTrue(html.contains("at least 38 records lost (known), about 4 more estimated (not a bound)"));
        assertFalse(html.contains("Loss bound") || html.contains("at most"), "the estimate is never called a bound");
        assertTrue(html.contains("incident"));
        assertTrue(html.contains("INC-7"));
    }

    @Test
    void anOldUnplannedReportsSingleFigureIsNotCalledABound() {
        String html = renderer.render(ReportView.of(ReportFixtures.unplannedFailoverOfOldReport(), null));
        assertTrue(html.contains("Loss (old report: seen plus estimated): 42 records in all"), html);
        assertTrue(html.contains("about 42 records lost (seen plus estimated, not a bound)"));
        assertFalse(html.contains("at most"));
    }

    @Test
    void theRpoIsMetOnlyWhenEvenTheEstimateFitsAndMissedWhenTheKnownLossExceedsIt() {
        ReportView view = ReportView.of(ReportFixtures.unplannedFailover(), null);
        Formats f = FORMATS;
        assertEquals(Boolean.TRUE, view.withObjectives(new Objectives(null, 42L)).measures(f).get(1).met());
        assertEquals(null, view.withObjectives(new Objectives(null, 40L)).measures(f).get(1).met(), "known fits, estimate not");
        assertEquals(Boolean.FALSE, view.withObjectives(new Objectives(null, 37L)).measures(f).get(1).met());
    }

    @Test
    void aFailbackShowsWhatWasSalvagedPerPartitionAndInAll() {
        var report = ReportFixtures.failback();
        String html = renderer.render(ReportView.of(report, null));
        assertEquals(report.timeline().size(), bars(html));
        assertTrue(html.contains("Salvaged: 17 records in all"));
        assertTrue(html.contains("<td class=\"part\">payments-0</td><td class=\"num\">5</td>"));
        assertTrue(html.contains("Restored replication: 1 of 2 passed"));
        assertTrue(html.contains("carol"));
        assertFalse(html.contains("RTO"), "a failback has no RTO");
    }
}
