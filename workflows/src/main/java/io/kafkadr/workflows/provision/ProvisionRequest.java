package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.common.WorkflowInput;

/**
 * Input of {@link ProvisionWorkflow} (workflow id {@code provision/<pair>}).
 *
 * @param spec        what to provision
 * @param endpointUrl where AWS answers; null: AWS itself. Not a secret; the worker refuses an
 *                    endpoint that is neither loopback nor in its own configuration
 * @param plan        report what would be created or changed, touching nothing
 */
@WorkflowInput
public record ProvisionRequest(AwsProvisionSpec spec, String endpointUrl, boolean plan) {
}
