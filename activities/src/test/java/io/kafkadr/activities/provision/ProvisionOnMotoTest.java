package io.kafkadr.activities.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.aws.AwsEndpoints;
import io.kafkadr.activities.aws.MotoServer;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.IndexedValueType;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairRegistry;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.ProvisionRequest;
import io.kafkadr.workflows.provision.ProvisionResult;
import io.kafkadr.workflows.provision.ProvisionSpecs;
import io.kafkadr.workflows.provision.ProvisionWorkflow;
import io.kafkadr.workflows.provision.ProvisionWorkflowImpl;
import io.kafkadr.workflows.provision.ProvisionedResource;
import io.kafkadr.workflows.provision.Side;
import io.kafkadr.workflows.provision.TeardownRequest;
import io.kafkadr.workflows.provision.TeardownResult;
import io.kafkadr.workflows.provision.TeardownWorkflow;
import io.kafkadr.workflows.provision.TeardownWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporal.activity.ActivityOptions;
import io.kafkadr.workflows.provision.Found;
import io.kafkadr.workflows.provision.Network;
import io.kafkadr.workflows.provision.ProvisionTarget;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * ProvisionWorkflow and TeardownWorkflow with the real activities and the real aws-sdk-java-v2
 * against moto (with the recorded MSK shapes of deploy/local/moto), on Temporal's test server.
 * Counts what moto holds before and after.
 */
@org.junit.jupiter.api.Timeout(240)
class ProvisionOnMotoTest {

    private static MotoServer moto;
    private static AwsClients aws;
    private static AwsProvisionSpec spec;

