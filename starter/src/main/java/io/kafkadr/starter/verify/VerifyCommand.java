package io.kafkadr.starter.verify;

import io.kafkadr.starter.PairOperationCommand;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.OperationRequests;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.verify.VerificationReport;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify replication primary -> secondary: topics and configs, per-partition counts, lag, "
                + "heartbeats, checkpoints and synced group offsets. Exit 0 only when every check passes.")
public class VerifyCommand extends PairOperationCommand<VerificationReport> {

    @Override
    protected VerificationReport run(Operations ops, PairConfig pair) {
        return ops.run(OperationKind.VERIFY, OperationIds.verify(pair.name(), System.currentTimeMillis()),
                OperationRequests.verify(pair));
    }

    @Override
    protected void print(VerificationReport report) {
        ReportPrinter.print(report, System.out);
    }

    @Override
    protected boolean succeeded(VerificationReport report) {
        return report.passed();
    }
}
