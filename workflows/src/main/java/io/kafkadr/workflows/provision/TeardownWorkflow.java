package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.common.Progress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Removes what {@link ProvisionWorkflow} made for a pair, in dependency order, and only what
 * carries the pair's ownership tags: Connect services and clusters, task definitions, peering
 * routes and the peering, MSK clusters (waited for), secrets, KMS keys (scheduled for deletion),
 * security groups, subnets and VPCs kafka-dr created.
 */
@WorkflowInterface
public interface TeardownWorkflow {

    static String workflowId(String pair) {
        return "teardown/" + pair;
    }

    @WorkflowMethod
    TeardownResult teardown(TeardownRequest request);

    @QueryMethod
    Progress progress();
}
