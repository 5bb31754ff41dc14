package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.common.WorkflowInput;
import java.util.Map;

/**
 * What {@code drctl provision} builds on AWS for one DR pair (a file such as
 * {@code pairs/aws-example.yaml}): two regions, each with its network, an Amazon MSK cluster and a
 * Kafka Connect service on ECS Fargate, the VPC peering between them, and the pair config that
 * comes out of it. Carries no secret: the SCRAM password is generated inside an activity and lives
 * in Secrets Manager only.
 *
 * @param kind      always {@value #KIND}: tells the worker's pairs folders that this file is not a pair
 * @param name      the pair's name, and the prefix of every resource's name
 * @param tags      extra tags on every resource (besides the ownership tags {@link ProvisionNames#PAIR_TAG}
 *                  and {@link ProvisionNames#MANAGED_TAG}, which the spec may not set)
 * @param workerCidr where kafka-dr's worker runs: the security groups open Kafka and Connect to it
 * @param primary   the primary region
 * @param secondary the secondary region
 * @param msk       both MSK clusters (they must match)
 * @param connect   Kafka Connect on ECS Fargate
 * @param pair      what goes unchanged into the resulting pair config (topics, groups, ...)
 */
@WorkflowInput
public record AwsProvisionSpec(String kind, String name, Map<String, String> tags, String workerCidr,
                               RegionSpec primary, RegionSpec secondary, MskSpec msk, ConnectSpec connect,
                               PairSettings pair) {

    public static final String KIND = "aws-provision";

    public AwsProvisionSpec {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The region of {@code side}. */
    public RegionSpec region(Side side) {
        return side == Side.PRIMARY ? primary : secondary;
    }
}
