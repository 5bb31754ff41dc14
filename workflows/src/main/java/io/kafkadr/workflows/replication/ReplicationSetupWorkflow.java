package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runbook step 4: deploy MirrorSourceConnector, MirrorCheckpointConnector and
 * MirrorHeartbeatConnector for one direction and wait until they and their tasks run.
 */
@WorkflowInterface
public interface ReplicationSetupWorkflow {

    @WorkflowMethod
    ReplicationSetupResult setUp(ReplicationSetupRequest request);

    @QueryMethod
    Progress progress();
}
