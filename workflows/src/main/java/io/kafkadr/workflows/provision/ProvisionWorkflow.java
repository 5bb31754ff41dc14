package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runbook steps 1-3 on AWS: per region a network, a KMS key, a SCRAM secret and an MSK cluster;
 * the two clusters checked to match; VPC peering with DNS and routes; Kafka Connect on ECS Fargate
 * next to each cluster; the resulting pair registered with the worker. Re-running finds and reuses
 * what exists. With {@code plan}: what would be created or changed, nothing touched.
 */
@WorkflowInterface
public interface ProvisionWorkflow {

    /** The workflow id of the pair's provisioning: one at a time per pair. */
    static String workflowId(String pair) {
        return "provision/" + pair;
    }

    @WorkflowMethod
    ProvisionResult provision(ProvisionRequest request);

    @QueryMethod
    Progress progress();
}
