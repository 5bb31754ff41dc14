package io.kafkadr.starter.failover;

import io.kafkadr.starter.Json;
import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.starter.failback.FailbackReportPrinter;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the report of a finished failover or failback (from its workflow's stored result).")
public class ReportCommand implements Callable<Integer> {

    enum Format { json, md }

    @Mixin
    TemporalOptions temporal;
    @Parameters(paramLabel = "OPERATION", description = "workflow id of the operation")
    String operation;
    @Option(names = "--format", defaultValue = "md", description = "json or md (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        try (Operations ops = new Operations(temporal, System.err)) {
            boolean failback = operation.startsWith("failback/");
            Object report = failback ? ops.result(operation, FailbackReport.class)
                    : ops.result(operation, FailoverReport.class);
            if (format == Format.json) {
                System.out.println(Json.write(report));
            } else if (failback) {
                FailbackReportPrinter.markdown((FailbackReport) report, System.out);
            } else {
                FailoverReportPrinter.markdown((FailoverReport) report, System.out);
            }
            return 0;
        }
    }
}
