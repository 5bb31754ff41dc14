package io.kafkadr.worker;

import io.kafkadr.temporal.TemporalConnection;
import io.kafkadr.temporal.TemporalFlags;
import io.kafkadr.temporal.TemporalSettings;
import io.kafkadr.workflows.common.TaskQueues;
import io.kafkadr.workflows.common.WorkflowInputConverter;
import io.kafkadr.workflows.pair.PairRegistry;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws InterruptedException {
        TemporalSettings settings;
        try {
            settings = temporal.settings();
        } catch (IllegalArgumentException e) {
            System.err.println("drctl worker: " + e.getMessage());
            return 2;
        }
        String namespace = settings.namespace();
        // workflow inputs are read strictly, after the codec (if any) has decrypted them
        TemporalConnection connection = TemporalConnection.open(settings, WorkflowInputConverter.standard());
        OperatorServiceStubs operator = connection.operatorStubs();
        try {
            List<String> registered = new SearchAttributeRegistration(operator).ensure(namespace);
            if (!registered.isEmpty()) {
                System.err.println("registered search attributes " + registered + " in namespace " + namespace);
            }
        } catch (IllegalStateException e) {
            System.err.println("drctl worker: " + e.getMessage());
            connection.service().shutdownNow();
            return 2;
        } finally {
            operator.shutdown();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaDrWorker worker = new KafkaDrWorker(connection.client(), taskQueue, baseDir.toAbsolutePath(),
                PairRegistry.configured(pairsDir, baseDir.toAbsolutePath()))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                worker.close();
                stopped.countDown();
            }));
            worker.start();
            System.err.println("serving the pairs in " + worker.pairsFolders());
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
