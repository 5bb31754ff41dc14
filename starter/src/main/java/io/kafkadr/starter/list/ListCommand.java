package io.kafkadr.starter.list;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.StatusRuntimeException;
import io.kafkadr.starter.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List a pair's operations (replicate, verify, failover, failback, drill), newest first, with their "
                + "outcome: from the server's visibility (search attributes DrPair, DrOperation), completed by the pair "
                + "entity's record of past operations where visibility misses them.")
public class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    PairOptions pairOptions;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--operation", paramLabel = "TYPE", description = "only this operation: replicate|verify|failover|failback|drill")
    String operation;
    @Option(names = "--since", paramLabel = "WHEN", description = "only runs started since: an age (90m, 24h, 7d), a date "
            + "(2026-11-01, UTC) or an instant (2026-11-01T08:00:00Z)")
    String since;
    @Option(names = "--limit", defaultValue = "50", description = "at most this many runs (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        PairConfig pair = pairOptions.load();
        Instant from;
        String query;
        try {
            from = since == null ? null : Since.parse(since, Instant.now());
            query = OperationListing.query(pair.name(), operation, from);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1 (got " + limit + ")");
        }
        try (Operations ops = new Operations(temporal, System.err)) {
            WorkflowClient client = ops.client();
            String visibilityProblem = null;
            List<ListedOperation> visible = List.of();
            try {
                visible = fromVisibility(client, query);
            } catch (StatusRuntimeException e) {
                visibilityProblem = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
            }
            List<ListedOperation> rows = OperationListing.merge(visible, recorded(client, pair.name()), operation, from);
            rows = rows.subList(0, Math.min(limit, rows.size()));
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pair", pair.name());
                out.put("query", query);
                out.put("visibility", visibilityProblem == null ? "ok" : visibilityProblem);
                out.put("operations", rows);
                System.out.println(Json.write(out));
            } else {
                if (visibilityProblem != null) {
                    System.err.println("visibility unavailable (" + visibilityProblem + "): only the pair entity's record "
                            + "of operations that took its lock is listed; a server with visibility (temporal server "
                            + "start-dev) lists every run");
                }
                System.out.print(rows.isEmpty() ? "no operation of pair '" + pair.name() + "' found for: " + query + "\n"
                        : OperationListing.table(rows));
            }
            return 0;
        }
    }

    private List<ListedOperation> fromVisibility(WorkflowClient client, String query) {
        List<ListedOperation> rows = new ArrayList<>();
        client.listExecutions(query).limit(limit).forEach(m -> rows.add(row(client, m)));
        return rows;
    }

    private static ListedOperation row(WorkflowClient client, WorkflowExecutionMetadata m) {
        String status = OperationListing.status(m.getStatus());
        String outcome = m.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
                ? outcome(client, m) : null;
        return new ListedOperation(m.getExecution().getWorkflowId(), m.getTypedSearchAttributes().get(DrSearchAttributes.OPERATION),
                status, outcome, m.getStartTime().toEpochMilli(),
                m.getCloseTime() == null ? 0 : m.getCloseTime().toEpochMilli(), ListedOperation.VISIBILITY);
    }

    /** The report's {@code outcome} ({@code passed}/{@code failed} for a verification). */
    private static String outcome(WorkflowClient client, WorkflowExecutionMetadata m) {
        try {
            JsonNode result = client.newUntypedWorkflowStub(m.getExecution(), Optional.empty())
                    .getResult(5, TimeUnit.SECONDS, JsonNode.class);
            if (result == null) {
                return null;
            }
            if (result.hasNonNull("outcome")) {
                return result.get("outcome").asText();
            }
            return result.has("passed") ? (result.get("passed").asBoolean() ? "passed" : "failed") : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The pair entity's past operations; none when it does not answer. */
    private static List<OperationRef> recorded(WorkflowClient client, String pair) {
        try {
            return client.newWorkflowStub(DrPairWorkflow.class, DrPairWorkflow.workflowId(pair)).state().past();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
