package io.kafkadr.workflows.common;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkadr.workflows.failback.FailbackWorkflow;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflow;
import io.kafkadr.workflows.testing.Failures;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakePairActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.kafkadr.workflows.verify.VerifyRequest;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inputs typed by hand ({@code temporal workflow start --type ... --input '...'}), sent here as
 * raw JSON: one that does not fit fails the run at once, naming the field; none loops on its
 * first workflow task.
 */
class WorkflowInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The workflows an operator starts; their children are started with the same inputs. */
    private static final List<Class<?>> OPERATOR_WORKFLOWS = List.of(ReplicationSetupWorkflow.class,
            VerifyReplicationWorkflow.class, FailoverWorkflow.class, FailbackWorkflow.class,
            io.kafkadr.workflows.drill.DrillWorkflow.class, io.kafkadr.workflows.operation.GroupMoveWorkflow.class);

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private WorkflowTestEnv env;

    @BeforeEach
    void start() {
        env = WorkflowTestEnv.start(cluster, connect, new FakePairActivities(Pairs.pair()));
        Figures.healthy(cluster, connect);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private WorkflowStub startRaw(String workflowType, String workflowId, String json) throws Exception {
        WorkflowStub stub = env.client().newUntypedWorkflowStub(workflowType, WorkflowOptions.newBuilder()
                .setTaskQueue(WorkflowTestEnv.TASK_QUEUE).setWorkflowId(workflowId)
                .setWorkflowExecutionTimeout(Duration.ofHours(1)).build());
        // as `temporal workflow start --input` sends it: the bytes typed, not re-encoded by a client
        stub.start(new RawValue(Payload.newBuilder()
                .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(json)).build()));
        return stub;
    }

    /** Starts the run with {@code json}, asserts it failed (not looping) and returns the failure. */
    private ApplicationFailure rejected(String workflowType, String json) throws Exception {
        String id = "bad-input/" + workflowType;
        WorkflowStub stub = startRaw(workflowType, id, json);

        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class,
                () -> stub.getResult(JsonNode.class));

        ApplicationFailure failure = Failures.rootApplicationFailure(thrown);
        assertTrue(failure.isNonRetryable(), "non-retryable: " + failure);
        assertEquals(WorkflowInputConverter.BAD_INPUT, failure.getType());
        assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, env.history(id).getLastEvent().getEventType());
        assertTrue(env.history(id).getEvents().stream()
                        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
                "the run failed in its first workflow task, which itself completed");
        return failure;
    }

    private static void assertMessage(ApplicationFailure failure, String expected) {
        assertTrue(failure.getOriginalMessage().startsWith(expected),
                () -> "expected '" + expected + "' in: " + failure.getOriginalMessage());
    }

    @Test
    void aFailoverWhosePairIsANumberFailsNamingTheField() throws Exception {
        assertMessage(rejected("FailoverWorkflow", "{\"pair\": 42, \"mode\": \"planned\"}"),
                "input field \"pair\": expected the name of a pair the worker serves, or an object (the pair config, which may "
                        + "only narrow it), got a number");
    }

    @Test
    void aFailbackWithAMisspeltFieldFailsListingTheKnownOnes() throws Exception {
        assertMessage(rejected("FailbackWorkflow", "{\"pairFile\": \"pairs/test.yaml\", \"reasn\": \"drill\"}"),
                "unknown input field \"reasn\" (known: pair, pairFile, reason, requireApproval)");
    }

    @Test
    void aReplicationSetupWithADirectionAsTextFailsSayingWhatADirectionIs() throws Exception {
        assertMessage(rejected("ReplicationSetupWorkflow",
                        "{\"pairFile\": \"pairs/test.yaml\", \"direction\": \"primary -> secondary\"}"),
                "input field \"direction\": expected an object {\"source\": <alias>, \"target\": <alias>}, got a string");
    }

    @Test
    void aVerificationWithAMisspeltKeyInsideTheInlinePairFailsWithItsPath() throws Exception {
        JsonNode pair = JSON.valueToTree(Pairs.pair());
        ((ObjectNode) pair.get("thresholds")).put("maxLagRecord", 5);

        ApplicationFailure failure = rejected("VerifyReplicationWorkflow", "{\"pair\": " + pair + "}");

        assertMessage(failure, "unknown input field \"pair.thresholds.maxLagRecord\" (known: ");
        assertTrue(failure.getOriginalMessage().contains("maxLagRecords"), failure::getOriginalMessage);
    }

    @Test
    void aFieldTypedTwiceFailsInsteadOfTheLastOneWinning() throws Exception {
        assertMessage(rejected("FailoverWorkflow", "{\"pairFile\": \"pairs/test.yaml\", \"mode\": \"planned\", "
                + "\"mode\": \"unplanned\", \"force\": true}"), "input field \"mode\" is given twice");
    }

    @Test
    void aQuotedBooleanFailsNamingTheField() throws Exception {
        assertMessage(rejected("FailbackWorkflow", "{\"pairFile\": \"pairs/test.yaml\", \"requireApproval\": \"false\"}"),
                "input field \"requireApproval\": expected true or false, got a string (\"false\")");
    }

    @Test
    void aSecondObjectAfterTheInputFails() throws Exception {
        assertMessage(rejected("VerifyReplicationWorkflow", "{\"pairFile\": \"pairs/test.yaml\"} {\"pairFile\": \"x\"}"),
                "there is more after the end of the input");
    }

    @Test
    void anInputThatIsNotAnObjectFails() throws Exception {
        assertMessage(rejected("FailoverWorkflow", "[\"pairs/test.yaml\"]"),
                "the input must be an object with the fields pair, pairFile, mode, reason, incidentId, "
                        + "requireApproval, force, got a list");
    }

    @Test
    void everyOperationAnOperatorStartsReadsItsInputStrictly() {
        for (Class<?> workflow : OPERATOR_WORKFLOWS) {
            for (Method method : workflow.getMethods()) {
                if (method.isAnnotationPresent(WorkflowMethod.class)) {
                    for (Class<?> input : method.getParameterTypes()) {
                        assertTrue(input.isAnnotationPresent(WorkflowInput.class),
                                () -> input.getSimpleName() + " of " + workflow.getSimpleName() + " lacks @WorkflowInput");
                    }
                }
            }
        }
    }

    /**
     * Runs in flight when a worker with the strict reader is deployed must still read their input:
     * every recorded run's own input and every input it gave a child, by the strict rules.
     */
    @Test
    void theInputsOfRecordedHistoriesAreAccepted() throws Exception {
        Map<String, Class<?>> inputs = new java.util.HashMap<>();
        for (Class<?> workflow : OPERATOR_WORKFLOWS) {
            for (Method method : workflow.getMethods()) {
                if (method.isAnnotationPresent(WorkflowMethod.class)) {
                    inputs.put(workflow.getSimpleName(), method.getParameterTypes()[0]);
                }
            }
        }
        int read = 0;
        String[] files = new java.io.File(getClass().getResource("/histories").toURI()).list((d, n) -> n.endsWith(".json"));
        for (String file : files) {
            String json = new String(getClass().getResourceAsStream("/histories/" + file).readAllBytes(), UTF_8);
            for (var event : WorkflowExecutionHistory.fromJson(json).getEvents()) {
                String type;
                io.temporal.api.common.v1.Payloads payloads;
                if (event.hasWorkflowExecutionStartedEventAttributes()) {
                    type = event.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
                    payloads = event.getWorkflowExecutionStartedEventAttributes().getInput();
                } else if (event.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                    type = event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowType().getName();
                    payloads = event.getStartChildWorkflowExecutionInitiatedEventAttributes().getInput();
                } else {
                    continue;
                }
                Class<?> input = inputs.get(type);
                if (input != null && input.isAnnotationPresent(WorkflowInput.class)) {
                    String where = file + " event " + event.getEventId() + " (" + type + ")";
                    assertNotNull(StrictInput.read(payloads.getPayloads(0).getData().toByteArray(), input), where);
                    read++;
                }
            }
        }
        assertTrue(read >= files.length, "read " + read + " inputs from " + files.length + " histories");
    }

    @Test
    void aValidInputTypedByHandStillRuns() throws Exception {
        WorkflowStub stub = startRaw("VerifyReplicationWorkflow", "good-input",
                "{\"pairFile\": \"pairs/test.yaml\", \"direction\": {\"source\": \"primary\", \"target\": \"secondary\"}}");

        assertTrue(stub.getResult(VerificationReport.class).passed());
    }
}
