package io.kafkadr.starter.failback;

import io.kafkadr.starter.PairOperationCommand;
import io.kafkadr.operations.report.Formats;
import io.kafkadr.operations.report.MarkdownReport;
import io.kafkadr.operations.report.ReportView;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.OperationRequests;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.pair.PairConfig;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "failback", mixinStandardHelpOptions = true,
        description = "Fail back to the primary, staged: salvage, clean, replicate back, converge, consumers one at a "
                + "time, producers, restore primary -> secondary replication.")
public class FailbackCommand extends PairOperationCommand<FailbackReport> {

    @Option(names = "--reason", defaultValue = "requested with drctl", description = "why, for the audit trail")
    String reason;
    @Option(names = "--require-approval", description = "wait for 'drctl approve' before changing anything")
    boolean requireApproval;

    @Override
    protected FailbackReport run(Operations ops, PairConfig pair) {
        return ops.run(OperationKind.FAILBACK, OperationIds.failback(pair.name(), System.currentTimeMillis()),
                OperationRequests.failback(pair, reason, requireApproval ? Boolean.TRUE : null));
    }

    @Override
    protected void print(FailbackReport report) {
        System.out.print(new MarkdownReport(new Formats(ZoneOffset.UTC)).render(ReportView.of(report, null)));
    }

    @Override
    protected boolean succeeded(FailbackReport report) {
        return "completed".equals(report.outcome());
    }
}