    @TempDir
    Path pairsDir;
    private TestWorkflowEnvironment env;
    private AwsEndpoints endpoints;
    private PairRegistry pairs;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.withMskShapes();
        aws = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")),
                Optional.of(moto.endpoint()));
        spec = ProvisionSpecs.parseFile(Path.of("..", "pairs", "aws-example.yaml"));
    }

    @AfterAll
    static void stopMoto() {
        aws.close();
        moto.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        moto.reset();
        env = TestWorkflowEnvironment.newInstance();
        DrSearchAttributes.ALL.forEach(key -> env.registerSearchAttribute(key.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        endpoints = new AwsEndpoints(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")), List.of());
        pairs = new PairRegistry(List.of(pairsDir));
    }

    @AfterEach
    void tearDown() {
        env.close();
        endpoints.close();
    }

    private void worker(ProvisionActivitiesImplLike activities) {
        Worker worker = env.newWorker(TaskQueues.KAFKA_DR);
        worker.registerWorkflowImplementationTypes(ProvisionWorkflowImpl.class, TeardownWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities.get());
        env.start();
    }

    /** The activities a worker registers (the real ones, or a wrapper). */
    interface ProvisionActivitiesImplLike {
        Object get();
    }

    private ProvisionResult provision(boolean plan) {
        return env.getWorkflowClient().newWorkflowStub(ProvisionWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.KAFKA_DR).setWorkflowId(ProvisionWorkflow.workflowId(spec.name())).build())
                .provision(new ProvisionRequest(spec, moto.endpoint().toString(), plan));
    }

    private TeardownResult teardown() {
        return env.getWorkflowClient().newWorkflowStub(TeardownWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.KAFKA_DR).setWorkflowId(TeardownWorkflow.workflowId(spec.name())).build())
                .teardown(new TeardownRequest(spec, moto.endpoint().toString()));
    }

    @Test
    void provisionsBothRegionsRegistersThePairAndARerunCreatesNothing() {
        worker(() -> new ProvisionActivitiesImpl(endpoints, pairs));
        ProvisionResult first = provision(false);
        var history = env.getWorkflowClient().fetchHistory(ProvisionWorkflow.workflowId(spec.name())).getHistory();
        System.out.println("provisioning history on moto: " + history.getEventsCount() + " events, "
                + history.getSerializedSize() + " bytes");
        Map<String, Integer> afterFirst = inventory();

        assertEquals(Map.of("ecs-clusters", 2, "ecs-services-active", 2, "kms-keys-enabled", 2, "msk-clusters", 2,
                "peerings-active", 1, "secrets", 2, "security-groups", 2, "subnets", 6, "task-definitions", 2, "vpcs", 2),
                afterFirst);
        PairConfig pair = first.pairConfig();
        assertEquals("SASL_SSL", pair.primaryCluster().securityOrPlaintext().protocol());
        assertEquals("SCRAM-SHA-512", pair.secondaryCluster().securityOrPlaintext().saslMechanism());
        assertTrue(pair.primaryCluster().bootstrapServers().endsWith(".c2.kafka.us-east-1.amazonaws.com:9096"),
                pair.primaryCluster().bootstrapServers());
        assertTrue(pair.secondaryCluster().securityOrPlaintext().secretRef()
                .startsWith("aws-secretsmanager:arn:aws:secretsmanager:us-west-2:"), pair.toString());
        assertEquals("env:KAFKADR_SCRAM", pair.primaryCluster().securityOrPlaintext().connectSecretRef());
        assertEquals(pair, pairs.find("aws-example").orElseThrow(), "the worker serves the provisioned pair");
        assertEquals(0, first.count(ProvisionedResource.REUSED), first.resources().toString());

        ProvisionResult again = provision(false);
        assertEquals(afterFirst, inventory(), "a re-run creates nothing in moto");
        assertEquals(List.of(), again.resources().stream().filter(r -> r.action().equals(ProvisionedResource.CREATED)
                || r.action().equals(ProvisionedResource.UPDATED)).toList());
        assertEquals(pair, again.pairConfig());
    }

    @Test
    void planTouchesNothingAndListsWhatWouldBeCreated() {
        worker(() -> new ProvisionActivitiesImpl(endpoints, pairs));
        ProvisionResult plan = provision(true);
        assertTrue(plan.plan());
        assertNull(plan.pairConfig());
        assertEquals(plan.resources().size(), plan.count(ProvisionedResource.WOULD_CREATE), plan.resources().toString());
        assertTrue(plan.resources().stream().anyMatch(r -> r.kind().equals("msk-cluster") && r.id().equals("aws-example-primary")));
        assertEquals(Map.of(), nonZero(inventory()), "planning created nothing");
        assertTrue(pairs.names().isEmpty());
    }

    @Test
    void teardownDeletesWhatThePairOwnsAndNothingElse() {
        String foreignVpc = aws.ec2("us-east-1").createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
        worker(() -> new ProvisionActivitiesImpl(endpoints, pairs));
        provision(false);
        TeardownResult result = teardown();

        assertEquals(Map.of(), nonZero(inventory()), "nothing owned is left: " + result.resources());
        assertTrue(aws.ec2("us-east-1").describeVpcs(r -> r.vpcIds(foreignVpc)).vpcs().size() == 1,
                "the untagged VPC survives");
        assertTrue(result.resources().stream().allMatch(r -> r.action().equals(ProvisionedResource.DELETED)));
        assertEquals(2, result.resources().stream().filter(r -> r.kind().equals("msk-cluster")).count());
    }

    /**
     * The worker dies right after the secondary's MSK cluster was created, before Temporal heard of
     * it: the attempt neither completes nor heartbeats any more (its worker stops polling, as a
     * killed process would). Temporal times the attempt out on its heartbeat timeout and hands the
     * retry to a new worker, which finds the cluster by name and tags: the account ends with exactly
     * one cluster, one VPC, one secret, one peering per region, and the run completes. The attempt's
     * heartbeat timeout is shortened here to 3 s (production: {@code ProvisionOptions.HEARTBEAT},
     * 90 s) because the test server does not skip time while an activity is outstanding.
     */
    @Test
    void aWorkerKilledBetweenTwoStepsIsResumedByAnotherWithoutDuplicates() throws Exception {
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch processGone = new CountDownLatch(1);
        env.start();
        // no sticky execution: on a Temporal server the dead worker's sticky queue times out after 5 s and
        // the next workflow task goes to any worker; the test server never times a sticky queue out
        WorkerFactory first = WorkerFactory.newInstance(env.getWorkflowClient());
        Worker dying = first.newWorker(TaskQueues.KAFKA_DR, WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
        dying.registerWorkflowImplementationTypes(SHORT_HEARTBEAT, ProvisionWorkflowImpl.class);
        dying.registerActivitiesImplementations(new ProvisionActivitiesImpl(endpoints, pairs) {
            @Override
            public Found mskCluster(ProvisionTarget target, Side side, Network network, String keyArn, boolean plan) {
                Found found = super.mskCluster(target, side, network, keyArn, plan);
                if (side == Side.SECONDARY) {
                    created.countDown();
                    awaitUninterruptibly(processGone); // the process is gone: no result, no heartbeat
                    throw new IllegalStateException("a dead worker reports nothing");
                }
                return found;
            }
        });
        first.start();
        WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(ProvisionWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.KAFKA_DR).setWorkflowId(ProvisionWorkflow.workflowId(spec.name())).build())::provision,
                new ProvisionRequest(spec, moto.endpoint().toString(), false));
        assertTrue(created.await(120, TimeUnit.SECONDS), "the secondary's cluster was never created");
        first.shutdownNow(); // its pollers stop; the stuck attempt (deaf to interrupts) never reports
        assertEquals(2, inventory().get("msk-clusters"), "both clusters exist when the worker dies");

        WorkerFactory second = WorkerFactory.newInstance(env.getWorkflowClient());
        Worker resuming = second.newWorker(TaskQueues.KAFKA_DR);
        resuming.registerWorkflowImplementationTypes(SHORT_HEARTBEAT, ProvisionWorkflowImpl.class);
        resuming.registerActivitiesImplementations(new ProvisionActivitiesImpl(endpoints, pairs));
        second.start();
        try {
            ProvisionResult result = env.getWorkflowClient().newUntypedWorkflowStub(
                    ProvisionWorkflow.workflowId(spec.name())).getResult(90, TimeUnit.SECONDS, ProvisionResult.class);

            Map<String, Integer> left = inventory();
            assertEquals(Map.of("ecs-clusters", 2, "ecs-services-active", 2, "kms-keys-enabled", 2, "msk-clusters", 2,
                    "peerings-active", 1, "secrets", 2, "security-groups", 2, "subnets", 6, "task-definitions", 2,
                    "vpcs", 2), left, "one of each per region, nothing twice");
            assertEquals(List.of("reused"), result.resources().stream().filter(r -> r.kind().equals("msk-cluster")
                    && r.region().equals(spec.secondary().region())).map(ProvisionedResource::action).toList(),
                    "the resumed run found the cluster the dead worker had created");
            assertEquals(spec.name(), result.pairConfig().name());
            List<Integer> retried = env.getWorkflowClient().fetchHistory(ProvisionWorkflow.workflowId(spec.name()))
                    .getHistory().getEventsList().stream().filter(e -> e.hasActivityTaskStartedEventAttributes())
                    .map(e -> e.getActivityTaskStartedEventAttributes().getAttempt()).filter(a -> a > 1).toList();
            assertEquals(List.of(2), retried, "exactly one step ran twice: the lost attempt, retried on the new worker");
        } finally {
            processGone.countDown();
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    /** The heartbeat timeout of MskCluster's attempts, shortened so the lost attempt is noticed in seconds. */
    private static final WorkflowImplementationOptions SHORT_HEARTBEAT = WorkflowImplementationOptions.newBuilder()
            .setActivityOptions(Map.of("MskCluster", ActivityOptions.newBuilder()
                    .setHeartbeatTimeout(Duration.ofSeconds(3)).build()))
            .build();

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // a killed process does not stop politely either
            }
        }
    }

    private Map<String, Integer> inventory() {
        return MotoInventory.of(aws, spec);
    }

    private static Map<String, Integer> nonZero(Map<String, Integer> n) {
        return MotoInventory.nonZero(n);
    }
}
