package io.kafkadr.workflows.provision;

import java.util.List;

/** Kafka Connect on ECS Fargate next to one side's cluster: ECS cluster, task definition (revision) and service. */
public record ConnectService(String region, String cluster, String service, String taskDefinitionArn,
                             List<ProvisionedResource> resources) {

    public ConnectService {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}
