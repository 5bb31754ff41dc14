package io.kafkadr.workflows.provision;

import java.util.List;

/**
 * One side's network: its VPC, one subnet per availability zone and the security group of the MSK
 * brokers and the Connect tasks. Planning, ids of what does not exist yet are null.
 */
public record Network(String region, String vpcId, String vpcCidr, List<String> subnetIds, String securityGroupId,
                      List<ProvisionedResource> resources) {

    public Network {
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}
