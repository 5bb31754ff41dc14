package io.kafkadr.activities.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.drpair.ObservationActivitiesImpl;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.drpair.FailedTask;
import io.kafkadr.workflows.drpair.ReplicationHealth;
import io.kafkadr.workflows.drpair.TaskRestart;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch's side of Connect: which connectors and tasks are FAILED, and restarting only those still failed. */
class WatchRestartTest {

    private static final Direction A_TO_B = new Direction("a", "b");
    private static final String SOURCE = "mm2-test-a-to-b-source";
    private static final String FAILED_TASK_1 = "{\"name\": \"" + SOURCE + "\", \"connector\": {\"state\": \"RUNNING\"},"
            + " \"tasks\": [{\"id\": 0, \"state\": \"RUNNING\"}, {\"id\": 1, \"state\": \"FAILED\", \"trace\":"
            + " \"org.apache.kafka.common.errors.RecordTooLargeException: The message is 1048800 bytes\\n\\tat X.y\"}]}";

    private final MockConnect connect = new MockConnect();
    private final PairConfig pair = TestPairs.plaintext(connect.url());
    private final List<String> raised = List.of("orders on 'b': max.message.bytes 1048588 -> 1048740");
    private final ObservationActivitiesImpl watch = new ObservationActivitiesImpl(null, (KafkaAdmins) null, new ConnectRestClient(new SecretResolver(name -> null)),
            new TargetTopics() {
                @Override
                public List<String> prepare(PairConfig p, Direction d, int replicationFactor) {
                    throw new AssertionError("the watch creates no topic");
                }

                @Override
                public List<String> raiseLimits(PairConfig p, Direction d) {
                    return raised;
                }
            });

    @AfterEach
    void stop() {
        connect.close();
    }

    @Test
    void failedTasksAndAFailedConnectorAreFoundInConnectsStatus() throws Exception {
        List<FailedTask> failed = FailedTasks.in(new ObjectMapper().readTree("{\"name\": \"c\", \"connector\": "
                + "{\"state\": \"FAILED\", \"trace\": \"boom\\nat\"}, \"tasks\": [{\"id\": 0, \"state\": \"RUNNING\"},"
                + " {\"id\": 2, \"state\": \"FAILED\"}, {\"id\": 3, \"state\": \"UNASSIGNED\"}]}"));
        assertEquals(List.of(new FailedTask("c", FailedTask.CONNECTOR, "boom"), new FailedTask("c", 2, null)), failed);
    }

    @Test
    void aTaskFailedByItsProducerSaysWhy() throws Exception {
        List<FailedTask> failed = FailedTasks.in(new ObjectMapper().readTree("{\"name\": \"c\", \"connector\": "
                + "{\"state\": \"RUNNING\"}, \"tasks\": [{\"id\": 0, \"state\": \"FAILED\", \"trace\": "
                + "\"org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from producer send "
                + "callback\\n\\tat X.y(X.java:1)\\nCaused by: org.apache.kafka.common.errors.RecordTooLargeException: "
                + "The message is 1048721 bytes\\n\"}]}"));
        assertEquals("org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from producer send "
                + "callback (caused by org.apache.kafka.common.errors.RecordTooLargeException: The message is 1048721 "
                + "bytes)", failed.get(0).trace());
    }

    @Test
    void checkReplicationListsTheFailedTasksOfTheDirectionsConnectorsAndTheLimitsRaised() throws Exception {
        connect.respond(200, FAILED_TASK_1);
        connect.respond(404, "{\"error_code\": 404, \"message\": \"not found\"}");
        connect.respond(200, "{\"name\": \"mm2-test-a-to-b-heartbeat\", \"connector\": {\"state\": \"RUNNING\"}, \"tasks\": []}");

        ReplicationHealth health = watch.checkReplication(pair, A_TO_B);

        assertEquals(List.of(new FailedTask(SOURCE, 1,
                "org.apache.kafka.common.errors.RecordTooLargeException: The message is 1048800 bytes")), health.failed());
        assertEquals(raised, health.limits());
        assertEquals("/connectors/" + SOURCE + "/status", connect.take().getTarget());
    }

    @Test
    void onlyTasksStillFailedAreRestartedSoARetryRestartsNothingTwice() throws Exception {
        FailedTask task1 = new FailedTask(SOURCE, 1, "RecordTooLargeException");
        FailedTask task0 = new FailedTask(SOURCE, 0, "gone since");
        connect.respond(200, FAILED_TASK_1);
        connect.respond(204, "");

        List<TaskRestart> restarts = watch.restartFailed(pair, A_TO_B, List.of(task0, task1));

        assertEquals(1, restarts.size(), restarts.toString());
        assertEquals(SOURCE, restarts.get(0).connector());
        assertEquals(1, restarts.get(0).task());
        connect.take();
        var restart = connect.take();
        assertEquals("POST", restart.getMethod());
        assertEquals("/connectors/" + SOURCE + "/tasks/1/restart", restart.getTarget());

        connect.respond(200, FAILED_TASK_1.replace("FAILED", "RUNNING"));
        assertEquals(List.of(), watch.restartFailed(pair, A_TO_B, List.of(task1)), "a retry after the restart");
        connect.take();
        assertEquals(3, connect.requestCount());
    }

    @Test
    void aFailedConnectorIsRestartedWithItsFailedTasks() throws Exception {
        connect.respond(200, "{\"name\": \"" + SOURCE + "\", \"connector\": {\"state\": \"FAILED\"}, \"tasks\": []}");
        connect.respond(202, "");

        watch.restartFailed(pair, A_TO_B, List.of(new FailedTask(SOURCE, FailedTask.CONNECTOR, null)));

        connect.take();
        assertEquals("/connectors/" + SOURCE + "/restart?includeTasks=true&onlyFailed=true", connect.take().getTarget());
    }
}
