package io.kafkadr.starter.drill;

import io.kafkadr.operations.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.operations.OperationListing;
import io.kafkadr.operations.Home;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "The pair's drills, newest first: outcome, RTO, loss (the workflow's figure and, for local drills "
                + "run by drctl, the sample apps' ledgers), then the trend.")
public class DrillHistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    PairOptions pairOptions;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--limit", defaultValue = "20", description = "at most this many drills (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1 (got " + limit + ")");
        }
        PairConfig pair = pairOptions.load();
        Map<String, DrillReport> kept = DrillTrend.byId(new KeptReports(keptDir()).all());
        try (Operations ops = new Operations(temporal, System.err)) {
            WorkflowClient client = ops.client();
            List<DrillTrend.Row> found = new ArrayList<>();
            client.listExecutions(OperationListing.query(pair.name(), "drill", null)).limit(limit).forEach(m -> {
                String status = OperationListing.status(m.getStatus());
                String id = m.getExecution().getWorkflowId();
                DrillResult result = m.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
                        ? client.newUntypedWorkflowStub(m.getExecution(), Optional.empty()).getResult(DrillResult.class)
                        : null;
                found.add(result != null ? DrillTrend.row(result, status, kept.get(id))
                        : new DrillTrend.Row(id, status, null, m.getStartTime().toEpochMilli(), -1, -1, null, null, true));
            });
            List<DrillTrend.Row> rows = DrillTrend.newestFirst(found);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pair", pair.name());
                out.put("drills", rows);
                out.put("summary", DrillTrend.summary(rows));
                System.out.println(Json.write(out));
            } else {
                System.out.print(rows.isEmpty() ? "no drill of pair '" + pair.name() + "' yet (drctl drill, drctl schedule)\n"
                        : DrillTrend.table(rows));
            }
            return 0;
        } catch (io.grpc.StatusRuntimeException e) {
            throw new IllegalStateException("cannot list drills (" + e.getStatus().getCode() + ": "
                    + e.getStatus().getDescription() + "): drill history needs the server's visibility (the Temporal "
                    + "CLI's dev server has it; the Java test server does not)");
        }
    }

    static Path keptDir() {
        return Home.path().resolve(Path.of(".local", "drills"));
    }
}
