package io.kafkadr.starter.replicate;

import io.kafkadr.starter.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ConnectorStatus;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = "Set up MM2 replication primary -> secondary (MirrorSource, MirrorCheckpoint, MirrorHeartbeat) "
                + "and wait until every connector and task runs.")
public class ReplicateCommand implements Callable<Integer> {

    @Mixin
    PairOptions pairOptions;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--json", description = "print the result as JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        PairConfig pair = pairOptions.load();
        try (Operations ops = new Operations(temporal, System.err)) {
            ops.awaitWorker(Duration.ofSeconds(15));
            ReplicationSetupResult result = Replication.setUp(ops, pair);
            if (json) {
                System.out.println(Json.write(result));
            } else {
                System.out.println("replication " + result.source() + " -> " + result.target() + " of " + result.topics()
                        + " (tasks.max " + result.tasksMax() + ", replication factor " + result.replicationFactor() + "):");
                for (ConnectorStatus c : result.connectors()) {
                    System.out.printf("  %-45s %-8s tasks %d/%d%n", c.name(), c.state(), c.tasksRunning(), c.tasksTotal());
                }
            }
            return result.connectors().stream().allMatch(ConnectorStatus::healthy) ? 0 : 1;
        }
    }
}
