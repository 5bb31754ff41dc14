package io.kafkadr.worker;

import io.kafkadr.temporal.TemporalConnection;
import io.kafkadr.temporal.TemporalFlags;
import io.kafkadr.temporal.TemporalSettings;
import io.kafkadr.workflows.common.TaskQueues;
import io.kafkadr.workflows.common.WorkflowInputConverter;
import io.kafkadr.workflows.pair.PairRegistry;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.kafkadr.temporal.metrics.Metrics;
import io.kafkadr.temporal.metrics.MetricsServer;
import io.kafkadr.worker.metrics.PairCollector;
import io.kafkadr.activities.aws.AwsEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drctl worker}: runs the kafka-dr worker in the foreground until stopped. Killing it
 * (even with kill -9) is harmless: Temporal hands its unfinished tasks to the next worker.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run the kafka-dr Temporal worker (task queue kafka-dr) in the foreground.")
public class WorkerMain implements Callable<Integer> {

    @Mixin
    TemporalFlags temporal;

    @Option(names = "--task-queue", defaultValue = TaskQueues.KAFKA_DR, description = "Task queue (default: ${DEFAULT-VALUE})")
    String taskQueue;

    @Option(names = "--base-dir", defaultValue = ".", description = "Where relative pairFile inputs are read from (default: ${DEFAULT-VALUE})")
    Path baseDir;

    @Option(names = "--pairs-dir", paramLabel = "DIR[:DIR...]", description = "The folders of the pairs this worker "
            + "serves, the first one first (default: $KAFKADR_PAIRS_DIR, else .local/pairs:pairs under --base-dir). "
            + "A workflow input names one of them and may only narrow it.")
    String pairsDir;

    @Option(names = "--metrics-port", defaultValue = "" + MetricsServer.DEFAULT_PORT, description = "Port of the "
            + "worker's Prometheus endpoint GET /metrics (0: none; default: ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--metrics-host", defaultValue = "0.0.0.0", description = "Address /metrics listens on "
            + "(default: ${DEFAULT-VALUE}, every interface)")
    String metricsHost;

    @Option(names = "--metrics-interval-seconds", defaultValue = "" + PairCollector.DEFAULT_INTERVAL_SECONDS,
            description = "How often the pairs' replication lag, MM2 states and pair state are collected for /metrics "
                    + "(default: ${DEFAULT-VALUE})")
    int metricsIntervalSeconds;

    @Option(names = AwsEndpoints.FLAG, paramLabel = "URL", split = ",", description = "An AWS endpoint (besides AWS's "
            + "own and emulators on loopback) that provisioning inputs may name, e.g. a VPC endpoint or a proxy; "
            + "repeatable or comma-separated, added to $" + AwsEndpoints.ENV + " (comma-separated). Requests to it "
            + "are signed with the worker's own AWS credentials.")
    List<String> awsEndpointUrls = List.of();

    @Override
    public Integer call() throws InterruptedException {
        List<URI> awsEndpoints;
        try {
            awsEndpoints = AwsEndpoints.parse(awsEndpointUrls, AwsEndpoints.FLAG);
        } catch (IllegalArgumentException e) {
            System.err.println("drctl worker: " + e.getMessage());
            return 2;
        }
        if (metricsPort < 0 || metricsPort > 65535 || metricsIntervalSeconds < 1) {
            System.err.println("drctl worker: --metrics-port must be 0 (no metrics) to 65535 and "
                    + "--metrics-interval-seconds at least 1 (got " + metricsPort + ", " + metricsIntervalSeconds + ")");
            return 2;
        }
        TemporalSettings settings;
        try {
            settings = temporal.settings();
        } catch (IllegalArgumentException e) {
            System.err.println("drctl worker: " + e.getMessage());
            return 2;
        }
        String namespace = settings.namespace();
        // workflow inputs are read strictly, after the codec (if any) has decrypted them
        Metrics metrics = new Metrics();
        MetricsServer metricsServer = null;
        if (metricsPort > 0) {
            try {
                metricsServer = MetricsServer.start(metricsHost, metricsPort, metrics::scrape);
            } catch (IllegalArgumentException e) {
                System.err.println("drctl worker: " + e.getMessage());
                return 2;
            }
        }
        TemporalConnection connection = TemporalConnection.open(settings, WorkflowInputConverter.standard(),
                metrics.temporalScope());
        OperatorServiceStubs operator = connection.operatorStubs();
        try {
            List<String> registered = new SearchAttributeRegistration(operator).ensure(namespace);
            if (!registered.isEmpty()) {
                System.err.println("registered search attributes " + registered + " in namespace " + namespace);
            }
        } catch (IllegalStateException e) {
            System.err.println("drctl worker: " + e.getMessage());
            connection.service().shutdownNow();
            if (metricsServer != null) {
                metricsServer.close();
            }
            return 2;
        } finally {
            operator.shutdown();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        MetricsServer served = metricsServer;
        try (KafkaDrWorker worker = new KafkaDrWorker(connection.client(), taskQueue, baseDir.toAbsolutePath(),
                PairRegistry.configured(pairsDir, baseDir.toAbsolutePath()), awsEndpoints)) {
            PairCollector collector = served == null ? null : worker.collector(metrics.registry());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (collector != null) {
                    collector.close();
                    served.close();
                }
                worker.close();
                metrics.close();
                stopped.countDown();
            }));
            worker.start();
            System.err.println("serving the pairs in " + worker.pairsFolders());
            if (collector != null) {
                collector.start(Duration.ofSeconds(metricsIntervalSeconds));
                System.err.println("metrics on http://" + metricsHost + ":" + served.port() + MetricsServer.PATH
                        + " (pairs collected every " + metricsIntervalSeconds + " s)");
            }
            System.err.println("kafka-dr worker polling task queue '" + taskQueue + "' on " + settings.address()
                    + " (namespace " + namespace + (settings.tls() ? ", TLS" : "")
                    + settings.codecKeys().map(k -> ", payloads encrypted with key '" + k.currentKeyId() + "'").orElse("")
                    + "); Ctrl-C to stop");
            stopped.await();
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WorkerMain()).execute(args));
    }
}
