package io.kafkadr.starter.failover;

import io.kafkadr.operations.report.Formats;
import io.kafkadr.operations.report.OperationReport;
import io.kafkadr.operations.report.ReportFormat;
import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the report of a finished failover, failback or drill (from its workflow's stored result).")
public class ReportCommand implements Callable<Integer> {

    @Mixin
    TemporalOptions temporal;
    @Parameters(paramLabel = "OPERATION", description = "workflow id of the operation")
    String operation;
    @Option(names = "--format", defaultValue = "md", description = "json (the workflow's result), md (Markdown) or html "
            + "(one self-contained page with the timeline as a picture); default: ${DEFAULT-VALUE}")
    ReportFormat format;
    @Option(names = "--json", description = "same as --format json")
    boolean json;
    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE instead of stdout")
    Path out;

    @Override
    public Integer call() {
        try (Operations ops = new Operations(temporal, System.err)) {
            OperationReport report = OperationReport.of(ops, operation);
            String text = report.render(json ? ReportFormat.json : format, new Formats(ZoneOffset.UTC));
            if (out == null) {
                System.out.print(text);
            } else {
                write(out, text);
                System.err.println("report written to " + out.toAbsolutePath());
            }
            return 0;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OperationFailedException("cannot write " + file + ": " + e.getMessage(), "BadInput");
        }
    }
}
