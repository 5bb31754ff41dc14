package io.kafkadr.workflows.provision;

import java.util.List;

/**
 * One region of the pair. The network is either existing ({@code vpcId} and {@code subnetIds},
 * checked, never changed or deleted) or created ({@code vpcCidr} and {@code subnetCidrs}, one
 * subnet per availability zone).
 *
 * @param alias       the cluster's alias in the pair config (e.g. {@code primary})
 * @param region      the AWS region (e.g. {@code us-east-1})
 * @param vpcId       an existing VPC, or null to create one
 * @param vpcCidr     the CIDR of the VPC to create (or null with {@code vpcId})
 * @param subnetIds   existing subnets of {@code vpcId}, each in another availability zone (at least 2)
 * @param subnetCidrs the subnets to create, one per availability zone in the zones' order (at least 2)
 * @param connectUrl  the Connect REST URL kafka-dr's worker calls: the operator's internal load
 *                    balancer in front of the Connect service (listener on 8083)
 * @param connectTargetGroupArn the load balancer's target group the Connect tasks register into
 *                    (port 8083); null when the operator routes to the tasks otherwise
 */
public record RegionSpec(String alias, String region, String vpcId, String vpcCidr, List<String> subnetIds,
                         List<String> subnetCidrs, String connectUrl, String connectTargetGroupArn) {

    public RegionSpec {
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        subnetCidrs = subnetCidrs == null ? List.of() : List.copyOf(subnetCidrs);
    }

    /** Whether the network exists already (given by ids) rather than being created. */
    public boolean existingNetwork() {
        return vpcId != null;
    }

    /** How many availability zones the MSK brokers spread over. */
    public int zones() {
        return existingNetwork() ? subnetIds.size() : subnetCidrs.size();
    }
}
