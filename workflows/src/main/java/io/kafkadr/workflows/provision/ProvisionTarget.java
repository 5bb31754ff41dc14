package io.kafkadr.workflows.provision;

/**
 * What every provisioning activity is about: the spec, and where AWS answers ({@code endpointUrl}
 * null: AWS's own endpoints; else an emulator such as moto, which the worker accepts only on
 * loopback or when it is configured to: see {@code AwsEndpoints}).
 */
public record ProvisionTarget(AwsProvisionSpec spec, String endpointUrl) {

    public ProvisionNames names() {
        return new ProvisionNames(spec.name());
    }
}
