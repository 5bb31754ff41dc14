package io.kafkadr.activities.connect;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.kafkadr.workflows.replication.ConnectorStatus;
import io.kafkadr.workflows.replication.MirrorConnector;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectActivitiesImplTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Direction A_TO_B = new Direction("a", "b");
    private static final String SOURCE_NAME = "mm2-test-a-to-b-source";

    private final MockConnect connect = new MockConnect();
    private final KafkaClientConfigs clientConfigs = new KafkaClientConfigs(new SecretResolver(name -> null));
    private final ConnectActivitiesImpl activities = new ConnectActivitiesImpl(new ConnectRestClient(),
            new MirrorConnectorConfigs(clientConfigs), new SourceOffsets(new KafkaAdmins(clientConfigs)));
    private PairConfig pair = TestPairs.plaintext(connect.url());

    private final List<TestActivityEnvironment> environments = new ArrayList<>();

    @AfterEach
    void stop() {
        environments.forEach(TestActivityEnvironment::close);
        connect.close();
    }

    @Test
    void parseCountsRunningTasksAndKeepsTheFirstTraceLine() throws IOException {
        ConnectorStatus status = ConnectActivitiesImpl.parse(JSON.readTree("""
                {"name": "mm2-test-a-to-b-source", "type": "source",
                 "connector": {"state": "RUNNING", "worker_id": "w1:8083"},
                 "tasks": [
                   {"id": 0, "state": "RUNNING", "worker_id": "w1:8083"},
                   {"id": 1, "state": "FAILED", "worker_id": "w2:8083",
                    "trace": "org.apache.kafka.connect.errors.ConnectException: topic orders not found\\n\\tat A.b(A.java:1)"},
                   {"id": 2, "state": "RUNNING", "worker_id": "w2:8083"}]}
                """));

        assertEquals(new ConnectorStatus(SOURCE_NAME, "RUNNING", 2, 3, 0,
                "org.apache.kafka.connect.errors.ConnectException: topic orders not found"), status);
    }

    @Test
    void parsePrefersTheConnectorTraceAndAllowsNoTasks() throws IOException {
        ConnectorStatus status = ConnectActivitiesImpl.parse(JSON.readTree("""
                {"name": "x", "connector": {"state": "FAILED", "trace": "java.lang.IllegalStateException: boom\\nmore"},
                 "tasks": []}
                """));

        assertEquals(new ConnectorStatus("x", "FAILED", 0, 0, 0, "java.lang.IllegalStateException: boom"), status);
    }

    @Test
    void deployPutsTheConfigOnTheTargetsConnectAndReturnsItsStatus() throws Exception {
        connect.respond(201, "{\"name\":\"" + SOURCE_NAME + "\",\"config\":{},\"tasks\":[]}");
        connect.respond(200, "{\"name\":\"" + SOURCE_NAME + "\",\"connector\":{\"state\":\"RUNNING\"},"
                + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"}]}");

        ConnectorStatus status = deploy();

        assertEquals(new ConnectorStatus(SOURCE_NAME, "RUNNING", 1, 1, 0, null), status);
        RecordedRequest put = connect.take();
        assertEquals("PUT", put.getMethod());
        assertEquals("/connectors/" + SOURCE_NAME + "/config", put.getTarget());
        JsonNode config = JSON.readTree(put.getBody().utf8());
        assertEquals(MirrorConnector.SOURCE.connectorClass(), config.path("connector.class").asText());
        assertEquals("/connectors/" + SOURCE_NAME + "/status", connect.take().getTarget());
    }

    @Test
    void deployResumesAConnectorAnUnplannedFailoverStopped() throws Exception {
        connect.respond(200, "{\"name\":\"" + SOURCE_NAME + "\",\"config\":{},\"tasks\":[]}");
        connect.respond(200, "{\"name\":\"" + SOURCE_NAME + "\",\"connector\":{\"state\":\"STOPPED\"},\"tasks\":[]}");
        connect.respond(202, "");
        connect.respond(200, "{\"name\":\"" + SOURCE_NAME + "\",\"connector\":{\"state\":\"RUNNING\"},"
                + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"}]}");

        assertEquals("RUNNING", deploy().state());
        connect.take();
        connect.take();
        RecordedRequest resume = connect.take();
        assertEquals("PUT", resume.getMethod());
        assertEquals("/connectors/" + SOURCE_NAME + "/resume", resume.getTarget());
    }

    @Test
    void deployReportsAConnectorConnectDoesNotKnowYet() {
        connect.respond(201, "");
        connect.respond(404, "{\"error_code\":404,\"message\":\"No status found\"}");

        assertEquals("NOT_FOUND", deploy().state());
    }

    @Test
    void rejectedConfigIsANonRetryableBadInput() {
        connect.respond(400, "{\"error_code\":400,\"message\":\"Connector configuration is invalid\"}");

        ApplicationFailure failure = deployFails();

        assertTrue(failure.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertContains(failure.getOriginalMessage(), "Connector configuration is invalid");
    }

    @Test
    void rebalanceIsARetryableFailure() {
        connect.respond(409, "{\"error_code\":409,\"message\":\"rebalance in progress\"}");

        ApplicationFailure failure = deployFails();

        assertFalse(failure.isNonRetryable());
        assertEquals(ActivityFailures.NOT_READY, failure.getType());
        assertContains(failure.getOriginalMessage(), "rebalancing");
    }

    @Test
    void unreachableConnectIsARetryableUnreachableFailure() throws IOException {
        pair = TestPairs.plaintext(MockConnect.deadUrl());

        ApplicationFailure failure = deployFails();

        assertFalse(failure.isNonRetryable());
        assertEquals(ActivityFailures.UNREACHABLE, failure.getType());
    }

    @Test
    void unresolvableSecretIsABadInputAndNothingIsSent() {
        pair = TestPairs.pair(
                TestPairs.cluster("a", TestPairs.PRIMARY_BOOTSTRAP, "http://127.0.0.1:1",
                        new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "env:KAFKA_DR_TEST_CREDS")),
                TestPairs.cluster("b", TestPairs.SECONDARY_BOOTSTRAP, connect.url(), null),
                TestPairs.names("orders"), ReplicationSettings.defaults());

        ApplicationFailure failure = deployFails();

        assertTrue(failure.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertContains(failure.getOriginalMessage(), "KAFKA_DR_TEST_CREDS");
        assertEquals(0, connect.requestCount());
    }

    @Test
    void replicatedOffsetsKeepTheSourceClustersPartitionsInOrder() {
        connect.respond(200, """
                {"offsets": [
                  {"partition": {"cluster": "a", "topic": "payments", "partition": 0}, "offset": {"offset": 7}},
                  {"partition": {"cluster": "a", "topic": "orders", "partition": 1}, "offset": {"offset": 12}},
                  {"partition": {"cluster": "b", "topic": "orders", "partition": 0}, "offset": {"offset": 99}},
                  {"partition": {"cluster": "a", "topic": "orders", "partition": 0}, "offset": {"offset": 10}}]}
                """);

        assertEquals(List.of(new PartitionOffset("orders", 0, 10), new PartitionOffset("orders", 1, 12),
                new PartitionOffset("payments", 0, 7)), activities.replicatedOffsets(pair, A_TO_B));
    }

    @Test
    void awaitRunningRestartsAFailedConnectorUntilItRuns() throws Exception {
        connect.respond(200, failed());
        connect.respond(204, "");
        connect.respond(200, running());

        List<ConnectorStatus> statuses = inActivity().awaitRunning(pair, A_TO_B, List.of(SOURCE_NAME));

        assertEquals(List.of(new ConnectorStatus(SOURCE_NAME, "RUNNING", 1, 1, 1, null)), statuses);
        connect.take();
        RecordedRequest restart = connect.take();
        assertEquals("POST", restart.getMethod());
        assertEquals("/connectors/" + SOURCE_NAME + "/restart?includeTasks=true&onlyFailed=true", restart.getTarget());
    }

    @Test
    void awaitRunningGivesUpForGoodOnAConnectorThatKeepsFailing() {
        for (int i = 0; i <= ConnectActivitiesImpl.MAX_RESTARTS_PER_CONNECTOR; i++) {
            connect.respond(200, failed());
            connect.respond(204, "");
        }

        ActivityFailure failure = assertThrows(ActivityFailure.class,
                () -> inActivity().awaitRunning(pair, A_TO_B, List.of(SOURCE_NAME)));

        ApplicationFailure cause = (ApplicationFailure) failure.getCause();
        assertTrue(cause.isNonRetryable());
        assertContains(cause.getOriginalMessage(), "not all RUNNING after "
                + (ConnectActivitiesImpl.MAX_RESTARTS_PER_CONNECTOR + 1) + " restarts");
        assertContains(cause.getOriginalMessage(), "topic orders not found");
    }

    private ConnectActivities inActivity() {
        TestActivityEnvironment env = TestActivityEnvironment.newInstance();
        environments.add(env);
        env.registerActivitiesImplementations(activities);
        return env.newActivityStub(ConnectActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
    }

    private static String failed() {
        return "{\"name\":\"" + SOURCE_NAME + "\",\"connector\":{\"state\":\"FAILED\","
                + "\"trace\":\"org.apache.kafka.connect.errors.ConnectException: topic orders not found\"},\"tasks\":[]}";
    }

    private static String running() {
        return "{\"name\":\"" + SOURCE_NAME + "\",\"connector\":{\"state\":\"RUNNING\"},"
                + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"}]}";
    }

    private ConnectorStatus deploy() {
        return activities.deployConnector(pair, A_TO_B, MirrorConnector.SOURCE, 2, 1);
    }

    private ApplicationFailure deployFails() {
        return assertThrows(ApplicationFailure.class, this::deploy);
    }
}
