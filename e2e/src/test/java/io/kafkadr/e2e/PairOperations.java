package io.kafkadr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.common.Progress;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The local pair's operations as the Temporal server sees them: the lock holder, progress, visibility. */
final class PairOperations implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 100;

    private final WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:7233").build());
    private final WorkflowClient temporal = WorkflowClient.newInstance(service);

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

    @Override
    public void close() {
        service.shutdownNow();
    }
}
