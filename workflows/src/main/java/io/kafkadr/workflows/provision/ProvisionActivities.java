package io.kafkadr.workflows.provision;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The AWS side of provisioning and teardown. Every step is idempotent: it finds what an earlier
 * run made by name and ownership tags ({@link ProvisionNames}) and creates only what is missing
 * (with a client request token where the API takes one). With {@code plan} a step finds the same
 * way and reports what it would create or change, creating nothing. Waiting (an MSK cluster
 * becoming ACTIVE, a service becoming stable) is the workflow's, on timers: the describe calls
 * here answer at once.
 */
@ActivityInterface
public interface ProvisionActivities {

    /** VPC (DNS support and hostnames on), one subnet per zone, and the security group; or the existing ones, checked. */
    Network network(ProvisionTarget target, Side side, boolean plan);

    /**
     * The security group's ingress: Kafka (SCRAM 9096, IAM 9098 when enabled) and Connect (8083)
     * from the peer VPC's CIDR, the worker's CIDR and the group itself (Connect reaching its local brokers).
     */
    List<ProvisionedResource> securityRules(ProvisionTarget target, Side side, Network own, String peerCidr, boolean plan);

    /** The customer-managed KMS key of the side's region, alias {@code alias/kafka-dr/<pair>}. */
    Found kmsKey(ProvisionTarget target, Side side, boolean plan);

    /** The SCRAM secret {@code AmazonMSK_<pair>-<alias>} under the key, with a password generated here and never returned. */
    Found scramSecret(ProvisionTarget target, Side side, String keyArn, boolean plan);

    /** The MSK cluster (provisioned; TLS, SCRAM, IAM as the spec says); returns at once, CREATING. */
    Found mskCluster(ProvisionTarget target, Side side, Network network, String keyArn, boolean plan);

    MskStatus describeMsk(ProvisionTarget target, Side side, String clusterArn);

    /** Associates the SCRAM secret with the cluster (BatchAssociateScramSecret), unless it is already. */
    List<ProvisionedResource> associateScramSecret(ProvisionTarget target, Side side, String clusterArn, String secretArn);

    /** The cluster's SASL/SCRAM bootstrap brokers. */
    String bootstrapBrokers(ProvisionTarget target, Side side, String clusterArn);

    /** VPC peering primary -> secondary: requested, accepted in the secondary region, DNS resolution both ways, routes both ways. */
    Found peering(ProvisionTarget target, Network primary, Network secondary, boolean plan);

    /**
     * Kafka Connect next to {@code side}'s cluster: a Fargate ECS cluster, a task definition (bootstrap
     * servers and group in its environment, the SCRAM credentials from the secret through its
     * {@code secrets}) and a service, created with no task running ({@link #scaleConnect} scales it).
     */
    ConnectService connectService(ProvisionTarget target, Side side, Network network, String bootstrapServers,
                                  String secretArn, boolean plan);

    /** Sets the Connect service's desired count (the failback scales the primary's up and back down). */
    ServiceStatus scaleConnect(ProvisionTarget target, Side side, int desired);

    ServiceStatus describeConnect(ProvisionTarget target, Side side);

    /**
     * Registers the pair of what was provisioned ({@link ProvisionedPair#of}, built here again from
     * the spec, never taken from the workflow) with this worker, so every other workflow may name it;
     * returns where it lives. Refuses to replace a registered pair of that name that provisioning did not make.
     */
    String registerPair(ProvisionTarget target, ProvisionedPair.Cluster primary, ProvisionedPair.Cluster secondary);

    /** Teardown: the Connect service (scaled to 0, deleted), the task definitions (deregistered) and the ECS cluster. */
    List<ProvisionedResource> deleteConnect(ProvisionTarget target, Side side);

    /** Teardown: the routes to the peering in every route table of both VPCs, then the peering. */
    List<ProvisionedResource> deletePeering(ProvisionTarget target);

    /** Teardown: starts deleting the side's MSK cluster (the workflow waits on {@link #mskClusterLeft}). */
    List<ProvisionedResource> deleteMskCluster(ProvisionTarget target, Side side);

    /** Whether the side's MSK cluster still exists (deleting). */
    boolean mskClusterLeft(ProvisionTarget target, Side side);

    /** Teardown: the SCRAM secret (deleted at once, without a recovery window). */
    List<ProvisionedResource> deleteSecret(ProvisionTarget target, Side side);

    /** Teardown: the key's alias, and the key scheduled for deletion (7 days, KMS's minimum). */
    List<ProvisionedResource> deleteKey(ProvisionTarget target, Side side);

    /** Teardown: the security group, then the subnets and VPC kafka-dr created (existing ones stay). */
    List<ProvisionedResource> deleteNetwork(ProvisionTarget target, Side side);
}
