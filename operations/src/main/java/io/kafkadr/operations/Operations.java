package io.kafkadr.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.temporal.TemporalConnection;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.common.converter.DataConverter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts operation workflows on task queue {@code kafka-dr} and waits for them, printing their
 * progress (query {@code progress}) as it changes.
 */
public class Operations implements AutoCloseable {

    private final TemporalConnection connection;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final ScheduleClient schedules;
    private final String namespace;
    private final PrintStream progressOut;

    public Operations(TemporalOptions options, PrintStream progressOut) {
        this(options, progressOut, null);
    }

    /** As {@link #Operations(TemporalOptions, PrintStream)}, the SDK's client metrics reported through {@code metricsScope}. */
    public Operations(TemporalOptions options, PrintStream progressOut, com.uber.m3.tally.Scope metricsScope) {
        this.connection = TemporalConnection.open(options.settings(), DataConverter.getDefaultInstance(), metricsScope);
        this.service = connection.service();
        this.namespace = connection.namespace();
        this.client = connection.client();
        this.schedules = connection.schedules();
        this.progressOut = progressOut;
    }

    /** The schedule client (recurring drills). */
    public ScheduleClient schedules() {
        return schedules;
    }

    /** The service stubs, for what the clients do not wrap (histories). */
    public WorkflowServiceStubs service() {
        return service;
    }

    /** The client, for what this class does not wrap (listing runs). */
    public WorkflowClient client() {
        return client;
    }

