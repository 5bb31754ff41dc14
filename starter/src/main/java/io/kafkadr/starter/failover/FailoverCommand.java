package io.kafkadr.starter.failover;

import io.kafkadr.starter.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.pair.PairConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Fail over to the secondary: consumers (exact offsets), then producers, then remove replication.")
public class FailoverCommand implements Callable<Integer> {

    enum Mode { planned, unplanned }

    @Mixin
    PairOptions pairOptions;
    @Mixin
    TemporalOptions temporal;
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
    @Option(names = "--json", description = "print the report as JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        PairConfig pair = pairOptions.load();
        String id = Failover.workflowId(pair, incident, System.currentTimeMillis());
        try (Operations ops = new Operations(temporal, System.err)) {
            ops.awaitWorker(Duration.ofSeconds(15));
            FailoverReport report = Failover.run(ops, id, new FailoverRequest(pair, null, mode.name(), reason, incident,
                    requireApproval ? Boolean.TRUE : null, force));
            if (json) {
                System.out.println(Json.write(report));
            } else {
                FailoverReportPrinter.markdown(report, System.out);
            }
            return "completed".equals(report.outcome()) ? 0 : 1;
        }
    }
}
