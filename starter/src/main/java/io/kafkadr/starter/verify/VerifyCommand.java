package io.kafkadr.starter.verify;

import io.kafkadr.starter.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.verify.VerificationReport;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify replication primary -> secondary: topics and configs, per-partition counts, lag, "
                + "heartbeats, checkpoints and synced group offsets. Exit 0 only when every check passes.")
public class VerifyCommand implements Callable<Integer> {

    @Mixin
    PairOptions pairOptions;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--json", description = "print the report as JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        PairConfig pair = pairOptions.load();
        try (Operations ops = new Operations(temporal, System.err)) {
            ops.awaitWorker(Duration.ofSeconds(15));
            VerificationReport report = Verification.verify(ops, pair, System.currentTimeMillis());
            if (json) {
                System.out.println(Json.write(report));
            } else {
                ReportPrinter.print(report, System.out);
            }
            return report.passed() ? 0 : 1;
        }
    }
}
