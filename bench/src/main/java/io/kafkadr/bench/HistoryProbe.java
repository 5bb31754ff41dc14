package io.kafkadr.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Reads the histories an operation made: its workflow, every run it continued as, and every
 * child (and grandchild) it started, found in the histories themselves
 * ({@code ChildWorkflowExecutionStarted}, {@code WorkflowExecutionContinuedAsNew}, and the
 * started event's previous run), so it needs no visibility query (the dev server's may not
 * support prefixes). Pages through {@code GetWorkflowExecutionHistory}.
 */
final class HistoryProbe {

    private static final int PAGE = 1000;

    private final WorkflowServiceStubs service;
    private final String namespace;

    HistoryProbe(WorkflowServiceStubs service, String namespace) {
        this.service = service;
        this.namespace = namespace;
    }

    /**
     * What an operation left in Temporal: every run of its workflow and of its descendants
     * (latest run of {@code workflowId} first), and every activity they ran, scheduled to closed.
     */
    record Operation(List<HistoryStat> histories, List<Timing.Sample> activities) {
    }

    Operation operation(String workflowId) {
        Deque<WorkflowExecution> todo = new ArrayDeque<>();
        todo.add(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build());
        Set<String> seen = new HashSet<>();
        List<HistoryStat> stats = new ArrayList<>();
        List<Timing.Sample> activities = new ArrayList<>();
        while (!todo.isEmpty()) {
            WorkflowExecution exec = todo.poll();
            Walk walk = walk(exec);
            if (!seen.add(exec.getWorkflowId() + "/" + walk.runId)) {
                continue;
            }
            stats.add(walk.stat);
            activities.addAll(walk.activities);
            todo.addAll(walk.next);
        }
        return new Operation(stats, activities);
    }

    /** One run's history (the latest run when {@code runId} is empty). */
    HistoryStat single(String workflowId) {
        return walk(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build()).stat;
    }

    private record Walk(String runId, HistoryStat stat, List<WorkflowExecution> next, List<Timing.Sample> activities) {
    }

    private Walk walk(WorkflowExecution exec) {
        long events = 0;
        long bytes = 0;
        long start = 0;
        long end = 0;
        String type = "";
        String runId = exec.getRunId();
        List<WorkflowExecution> next = new ArrayList<>();
        Map<Long, Timing.Sample> scheduled = new HashMap<>();
        List<Timing.Sample> activities = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse page = service.blockingStub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(namespace)
                            .setExecution(exec)
                            .setMaximumPageSize(PAGE)
                            .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
                            .setNextPageToken(token)
                            .build());
            for (HistoryEvent e : page.getHistory().getEventsList()) {
                events++;
                bytes += e.getSerializedSize();
                long millis = e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
                if (start == 0) {
                    start = millis;
                }
                end = millis;
                switch (e.getEventType()) {
                    case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
                        var a = e.getWorkflowExecutionStartedEventAttributes();
                        type = a.getWorkflowType().getName();
                        if (runId.isEmpty()) {
                            runId = a.getOriginalExecutionRunId();
                        }
                        if (!a.getContinuedExecutionRunId().isEmpty()) {
                            next.add(exec.toBuilder().setRunId(a.getContinuedExecutionRunId()).build());
                        }
                    }
                    case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED ->
                            next.add(e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution());
                    case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> next.add(exec.toBuilder()
                            .setRunId(e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()).build());
                    case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> scheduled.put(e.getEventId(), new Timing.Sample(
                            e.getActivityTaskScheduledEventAttributes().getActivityType().getName(), millis));
                    case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
                            closed(scheduled, activities, e.getActivityTaskCompletedEventAttributes().getScheduledEventId(), millis);
                    case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
                            closed(scheduled, activities, e.getActivityTaskFailedEventAttributes().getScheduledEventId(), millis);
                    case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
                            closed(scheduled, activities, e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(), millis);
                    case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
                            closed(scheduled, activities, e.getActivityTaskCanceledEventAttributes().getScheduledEventId(), millis);
                    default -> {
                    }
                }
            }
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return new Walk(runId, new HistoryStat(exec.getWorkflowId(), runId, type, events, bytes, start, end), next,
                activities);
    }

    private static void closed(Map<Long, Timing.Sample> scheduled, List<Timing.Sample> activities, long scheduledId,
                               long millis) {
        Timing.Sample s = scheduled.remove(scheduledId);
        if (s != null) {
            activities.add(new Timing.Sample(s.name(), millis - s.millis()));
        }
    }
}
