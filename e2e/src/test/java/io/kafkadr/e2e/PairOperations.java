package io.kafkadr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.WorkflowInputConverter;
import io.kafkadr.workflows.operation.GroupMoveRequest;
import io.kafkadr.workflows.operation.MovePurpose;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.TemporalFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** The local pair's operations as the Temporal server sees them: the lock holder, progress, visibility. */
final class PairOperations implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 100;

    private final WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:7233").build());
    private final WorkflowClient temporal = WorkflowClient.newInstance(service);

    /** What the server reports of a workflow's latest run: its history's length (events) and size (bytes). */
    record HistorySize(long events, long bytes) {
    }

    HistorySize historySize(String workflowId) {
        var info = temporal.newUntypedWorkflowStub(workflowId).describe().getRawDescription().getWorkflowExecutionInfo();
        return new HistorySize(info.getHistoryLength(), info.getHistorySizeBytes());
    }

    /** The id of the operation holding the local pair's lock, once one does. */
    String awaitInFlight(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode state = JSON.valueToTree(temporal.newUntypedWorkflowStub("dr-pair/local")
                        .query("state", Object.class));
                String id = state.path("inFlight").path("id").asText(null);
                if (id != null) {
                    return id;
                }
            } catch (RuntimeException e) {
                // the pair entity starts with the first lock request
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError("no operation took the pair's lock within " + timeout);
    }

    /** Polls the operation's progress until {@code wanted} holds; returns that progress. */
    Progress awaitProgress(String operationId, Predicate<Progress> wanted, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Progress last = null;
        while (System.nanoTime() < deadline) {
            Optional<Progress> now = progress(operationId);
            if (now.isPresent()) {
                last = now.get();
                if (wanted.test(last)) {
                    return last;
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError(operationId + " never reached " + what + " (last progress: " + last + ")");
    }

    private Optional<Progress> progress(String operationId) {
        try {
            return Optional.of(temporal.newUntypedWorkflowStub(operationId).query("progress", Progress.class));
        } catch (RuntimeException e) {
            return Optional.empty(); // no worker to answer the query for a moment
        }
    }

    /** Operators find runs through the search attributes; visibility lags the run by a moment. */
    void awaitListed(String query, String workflowId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> listed = List.of();
        while (System.nanoTime() < deadline) {
            listed = temporal.listExecutions(query).map(e -> e.getExecution().getWorkflowId()).toList();
            if (listed.contains(workflowId)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("'" + query + "' lists " + listed + ", not " + workflowId);
    }

    /** The run ids visibility lists for {@code workflowId}: every run of it, running or closed. */
    List<String> runs(String workflowId) {
        return temporal.listExecutions("WorkflowId = '" + workflowId + "'").map(e -> e.getExecution().getRunId()).toList();
    }

    /**
     * The input of a {@code GroupMoveWorkflow} for the pair's first group, as someone would start it
     * by hand: its binding a {@code process} one whose stop and start run {@code command}.
     */
    static String handMove(String pairFile, List<String> command) {
        PairConfig pair = PairConfigParser.parseFile(DrctlProcess.ROOT.resolve(pairFile));
        ConsumerGroupConfig group = new ConsumerGroupConfig(pair.consumerGroups().get(0).group(),
                ClientBinding.process(command, command));
        GroupMoveRequest request = new GroupMoveRequest(pair.withoutClients(), Direction.primaryToSecondary(pair), group,
                true, MovePurpose.FAILOVER);
        return WorkflowInputConverter.standard().toPayload(request).orElseThrow().getData()
                .toString(StandardCharsets.UTF_8);
    }

    /** The workflow's result as JSON, once it completes (within {@code timeout}). */
    JsonNode awaitResult(String workflowId, Duration timeout) throws TimeoutException {
        return JSON.valueToTree(temporal.newUntypedWorkflowStub(workflowId).getResult(timeout.toSeconds(), TimeUnit.SECONDS,
                Object.class));
    }

    /**
     * Waits for the workflow to fail; returns its failure's message, with its causes', or empty
     * when it still runs after {@code timeout} (it is terminated then).
     */
    Optional<String> awaitFailure(String workflowId, Duration timeout) {
        try {
            Object result = temporal.newUntypedWorkflowStub(workflowId).getResult(timeout.toSeconds(), TimeUnit.SECONDS,
                    Object.class);
            throw new AssertionError(workflowId + " did not fail: it returned " + result);
        } catch (WorkflowFailedException e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t instanceof TemporalFailure f ? f.getOriginalMessage() : t.getMessage()).append("; ");
            }
            return Optional.of(messages.toString());
        } catch (TimeoutException e) {
            temporal.newUntypedWorkflowStub(workflowId).terminate("e2e: did not fail within " + timeout);
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        service.shutdownNow();
    }
}
