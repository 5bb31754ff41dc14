package io.kafkadr.worker;

import io.kafkadr.activities.aws.AwsEndpoints;
import io.kafkadr.activities.canary.CanaryActivitiesImpl;
import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.clients.BindingRegistry;
import io.kafkadr.activities.clients.CanaryBinding;
import io.kafkadr.activities.provision.ProvisionActivitiesImpl;
import io.kafkadr.workflows.provision.ProvisionWorkflowImpl;
import io.kafkadr.workflows.provision.TeardownWorkflowImpl;
import io.kafkadr.activities.clients.ClientActivitiesImpl;
import io.kafkadr.activities.clients.EcsBinding;
import io.kafkadr.activities.clients.HttpBinding;
import io.kafkadr.activities.clients.ProcessBinding;
import io.kafkadr.activities.cluster.CheckpointReaders;
import io.kafkadr.activities.cluster.ClusterActivitiesImpl;
import io.kafkadr.activities.connect.KafkaTargetTopics;
import io.kafkadr.activities.drpair.ObservationActivitiesImpl;
import io.kafkadr.activities.failback.FailbackActivitiesImpl;
import io.kafkadr.activities.drpair.PairLockActivitiesImpl;
import io.kafkadr.activities.handover.HandOverActivitiesImpl;
import io.kafkadr.workflows.drill.DrillWorkflowImpl;
import io.kafkadr.workflows.drpair.DrPairWorkflowImpl;
import io.kafkadr.workflows.failback.FailbackWorkflowImpl;
import io.kafkadr.workflows.failover.FailoverWorkflowImpl;
import io.kafkadr.workflows.operation.GroupMoveWorkflowImpl;
import okhttp3.OkHttpClient;
import io.kafkadr.activities.connect.ConnectActivitiesImpl;
import io.kafkadr.activities.provenance.CopiedOffsets;
import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.connect.MirrorConnectorConfigs;
import io.kafkadr.activities.connect.SourceOffsets;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.kafka.TopicReader;
import io.kafkadr.activities.pair.PairActivitiesImpl;
import io.kafkadr.activities.pair.ServedPairs;
import io.kafkadr.activities.pair.ServedPairsInterceptor;
import io.kafkadr.workflows.pair.PairRegistry;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflowImpl;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import io.kafkadr.worker.metrics.PairCollector;
import io.micrometer.core.instrument.MeterRegistry;

/** Builds the adapters and registers every workflow and activity on the task queue. */
public final class KafkaDrWorker implements AutoCloseable {

    private final WorkerFactory factory;
    private final KafkaAdmins admins;
    private final PairRegistry pairs;
    private final WorkflowClient client;
    private final ConnectRestClient connectRest;
    /** AWS clients (default credential chain), built on first use: the ecs binding's. */
    private final AwsClients aws = new AwsClients();
    /** AWS, loopback emulators and the endpoints listed by --aws-endpoint-url or KAFKADR_AWS_ENDPOINT_URLS (provisioning's endpoint rule). */
    private final AwsEndpoints awsEndpoints;

    /**
     * @param client a client whose data converter reads workflow inputs strictly (built by
     *               {@code TemporalConnection} on {@link io.kafkadr.workflows.common.WorkflowInputConverter}),
     *               so that an input that does not fit fails the run at once instead of retrying
     *               its first workflow task forever
     * @param pairs  the pairs this worker serves: every activity's pair and client bindings are
     *               checked against them ({@link ServedPairsInterceptor})
     */
    public KafkaDrWorker(WorkflowClient client, String taskQueue, Path baseDir, PairRegistry pairs) {
        this(client, taskQueue, baseDir, pairs, List.of());
    }

    /** @param awsEndpointUrls endpoints besides AWS and loopback that provisioning inputs may name ({@code --aws-endpoint-url}) */
    public KafkaDrWorker(WorkflowClient client, String taskQueue, Path baseDir, PairRegistry pairs,
                         List<java.net.URI> awsEndpointUrls) {
        this.awsEndpoints = AwsEndpoints.configured(awsEndpointUrls);
        SecretResolver secrets = new SecretResolver();
        KafkaClientConfigs clientConfigs = new KafkaClientConfigs(secrets);
        this.admins = new KafkaAdmins(clientConfigs);
        this.pairs = pairs;
        this.client = client;
        ServedPairs served = new ServedPairs(pairs);
        this.factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new ServedPairsInterceptor(served)).build());
        Worker worker = factory.newWorker(taskQueue);
        worker.registerWorkflowImplementationTypes(
                DrPairWorkflowImpl.class,
                ReplicationSetupWorkflowImpl.class,
                VerifyReplicationWorkflowImpl.class,
                FailoverWorkflowImpl.class,
                FailbackWorkflowImpl.class,
                GroupMoveWorkflowImpl.class,
                DrillWorkflowImpl.class,
                ProvisionWorkflowImpl.class,
                TeardownWorkflowImpl.class);
        // one incremental reader per MM2 checkpoints topic, shared by verification and hand-overs
        CheckpointReaders checkpoints = new CheckpointReaders(admins);
        ClusterActivitiesImpl cluster = new ClusterActivitiesImpl(admins, new TopicReader(clientConfigs), checkpoints);
        this.connectRest = new ConnectRestClient(secrets);
        KafkaTargetTopics targets = new KafkaTargetTopics(admins);
        ConnectActivitiesImpl connect = new ConnectActivitiesImpl(connectRest,
                new MirrorConnectorConfigs(clientConfigs), new SourceOffsets(admins), targets, new CopiedOffsets(admins));
        worker.registerActivitiesImplementations(
                new PairActivitiesImpl(baseDir, served),
                cluster,
                connect,
                new PairLockActivitiesImpl(client, taskQueue),
                new ObservationActivitiesImpl(cluster, admins, connectRest, targets),
                new ClientActivitiesImpl(bindings(baseDir, aws), admins),
                new HandOverActivitiesImpl(admins, cluster, connect, checkpoints),
                new FailbackActivitiesImpl(admins, cluster),
                new CanaryActivitiesImpl(admins),
                new ProvisionActivitiesImpl(awsEndpoints, pairs));
    }

    /** The client binding types this worker runs: one plug-in each. */
    static BindingRegistry bindings(Path baseDir, AwsClients aws) {
        return new BindingRegistry(List.of(new ProcessBinding(baseDir), new HttpBinding(new OkHttpClient()),
                new EcsBinding(aws), new CanaryBinding()));
    }

    public List<Path> pairsFolders() {
        return pairs.folders();
    }

    /**
     * The collector of the pairs' metrics (lag, MM2 states, pair state), on this worker's Kafka
     * admins and Connect client (the same security and secrets as the activities); the caller
     * starts and closes it, before this worker closes.
     */
    public PairCollector collector(MeterRegistry registry) {
        return new PairCollector(pairs, client, admins, connectRest, registry);
    }

    public void start() {
        factory.start();
    }

    @Override
    public void close() {
        factory.shutdown();
        admins.close();
        aws.close();
        awsEndpoints.close();
    }
}
