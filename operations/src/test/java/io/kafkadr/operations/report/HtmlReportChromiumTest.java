package io.kafkadr.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser (headless Chromium): it loads without a console message (no
 * script error, nothing blocked by its Content-Security-Policy, which would mean it tried to load
 * something) and the timeline picture has one bar per step. The pages and a screenshot stay in
 * {@code target/report-html/} to look at.
 */
class HtmlReportChromiumTest {

    private static final Pattern BAR = Pattern.compile("<rect class=\"step[ \"]");
    private static final Path OUT = Path.of("target", "report-html");
    private static HeadlessChromium chromium;
    private final Formats formats = new Formats(ZoneOffset.UTC);
    private final HtmlReport renderer = new HtmlReport(formats, new TimelineSvg(formats));

    @BeforeAll
    static void findChromium(@TempDir Path profile) throws IOException {
        Path binary = HeadlessChromium.find().orElse(null);
        if (binary == null) {
            fail("no Chromium on the PATH (looked for " + HeadlessChromium.NAMES + "): run deploy/local/setup.sh as root "
                    + "(it installs the Debian package chromium)");
        }
        chromium = new HeadlessChromium(binary, profile);
        Files.createDirectories(OUT);
    }

    private String loadCleanly(String name, ReportView view) throws Exception {
        Path page = OUT.resolve(name + ".html").toAbsolutePath();
        Files.writeString(page, renderer.render(view), StandardCharsets.UTF_8);
        HeadlessChromium.Load load = chromium.dumpDom(page);
        assertEquals(List.of(), load.console(), name + ": console messages");
        assertTrue(load.dom().contains("<svg class=\"timeline\""), name + ": no timeline picture in the DOM");
        assertEquals(view.timeline().size(), BAR.matcher(load.dom()).results().count(), name + ": bars in the DOM");
        return load.dom();
    }

    @Test
    void aFailoverReportLoadsCleanlyWithOneBarPerStep() throws Exception {
        ReportView view = ReportView.of(ReportFixtures.plannedFailover(), "4242@ops-host");
        String dom = loadCleanly("failover", view);
        assertTrue(dom.contains("&lt;script&gt;alert"), "the group's name is text, not a script");
        chromium.screenshot(OUT.resolve("failover.html").toAbsolutePath(), OUT.resolve("failover.png"), 1100, 1900);
    }

    @Test
    void aFailbackReportLoadsCleanlyWithOneBarPerStep() throws Exception {
        loadCleanly("failback", ReportView.of(ReportFixtures.failback(), null));
    }

    @Test
    void aDrillReportLoadsCleanlyWithOneBarPerPhaseAndItsObjective() throws Exception {
        ReportView view = ReportView.of(ReportFixtures.drill(), "schedule drill-orders", ReportFixtures.plannedFailover());
        String dom = loadCleanly("drill", view);
        assertTrue(dom.contains("RTO measured 17.3 s") && dom.contains("60 s"), "objective and measure shown");
        assertTrue(dom.contains("passed"), "the outcome");
    }

    @Test
    void aReportOfManyStepsLoadsCleanlyWithOneBarPerStep() throws Exception {
        loadCleanly("many-groups", ReportView.of(ReportFixtures.manyGroups(60), null));
    }
}
