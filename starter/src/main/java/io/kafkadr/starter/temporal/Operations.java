package io.kafkadr.starter.temporal;

import io.kafkadr.temporal.TemporalConnection;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
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
        this.connection = TemporalConnection.open(options.settings(), DataConverter.getDefaultInstance());
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

    /** Starts (or joins, if it already runs) workflow {@code workflowId} and waits for its result. */
    public <R> R run(String workflowType, String workflowId, Object input, Class<R> resultType, String label) {
        WorkflowStub stub = start(workflowType, workflowId, input);
        progressOut.println("[" + label + "] workflow " + workflowId + " (Temporal UI: workflows/" + workflowId + ")");
        ProgressPrinter printer = new ProgressPrinter(progressOut, label);
        return await(stub, resultType, () -> printer.print(progress(workflowId)));
    }

    /** Starts (or joins, if it already runs) workflow {@code workflowId} without waiting. */
    public WorkflowStub start(String workflowType, String workflowId, Object input) {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowType, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.KAFKA_DR)
                .setWorkflowId(workflowId)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        stub.start(input);
        return stub;
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
