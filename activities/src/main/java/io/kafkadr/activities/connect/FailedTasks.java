package io.kafkadr.activities.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.workflows.drpair.FailedTask;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import java.util.ArrayList;
import java.util.List;

/** The failed parts of a connector as Connect's status reports them, and their restart. */
public final class FailedTasks {

    private FailedTasks() {
    }

    /** From {@code GET /connectors/{name}/status}: the connector itself if FAILED, then each FAILED task. */
    public static List<FailedTask> in(JsonNode status) {
        String name = status.path("name").asText();
        List<FailedTask> failed = new ArrayList<>();
        if (failed(status.path("connector"))) {
            failed.add(new FailedTask(name, FailedTask.CONNECTOR, firstLine(status.path("connector"))));
        }
        for (JsonNode task : status.path("tasks")) {
            if (failed(task)) {
                failed.add(new FailedTask(name, task.path("id").asInt(), firstLine(task)));
            }
        }
        return failed;
    }

    /**
     * Restarts a failed connector with its failed tasks ({@code POST /connectors/{name}/restart?
     * includeTasks=true&onlyFailed=true}), or one task ({@code POST /connectors/{name}/tasks/{id}/restart}).
     */
    public static void restart(ConnectRestClient rest, ConnectEndpoint connect, FailedTask failed) {
        if (failed.task() == FailedTask.CONNECTOR) {
            rest.restartConnector(connect, failed.connector());
        } else {
            rest.restartTask(connect, failed.connector(), failed.task());
        }
    }

    private static boolean failed(JsonNode stateOf) {
        return "FAILED".equals(stateOf.path("state").asText());
    }

    /**
     * The first line of Connect's trace, and its root cause when there is one: Connect wraps the
     * error that failed a task ("Unrecoverable exception from producer send callback"), the cause
     * says what happened ("RecordTooLargeException: The message is ... bytes").
     */
    static String firstLine(JsonNode stateOf) {
        String trace = stateOf.path("trace").asText(null);
        if (trace == null) {
            return null;
        }
        List<String> lines = trace.lines().toList();
        String rootCause = null;
        for (String line : lines) {
            if (line.startsWith(CAUSED_BY)) {
                rootCause = line.substring(CAUSED_BY.length());
            }
        }
        String first = lines.isEmpty() ? "" : lines.get(0);
        return rootCause == null ? first : first + " (caused by " + rootCause + ")";
    }

    private static final String CAUSED_BY = "Caused by: ";
}