    /**
     * Waits until a worker polls the task queue, so an operation does not sit unnoticed
     * in a queue nobody serves.
     */
    public void awaitWorker(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                int pollers = service.blockingStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                        .setNamespace(namespace)
                        .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.KAFKA_DR).build())
                        .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                        .build()).getPollersCount();
                if (pollers > 0) {
                    return;
                }
            } catch (io.grpc.StatusRuntimeException e) {
                if (e.getStatus().getCode() == io.grpc.Status.Code.UNIMPLEMENTED) {
                    return; // the Java test server cannot describe task queues: go on without the check
                }
                if (System.nanoTime() > deadline) {
                    throw new OperationFailedException("cannot reach Temporal: " + e.getMessage()
                            + "; start the local stack (drctl local up) or give --temporal HOST:PORT", "Unreachable");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new OperationFailedException("no worker polls task queue '" + TaskQueues.KAFKA_DR + "': start one with "
                        + "'drctl worker' (foreground) or 'drctl local start worker'", "NoWorker");
            }
            sleep(500);
        }
    }

    /** Starts (or joins, if it already runs) workflow {@code workflowId} and waits for its result, printing its progress. */
    public <R> R run(OperationKind<R> kind, String workflowId, Object input) {
        WorkflowStub stub = start(kind, workflowId, input).stub();
        progressOut.println("[" + kind.name() + "] workflow " + workflowId + " (Temporal UI: workflows/" + workflowId + ")");
        ProgressPrinter printer = new ProgressPrinter(progressOut, kind.name());
        return await(stub, kind.result(), () -> printer.print(progress(workflowId)));
    }

    /** Starts (or joins, if it already runs) workflow {@code workflowId} without waiting. */
    public Started start(OperationKind<?> kind, String workflowId, Object input) {
        return start(kind, workflowId, input, IdReuse.AFTER_CLOSE);
    }

    /** Whether a workflow id that ran before may run again. */
    public enum IdReuse {
        /** A new run once the earlier one closed (drctl's operations). */
        AFTER_CLOSE,
        /** Never: the id names the request for good (a failover per incident through the API); asking again joins the earlier run, closed or not. */
        ONCE
    }

    /**
     * The one start of every operation: the typed stub of {@code kind} on task queue {@code kafka-dr},
     * workflow id {@code workflowId} and Temporal's id-conflict policy {@code USE_EXISTING}, so
     * concurrent identical requests make exactly one run. Whether this call made the run is told by
     * a nonce in the run's memo: the run that exists carries the nonce of the call that created it.
     */
    public Started start(OperationKind<?> kind, String workflowId, Object input, IdReuse reuse) {
        String nonce = java.util.UUID.randomUUID().toString();
        Object typed = client.newWorkflowStub(kind.workflow(), WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.KAFKA_DR)
                .setWorkflowId(workflowId)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(reuse == IdReuse.ONCE
                        ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
                        : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setMemo(java.util.Map.of(START_NONCE, nonce))
                .build());
        WorkflowStub stub = WorkflowStub.fromTyped(typed);
        try {
            stub.start(input);
        } catch (WorkflowExecutionAlreadyStarted e) { // ONCE, and the run closed: that run answers the request
            return new Started(client.newUntypedWorkflowStub(workflowId), workflowId, false);
        }
        return new Started(stub, workflowId, createdBy(workflowId, nonce));
    }

    /** The memo key of the start nonce. */
    static final String START_NONCE = "kafkadrStartNonce";

    private boolean createdBy(String workflowId, String nonce) {
        try {
            return nonce.equals(client.newUntypedWorkflowStub(workflowId).describe().getMemo(START_NONCE, String.class));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Waits for the workflow's result, running {@code everySecond} while it runs (e.g. printing its progress). */
    public <R> R await(WorkflowStub stub, Class<R> resultType, Runnable everySecond) {
        String workflowId = stub.getExecution().getWorkflowId();
        CompletableFuture<R> result = stub.getResultAsync(resultType);
        while (true) {
            try {
                return result.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                everySecond.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException("interrupted; workflow " + workflowId + " goes on", "Interrupted");
            } catch (ExecutionException e) {
                throw failure(workflowId, e.getCause());
            }
        }
    }

    /** How long a caller that must answer quickly (the API) waits for a query: no worker, no answer. */
    static final Duration QUERY_WAIT = Duration.ofSeconds(3);

    /** The workflow's {@code progress} query, or empty when it does not answer within {@code wait}. */
    public java.util.Optional<Progress> progress(String workflowId, Duration wait) {
        try {
            return CompletableFuture.supplyAsync(() -> progress(workflowId)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** The workflow's {@code progress} query, or empty when it does not answer (not started yet, gone). */
    public java.util.Optional<Progress> progress(String workflowId) {
        try {
            return java.util.Optional.of(client.newUntypedWorkflowStub(workflowId).query("progress", Progress.class));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Sends update {@code update} to the running workflow and returns its answer. A refusal by
     * the workflow's validator (the run's history untouched) is bad input, in the validator's words.
     */
    public String update(String workflowId, String update, Object argument) {
        try {
            return client.newUntypedWorkflowStub(workflowId).update(update, String.class, argument);
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            throw new OperationFailedException("no running workflow '" + workflowId + "' (drctl status shows the operation "
                    + "in flight)", "BadInput");
        } catch (io.temporal.client.WorkflowUpdateException e) {
            Throwable t = e.getCause();
            while (t != null && !(t instanceof ApplicationFailure) && t.getCause() != null) {
                t = t.getCause();
            }
            String why = t instanceof ApplicationFailure app ? app.getOriginalMessage() : String.valueOf(e.getCause());
            throw new OperationFailedException(workflowId + " refused the " + update + ": " + why, "BadInput");
        }
    }

    /** Opens the approval gate of the operation (or the drill, which forwards it); the workflow's answer. */
    public String approve(String workflowId, io.kafkadr.workflows.operation.Approval approval) {
        return update(workflowId, io.kafkadr.workflows.operation.OperatorControls.APPROVAL, approval);
    }

    /** Answers the operation waiting for a decision about one client; the workflow's answer. */
    public String decide(String workflowId, io.kafkadr.workflows.operation.ClientDecision decision) {
        return update(workflowId, io.kafkadr.workflows.operation.OperatorControls.DECISION, decision);
    }

    /** Result of a finished workflow, as stored in its history. */
    public <R> R result(String workflowId, Class<R> type) {
        try {
            return client.newUntypedWorkflowStub(workflowId).getResult(10, TimeUnit.SECONDS, type);
        } catch (TimeoutException e) {
            throw new OperationFailedException(workflowId + " is still running: see drctl status", "NotReady");
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            throw new OperationFailedException("no workflow '" + workflowId + "'", "BadInput");
        } catch (io.temporal.client.WorkflowException e) {
            throw failure(workflowId, e);
        }
    }

    /**
     * Who started the workflow: the identity of the Temporal client that did (drctl's is
     * {@code pid@host}), or the workflow that started it as a child; empty if unknown.
     */
    /** The workflow type of {@code workflowId}'s latest run; a clear error when there is none. */
    public String workflowType(String workflowId) {
        try {
            return client.newUntypedWorkflowStub(workflowId).describe().getWorkflowType();
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            throw new OperationFailedException("no workflow '" + workflowId + "' (drctl list --pair FILE shows the pair's "
                    + "operations)", "BadInput");
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                throw new OperationFailedException("no workflow '" + workflowId + "' (drctl list --pair FILE shows the "
                        + "pair's operations)", "BadInput");
            }
            throw e;
        }
    }

    public java.util.Optional<String> startedBy(String workflowId) {
        try {
            var events = service.blockingStub().getWorkflowExecutionHistory(
                    io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(namespace)
                            .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                            .setMaximumPageSize(1)
                            .build()).getHistory().getEventsList();
            if (events.isEmpty() || !events.get(0).hasWorkflowExecutionStartedEventAttributes()) {
                return java.util.Optional.empty();
            }
            var started = events.get(0).getWorkflowExecutionStartedEventAttributes();
            if (started.hasParentWorkflowExecution()) {
                return java.util.Optional.of("workflow " + started.getParentWorkflowExecution().getWorkflowId());
            }
            return java.util.Optional.of(started.getIdentity()).filter(i -> !i.isBlank());
        } catch (io.grpc.StatusRuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** A query answer, or empty when the workflow does not exist. */
    public <R> java.util.Optional<R> query(String workflowId, String query, Class<R> type) {
        try {
            return java.util.Optional.of(client.newUntypedWorkflowStub(workflowId).query(query, type));
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether a run of {@code workflowId} exists (running or closed); asks no worker. */
    public boolean exists(String workflowId) {
        return describe(workflowId).isPresent();
    }

    private java.util.Optional<io.temporal.client.WorkflowExecutionDescription> describe(String workflowId) {
        try {
            return java.util.Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            return java.util.Optional.empty();
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /** The operation run {@code workflowId} (a failover, failback, drill, ...), or empty when there is none. */
    public java.util.Optional<OperationState> operation(String workflowId) {
        java.util.Optional<OperationKind<?>> kind = OperationKind.ofWorkflowId(workflowId);
        if (kind.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<io.temporal.client.WorkflowExecutionDescription> found = describe(workflowId);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        io.temporal.client.WorkflowExecutionDescription d = found.get();
        boolean running = d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        boolean completed = d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
        return java.util.Optional.of(new OperationState(workflowId, kind.get().name(),
                d.getTypedSearchAttributes().get(DrSearchAttributes.PAIR), OperationListing.status(d.getStatus()),
                d.getStartTime().toEpochMilli(), d.getCloseTime() == null ? 0 : d.getCloseTime().toEpochMilli(),
                running ? progress(workflowId, QUERY_WAIT).orElse(null) : null,
                completed ? result(workflowId, JsonNode.class) : null));
    }

    /** The pair as its entity knows it, and the step of the operation in flight. */
    public PairStatus status(String pair) {
        java.util.Optional<PairState> state = query(OperationIds.pairEntity(pair), "state", PairState.class);
        java.util.Optional<Progress> progress = state.map(PairState::inFlight)
                .flatMap(op -> query(op.id(), "progress", Progress.class)
                        .map(p -> "converge".equals(p.step())
                                ? query(op.id() + "/converge", "progress", Progress.class).orElse(p) : p));
        return new PairStatus(pair, state.orElse(null), progress.orElse(null));
    }

    /**
     * The mutating operation in flight on the pair other than {@code except}: the holder of the pair
     * entity's lock, else a run that visibility shows running and that has not taken the lock yet.
     */
    public java.util.Optional<String> inFlight(String pair, String except) {
        java.util.Optional<String> holder = query(OperationIds.pairEntity(pair), "state", PairState.class)
                .map(PairState::inFlight).map(OperationRef::id);
        if (holder.isPresent()) {
            return holder.filter(id -> !id.equals(except));
        }
        String running = "DrPair = '" + pair.replace("'", "\\'") + "' AND ExecutionStatus = 'Running' AND DrOperation IN ("
                + String.join(", ", OperationKind.MUTATING.stream().map(k -> "'" + k.name() + "'").toList()) + ")";
        try {
            return client.listExecutions(running).map(m -> m.getExecution().getWorkflowId())
                    .filter(id -> !id.equals(except)).findFirst();
        } catch (io.grpc.StatusRuntimeException e) {
            return java.util.Optional.empty(); // no visibility: the lock is the only record
        }
    }

    /**
     * The pair's operations, newest first: from the server's visibility, completed by the pair
     * entity's record of past operations where visibility misses them.
     */
    public Listing list(String pair, String operation, java.time.Instant since, int limit) {
        String visibilityQuery = OperationListing.query(pair, operation, since);
        String visibilityProblem = null;
        java.util.List<ListedOperation> visible = new java.util.ArrayList<>();
        try {
            client.listExecutions(visibilityQuery).limit(limit).forEach(m -> visible.add(row(m)));
        } catch (io.grpc.StatusRuntimeException e) {
            visibilityProblem = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
            visible.clear();
        }
        java.util.List<ListedOperation> rows = OperationListing.merge(visible, recorded(pair), operation, since);
        return new Listing(visibilityQuery, visibilityProblem, rows.subList(0, Math.min(limit, rows.size())));
    }

    private ListedOperation row(WorkflowExecutionMetadata m) {
        String status = OperationListing.status(m.getStatus());
        String outcome = m.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED ? outcome(m) : null;
        return new ListedOperation(m.getExecution().getWorkflowId(),
                m.getTypedSearchAttributes().get(DrSearchAttributes.OPERATION), status, outcome,
                m.getStartTime().toEpochMilli(), m.getCloseTime() == null ? 0 : m.getCloseTime().toEpochMilli(),
                ListedOperation.VISIBILITY);
    }

    /** The report's {@code outcome} ({@code passed}/{@code failed} for a verification). */
    private String outcome(WorkflowExecutionMetadata m) {
        try {
            JsonNode result = client.newUntypedWorkflowStub(m.getExecution(), java.util.Optional.empty())
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
    private java.util.List<OperationRef> recorded(String pair) {
        try {
            return client.newWorkflowStub(DrPairWorkflow.class, OperationIds.pairEntity(pair)).state().past();
        } catch (RuntimeException e) {
            return java.util.List.of();
        }
    }

    static OperationFailedException failure(String workflowId, Throwable error) {
        Throwable t = error instanceof WorkflowFailedException ? error.getCause() : error;
        while (t != null && !(t instanceof ApplicationFailure) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ApplicationFailure app) {
            return new OperationFailedException(workflowId + " failed: " + app.getOriginalMessage(), app.getType());
        }
        return new OperationFailedException(workflowId + " failed: " + (t == null ? error : t.getMessage()), "Failed");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
