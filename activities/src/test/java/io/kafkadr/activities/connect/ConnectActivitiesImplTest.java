package io.kafkadr.activities.connect;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.provenance.CopiedOffsets;
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
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
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
    /** Target topics prepared, as "<direction> rf <factor>", in call order (the real ones need Kafka: e2e). */
    private final List<String> prepared = new ArrayList<>();
    private final TargetTopics targets = new TargetTopics() {
        @Override
        public List<String> prepare(PairConfig pair, Direction direction, int replicationFactor) {
            prepared.add(direction + " rf " + replicationFactor + " before request " + connect.requestCount());
            return List.of();
        }

        @Override
        public List<String> raiseLimits(PairConfig pair, Direction direction) {
            return List.of();
        }
    };
    private final KafkaAdmins admins = new KafkaAdmins(clientConfigs);
    private final ConnectActivitiesImpl activities = new ConnectActivitiesImpl(new ConnectRestClient(new SecretResolver(name -> null)),
            new MirrorConnectorConfigs(clientConfigs), new SourceOffsets(admins), targets, new CopiedOffsets(admins));
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
        assertEquals(List.of(A_TO_B + " rf 1 before request 0"), prepared,
                "the target topics get room for the headers before MM2 starts copying");
    }

    @Test
    void onlyTheSourceConnectorPreparesTheTargetTopics() {
        connect.respond(201, "");
        connect.respond(404, "{\"error_code\":404,\"message\":\"No status found\"}");

        activities.deployConnector(pair, A_TO_B, MirrorConnector.CHECKPOINT, 2, 1);

        assertEquals(List.of(), prepared);
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
    void aSecretTheConnectWorkersCannotReferenceIsABadInputAndNothingIsSent() {
        pair = TestPairs.pair(
                TestPairs.cluster("a", TestPairs.PRIMARY_BOOTSTRAP, "http://127.0.0.1:1",
                        new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "env:KAFKA_DR_TEST_CREDS", null, null, null)),
                TestPairs.cluster("b", TestPairs.SECONDARY_BOOTSTRAP, connect.url(), null),
                TestPairs.names("orders"), ReplicationSettings.defaults());

        ApplicationFailure failure = deployFails();

        assertTrue(failure.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertContains(failure.getOriginalMessage(), "cluster 'a': security.connectSecretRef is missing");
        assertEquals(0, connect.requestCount());
    }

    @Test
    void withoutProvenanceReplicatedOffsetsAreMm2sCommittedOnesKeepingTheSourceClustersPartitionsInOrder() {
        pair = TestPairs.pair(pair.cluster("a"), pair.cluster("b"), pair.topics(), new ReplicationSettings(null, 0, 0, 0,
                0, 0, false));
        connect.respond(200, """
                {"offsets": [
                  {"partition": {"cluster": "a", "topic": "payments", "partition": 0}, "offset": {"offset": 7}},
                  {"partition": {"cluster": "a", "topic": "orders", "partition": 1}, "offset": {"offset": 12}},
                  {"partition": {"cluster": "b", "topic": "orders", "partition": 0}, "offset": {"offset": 99}},
                  {"partition": {"cluster": "a", "topic": "orders", "partition": 0}, "offset": {"offset": 10}}]}
                """);

        CopiedOffsets.Copied copied = activities.copied(pair, A_TO_B);

        assertEquals(List.of(new PartitionOffset("orders", 0, 10), new PartitionOffset("orders", 1, 12),
                new PartitionOffset("payments", 0, 7)), copied.offsets());
        assertEquals(CopiedOffsets.MM2_OFFSETS, copied.basis(), "and says so");
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

    /** deploySourceFrom from the beginning, as the call with start token {@code token}. */
    private ConnectorStatus deploySourceFrom(String token) {
        return new ConnectActivitiesImpl(new ConnectRestClient(new SecretResolver(name -> null)), new MirrorConnectorConfigs(clientConfigs),
                new SourceOffsets(admins), targets, new CopiedOffsets(admins), () -> token)
                .deploySourceFrom(pair, A_TO_B, 2, 1, ReplicationSetupRequest.BEGINNING, null);
    }

    private static String configWithToken(String token) {
        return "{\"connector.class\":\"" + MirrorConnector.SOURCE.connectorClass() + "\",\""
                + ConnectActivitiesImpl.START_TOKEN + "\":\"" + token + "\"}";
    }

    /** Every request the mock Connect received, in order. */
    private List<RecordedRequest> taken() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = connect.requestCount(); i > 0; i--) {
            requests.add(connect.take());
        }
        return requests;
    }

    private static List<String> described(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.getMethod() + " " + r.getTarget()).toList();
    }

    private List<String> requests() throws InterruptedException {
        return described(taken());
    }

    @Test
    void deploySourceFromPositionsTheOffsetsOfAStoppedConnectorThenMarksAndResumesIt() throws Exception {
        connect.respond(404, "{\"error_code\":404,\"message\":\"No status found\"}");
        connect.respond(201, "");
        connect.respond(200, stopped());
        connect.respond(200, "{\"message\":\"The offsets for this connector have been reset successfully\"}");
        connect.respond(200, "");
        connect.respond(202, "");
        connect.respond(200, running());

        assertEquals("RUNNING", deploySourceFrom("call-1").state());

        String connector = "/connectors/" + SOURCE_NAME;
        List<RecordedRequest> sent = taken();
        assertEquals(List.of("GET " + connector + "/status", "POST /connectors", "GET " + connector + "/status",
                "DELETE " + connector + "/offsets", "PUT " + connector + "/config", "PUT " + connector + "/resume",
                "GET " + connector + "/status"), described(sent));
        assertTrue(JSON.readTree(sent.get(1).getBody().utf8()).path("config").path(ConnectActivitiesImpl.START_TOKEN)
                .isMissingNode(), "created without the mark: its offsets are not positioned yet");
        assertEquals("call-1", JSON.readTree(sent.get(4).getBody().utf8()).path(ConnectActivitiesImpl.START_TOKEN).asText(),
                "marked once the offsets are set, before it runs");
    }

    @Test
    void aRetriedDeploySourceFromLeavesTheOffsetsOfTheConnectorItPositionedAlone() throws Exception {
        connect.respond(200, running());
        connect.respond(200, configWithToken("call-1"));
        connect.respond(200, running());

        assertEquals("RUNNING", deploySourceFrom("call-1").state());

        String connector = "/connectors/" + SOURCE_NAME;
        assertEquals(List.of("GET " + connector + "/status", "GET " + connector + "/config", "GET " + connector + "/status"),
                requests(), "no stop, no offset reset: what MM2 copied since is not copied twice");
    }

    @Test
    void aRetryAfterTheMarkButBeforeTheResumeOnlyResumes() throws Exception {
        connect.respond(200, stopped());
        connect.respond(200, configWithToken("call-1"));
        connect.respond(202, "");
        connect.respond(200, running());

        assertEquals("RUNNING", deploySourceFrom("call-1").state());

        String connector = "/connectors/" + SOURCE_NAME;
        assertEquals(List.of("GET " + connector + "/status", "GET " + connector + "/config",
                "PUT " + connector + "/resume", "GET " + connector + "/status"), requests());
    }

    @Test
    void anotherCallRepositionsAConnectorAnEarlierCallMarked() throws Exception {
        connect.respond(200, running());
        connect.respond(200, configWithToken("call-0"));
        connect.respond(204, "");
        connect.respond(200, "");
        connect.respond(200, stopped());
        connect.respond(200, "");
        connect.respond(200, "");
        connect.respond(202, "");
        connect.respond(200, running());

        assertEquals("RUNNING", deploySourceFrom("call-1").state());

        String connector = "/connectors/" + SOURCE_NAME;
        assertEquals(List.of("GET " + connector + "/status", "GET " + connector + "/config", "PUT " + connector + "/stop",
                "PUT " + connector + "/config", "GET " + connector + "/status", "DELETE " + connector + "/offsets",
                "PUT " + connector + "/config", "PUT " + connector + "/resume", "GET " + connector + "/status"), requests());
    }

    @Test
    void theStartTokenOfAnActivityCallNamesItsRunAndActivity() throws Exception {
        connect.respond(404, "");
        connect.respond(201, "");
        connect.respond(200, stopped());
        connect.respond(200, "");
        connect.respond(200, "");
        connect.respond(202, "");
        connect.respond(200, running());

        inActivity().deploySourceFrom(pair, A_TO_B, 2, 1, ReplicationSetupRequest.BEGINNING, null);

        String token = JSON.readTree(taken().get(4).getBody().utf8()).path(ConnectActivitiesImpl.START_TOKEN).asText();
        assertTrue(token.contains("@") && token.contains("#"), token);
    }

    private static String stopped() {
        return "{\"name\":\"" + SOURCE_NAME + "\",\"connector\":{\"state\":\"STOPPED\"},\"tasks\":[]}";
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
