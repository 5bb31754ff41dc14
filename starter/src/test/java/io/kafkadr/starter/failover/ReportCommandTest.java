package io.kafkadr.starter.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class ReportCommandTest {

    @Test
    void anUnknownFormatIsAUsageErrorThatNamesTheValidOnes() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("failover/p/1", "--format", "pdf"));
        assertTrue(err.toString().contains("expected one of [json, md, html]"), err.toString());
    }

    @Test
    void theFormatsAndTheOutputFileAreOptions() {
        ReportCommand command = new ReportCommand();
        new CommandLine(command).parseArgs("failback/p/1", "--format", "html", "--out", "r.html");
        assertEquals("html", command.format.name());
        assertEquals("r.html", command.out.toString());
        new CommandLine(command = new ReportCommand()).parseArgs("failback/p/1");
        assertEquals("md", command.format.name());
    }
}
