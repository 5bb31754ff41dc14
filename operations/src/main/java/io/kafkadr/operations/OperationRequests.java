package io.kafkadr.operations;

import io.kafkadr.workflows.drill.DrillRequest;
import io.kafkadr.workflows.failback.FailbackRequest;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
import io.kafkadr.workflows.verify.VerifyRequest;

/**
 * The workflow inputs drctl and the API send. {@code requireApproval} null leaves the decision to
 * the pair ({@code failoverRequiresApproval}); true or false decides it for this operation.
 */
public final class OperationRequests {

    private OperationRequests() {
    }

    public static FailoverRequest failover(PairConfig pair, String mode, String reason, String incidentId,
                                           Boolean requireApproval, boolean force) {
        return new FailoverRequest(pair, null, mode, reason, incidentId, requireApproval, force);
    }

    public static FailbackRequest failback(PairConfig pair, String reason, Boolean requireApproval) {
        return new FailbackRequest(pair, null, reason, requireApproval);
    }

    public static DrillRequest drill(PairConfig pair, String reason, String replicate, Boolean requireApproval) {
        return new DrillRequest(pair, null, reason, replicate, requireApproval);
    }

    /** Verification of the pair's normal direction. */
    public static VerifyRequest verify(PairConfig pair) {
        return new VerifyRequest(pair, null, null);
    }

    /** Replication in the pair's normal direction. */
    public static ReplicationSetupRequest replicate(PairConfig pair) {
        return new ReplicationSetupRequest(pair, null, null);
    }
}
