package io.kafkadr.starter.replicate;

import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflow;

/** Runs {@link ReplicationSetupWorkflow} for a pair's normal direction. */
public final class Replication {

    private Replication() {
    }

    /** One workflow id per pair and direction: running it twice joins the run in flight. */
    public static String workflowId(PairConfig pair) {
        Direction d = Direction.primaryToSecondary(pair);
        return "replicate/" + pair.name() + "/" + d.source() + "-to-" + d.target();
    }

    public static ReplicationSetupResult setUp(Operations ops, PairConfig pair) {
        return ops.run(ReplicationSetupWorkflow.class.getSimpleName(), workflowId(pair),
                new ReplicationSetupRequest(pair, null, null), ReplicationSetupResult.class, "replicate");
    }
}
