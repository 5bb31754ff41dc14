package io.kafkadr.starter.replicate;

import io.kafkadr.starter.PairOperationCommand;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.OperationRequests;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ConnectorStatus;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import picocli.CommandLine.Command;

@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = "Set up MM2 replication primary -> secondary (MirrorSource, MirrorCheckpoint, MirrorHeartbeat) "
                + "and wait until every connector and task runs.")
public class ReplicateCommand extends PairOperationCommand<ReplicationSetupResult> {

    @Override
    protected ReplicationSetupResult run(Operations ops, PairConfig pair) {
        return ops.run(OperationKind.REPLICATE, OperationIds.replicate(pair), OperationRequests.replicate(pair));
    }

    @Override
    protected void print(ReplicationSetupResult result) {
        System.out.println("replication " + result.source() + " -> " + result.target() + " of " + result.topics()
                + " (tasks.max " + result.tasksMax() + ", replication factor " + result.replicationFactor() + "):");
        for (ConnectorStatus c : result.connectors()) {
            System.out.printf("  %-45s %-8s tasks %d/%d%n", c.name(), c.state(), c.tasksRunning(), c.tasksTotal());
        }
    }

    @Override
    protected boolean succeeded(ReplicationSetupResult result) {
        return result.connectors().stream().allMatch(ConnectorStatus::healthy);
    }
}
