package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.common.WorkflowInput;

/** Input of {@link TeardownWorkflow} (workflow id {@code teardown/<pair>}): the spec that was provisioned, and where AWS answers. */
@WorkflowInput
public record TeardownRequest(AwsProvisionSpec spec, String endpointUrl) {
}
