package io.kafkadr.workflows.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.testing.FakeClientActivities;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakeHandOverActivities;
import io.kafkadr.workflows.testing.FakePairActivities;
import io.kafkadr.workflows.testing.Failures;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operation may run or reach is the worker's: a workflow input names a pair the worker
 * serves and may only narrow it. An inline command, secret reference or endpoint is refused at
 * once, non-retryable, naming the field and how to register the pair, before anything runs.
 */
class TrustBoundaryTest {

    /** The pair the worker serves: one group and one producer, each with its registered binding. */
    private static final PairConfig REGISTERED = Pairs.builder().groups("g1").producers("p1").build();

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakeClientActivities clients = new FakeClientActivities();
    private WorkflowTestEnv env;

    @BeforeEach
    void startEnvironment() {
        Figures.healthy(cluster, connect);
        env = WorkflowTestEnv.start(FakePairActivities.serving(REGISTERED), cluster, connect, clients,
                new FakeHandOverActivities());
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    @Test
    void anInlineCommandIsRefusedBeforeAnythingRuns() {
        PairConfig withCommand = REGISTERED.withClients(REGISTERED.consumerGroups(), List.of(new ProducerConfig("p1",
                ClientBinding.process(List.of("touch", "/tmp/owned"), List.of("true")))));

        ApplicationFailure refusal = refusedFailover(withCommand);

        assertTrue(refusal.getOriginalMessage().contains("producer p1 binding.commands.stop: [touch, /tmp/owned] "
                + "instead of the registered (none)"), refusal.getOriginalMessage());
        assertEquals(0, clients.calls().size(), "a binding ran: " + clients.calls());
        assertEquals(0, cluster.calls().size(), "a cluster was reached: " + cluster.calls());
    }

    @Test
    void anInlineSecretReferenceIsRefused() {
        PairConfig withSecret = withPrimary(new ClusterConfig(Pairs.PRIMARY, "127.0.0.1:19092", "region-primary",
                "http://127.0.0.1:8084", new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "file:/etc/shadow", "file:/etc/shadow.properties", null, null)));

        ApplicationFailure refusal = refusedFailover(withSecret);

        assertTrue(refusal.getOriginalMessage().contains("clusters[primary].security.secretRef: 'file:/etc/shadow' "
                + "instead of the registered (none)"), refusal.getOriginalMessage());
    }

    @Test
    void anInlineEndpointIsRefused() {
        PairConfig elsewhere = withPrimary(Pairs.cluster(Pairs.PRIMARY, "attacker.example:9092", "http://127.0.0.1:8084"));

        ApplicationFailure refusal = refusedFailover(elsewhere);

        assertTrue(refusal.getOriginalMessage().contains("clusters[primary].bootstrapServers: 'attacker.example:9092' "
                + "instead of the registered '127.0.0.1:19092'"), refusal.getOriginalMessage());
        assertEquals(0, cluster.calls().size(), "a cluster was reached: " + cluster.calls());
    }

    @Test
    void aNarrowedPairRuns() {
        PairConfig narrowed = REGISTERED.withClients(List.of(), REGISTERED.producers());

        VerificationReport report = env.newWorkflow(VerifyReplicationWorkflow.class, "verify/narrowed")
                .verify(new io.kafkadr.workflows.verify.VerifyRequest(narrowed, null, null));

        assertTrue(report.passed(), report.toString());
    }

    @Test
    void aPairNamedInTheInputIsTheRegisteredOne() {
        WorkflowStub verify = env.client().newUntypedWorkflowStub("VerifyReplicationWorkflow", WorkflowOptions.newBuilder()
                .setTaskQueue(WorkflowTestEnv.TASK_QUEUE).setWorkflowId("verify/by-name").build());
        verify.start(Map.of("pair", Pairs.NAME));

        VerificationReport report = verify.getResult(VerificationReport.class);

        assertTrue(report.passed(), report.toString());
        assertEquals(Pairs.NAME, report.pair());
    }

    @Test
    void aPairTheWorkerDoesNotServeIsRefused() {
        WorkflowStub verify = env.client().newUntypedWorkflowStub("VerifyReplicationWorkflow", WorkflowOptions.newBuilder()
                .setTaskQueue(WorkflowTestEnv.TASK_QUEUE).setWorkflowId("verify/unknown").build());
        verify.start(Map.of("pair", "elsewhere"));

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> verify.getResult(VerificationReport.class));

        ApplicationFailure refusal = Failures.rootApplicationFailure(failed);
        assertEquals(ActivityFailures.NOT_SERVED, refusal.getType());
        assertTrue(refusal.getOriginalMessage().contains("pair 'elsewhere' is not served"), refusal.getOriginalMessage());
    }

    private static PairConfig withPrimary(ClusterConfig primary) {
        return new PairConfig(REGISTERED.name(), REGISTERED.primary(), REGISTERED.secondary(),
                List.of(primary, REGISTERED.secondaryCluster()), REGISTERED.topics(), REGISTERED.consumerGroups(),
                REGISTERED.producers(), REGISTERED.replication(), REGISTERED.thresholds(),
                REGISTERED.failoverRequiresApproval(), REGISTERED.failover(), REGISTERED.objectives(), REGISTERED.drill());
    }

    private ApplicationFailure refusedFailover(PairConfig inline) {
        FailoverWorkflow failover = env.newWorkflow(FailoverWorkflow.class, "failover/inline");
        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> failover.failover(
                new FailoverRequest(inline, null, FailoverRequest.PLANNED, "test", null, null, false)));
        ApplicationFailure refusal = Failures.rootApplicationFailure(failed);
        assertEquals(ActivityFailures.NOT_SERVED, refusal.getType());
        assertTrue(refusal.isNonRetryable());
        assertTrue(refusal.getOriginalMessage().contains("drctl pair register <file>"), refusal.getOriginalMessage());
        return refusal;
    }
}
