package io.kafkadr.starter.failover;

import io.kafkadr.starter.report.Formats;
import io.kafkadr.starter.report.ReportFormat;
import io.kafkadr.starter.report.ReportView;
import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.drill.DrillPhase;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;
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
            String startedBy = ops.startedBy(operation).orElse(null);
            Object report;
            ReportView view;
            String type = ops.workflowType(operation);
            switch (type) {
                case "FailbackWorkflow" -> {
                    FailbackReport r = ops.result(operation, FailbackReport.class);
                    report = r;
                    view = ReportView.of(r, startedBy);
                }
                case "FailoverWorkflow" -> {
                    FailoverReport r = ops.result(operation, FailoverReport.class);
                    report = r;
                    view = ReportView.of(r, startedBy);
                }
                case "DrillWorkflow" -> {
                    DrillResult r = ops.result(operation, DrillResult.class);
                    report = r;
                    FailoverReport failover = r.phases().stream().filter(p -> DrillPhase.FAILOVER.equals(p.name()))
                            .findFirst().map(p -> ops.result(p.workflowId(), FailoverReport.class)).orElse(null);
                    view = ReportView.of(r, startedBy, failover);
                }
                default -> throw new OperationFailedException("'" + operation + "' is a " + type + ": drctl report "
                        + "reads failovers, failbacks and drills (drctl list shows them)", "BadInput");
            }
            String text = (json ? ReportFormat.json : format).render(report, view, new Formats(ZoneOffset.UTC));
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
