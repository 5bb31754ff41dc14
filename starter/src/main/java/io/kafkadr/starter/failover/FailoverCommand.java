package io.kafkadr.starter.failover;

import io.kafkadr.starter.PairOperationCommand;
import io.kafkadr.operations.report.Formats;
import io.kafkadr.operations.report.MarkdownReport;
import io.kafkadr.operations.report.ReportView;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.OperationRequests;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.pair.PairConfig;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Fail over to the secondary: consumers (exact offsets), then producers, then remove replication.")
public class FailoverCommand extends PairOperationCommand<FailoverReport> {

    enum Mode { planned, unplanned }

    @Option(names = "--mode", required = true, description = "planned (drill, maintenance) or unplanned (primary gone)")
    Mode mode;
    @Option(names = "--force", description = "unplanned without an incident id: accept that the primary cannot be fenced")
    boolean force;
    @Option(names = "--incident", paramLabel = "ID", description = "incident id (one failover per incident)")
    String incident;
    @Option(names = "--reason", defaultValue = "requested with drctl", description = "why, for the audit trail")
    String reason;
    @Option(names = "--require-approval", description = "wait for 'drctl approve' before moving anything")
    boolean requireApproval;

    @Override
    protected FailoverReport run(Operations ops, PairConfig pair) {
        return ops.run(OperationKind.FAILOVER, OperationIds.failover(pair.name(), incident, System.currentTimeMillis()),
                OperationRequests.failover(pair, mode.name(), reason, incident, requireApproval ? Boolean.TRUE : null, force));
    }

    @Override
    protected void print(FailoverReport report) {
        System.out.print(new MarkdownReport(new Formats(ZoneOffset.UTC)).render(ReportView.of(report, null)));
    }

    @Override
    protected boolean succeeded(FailoverReport report) {
        return "completed".equals(report.outcome());
    }
}
