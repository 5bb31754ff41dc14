package io.kafkadr.activities.aws;

import static io.kafkadr.workflows.provision.ProvisionedResource.created;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.provision.ProvisionNames;
import io.kafkadr.workflows.provision.ProvisionedResource;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReasonCode;

/**
 * The EC2 side of provisioning in one region: the VPC, subnets and security group, and this
 * region's half of a VPC peering (routes, DNS option). Resources are created with their tags in the
 * same call ({@code TagSpecifications}), so nothing kafka-dr makes is ever untagged, and found again
 * by those tags.
 */
public final class Ec2Network {

    private static final List<VpcPeeringConnectionStateReasonCode> LIVE = List.of(
            VpcPeeringConnectionStateReasonCode.INITIATING_REQUEST, VpcPeeringConnectionStateReasonCode.PENDING_ACCEPTANCE,
            VpcPeeringConnectionStateReasonCode.PROVISIONING, VpcPeeringConnectionStateReasonCode.ACTIVE);

    private final Ec2Client ec2;
    private final String region;
    private final ProvisionNames names;
    private final Map<String, String> extraTags;

    public Ec2Network(Ec2Client ec2, String region, ProvisionNames names, Map<String, String> extraTags) {
        this.ec2 = ec2;
        this.region = region;
        this.names = names;
        this.extraTags = extraTags;
    }

    // ---- VPC --------------------------------------------------------------------------------------------------

    /** The VPC kafka-dr made for this pair under {@code name}, if any. */
    public Optional<Vpc> ownedVpc(String name) {
        List<Vpc> vpcs = AwsFailures.call("finding VPC " + name + " in " + region, () -> ec2.describeVpcs(r -> r.filters(
                owned(tag(ProvisionNames.NAME_TAG, name)))).vpcs());
        if (vpcs.size() > 1) {
            throw ApplicationFailure.newNonRetryableFailure(vpcs.size() + " VPCs in " + region + " carry the name " + name
                    + " and pair " + names.pair() + " (" + vpcs.stream().map(Vpc::vpcId).toList() + "): delete all but one",
                    ActivityFailures.BAD_INPUT);
        }
        return vpcs.stream().findFirst();
    }

    public Vpc createVpc(String name, String cidr) {
        Vpc vpc = AwsFailures.call("creating VPC " + name + " in " + region, () -> ec2.createVpc(r -> r.cidrBlock(cidr)
                .tagSpecifications(tags(ResourceType.VPC, name))).vpc());
        // peered DNS resolution needs both; MSK's broker names resolve inside the VPC through them
        AwsFailures.call("enabling DNS support of " + vpc.vpcId(), () -> ec2.modifyVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .enableDnsSupport(AttributeBooleanValue.builder().value(true).build())));
        AwsFailures.call("enabling DNS hostnames of " + vpc.vpcId(), () -> ec2.modifyVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .enableDnsHostnames(AttributeBooleanValue.builder().value(true).build())));
        return vpc;
    }

    /** An existing VPC given by id; a clear error when there is none. */
    public Vpc existingVpc(String vpcId) {
        try {
            return ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            if (AwsFailures.notFound(e)) {
                throw ApplicationFailure.newNonRetryableFailure("there is no VPC " + vpcId + " in " + region
                        + ": fix vpcId (or give vpcCidr to create one)", ActivityFailures.BAD_INPUT);
            }
            throw AwsFailures.of("describing VPC " + vpcId, e);
        }
    }

    // ---- subnets ----------------------------------------------------------------------------------------------

    /** The first {@code count} availability zones of the region, by name. */
    public List<String> zones(int count) {
        List<String> zones = AwsFailures.call("listing the availability zones of " + region, () -> ec2
                .describeAvailabilityZones(r -> r.filters(Filter.builder().name("state").values("available").build()))
                .availabilityZones()).stream()
                .filter(z -> z.zoneType() == null || z.zoneType().equals("availability-zone"))
                .map(AvailabilityZone::zoneName).sorted().toList();
        if (zones.size() < count) {
            throw ApplicationFailure.newNonRetryableFailure(region + " has " + zones.size() + " availability zones, the spec "
                    + "asks for " + count + " subnets: give fewer subnetCidrs", ActivityFailures.BAD_INPUT);
        }
        return zones.subList(0, count);
    }

    public List<Subnet> subnetsOf(String vpcId) {
        return AwsFailures.call("listing the subnets of " + vpcId, () -> ec2.describeSubnets(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpcId).build())).subnets());
    }

    public List<Subnet> existingSubnets(String vpcId, List<String> subnetIds) {
        List<Subnet> subnets;
        try {
            subnets = ec2.describeSubnets(r -> r.subnetIds(subnetIds)).subnets();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            if (AwsFailures.notFound(e)) {
                throw ApplicationFailure.newNonRetryableFailure("not every subnet of " + subnetIds + " exists in " + region
                        + ": fix subnetIds", ActivityFailures.BAD_INPUT);
            }
            throw AwsFailures.of("describing subnets " + subnetIds, e);
        }
        List<String> problems = new ArrayList<>();
        subnets.stream().filter(s -> !s.vpcId().equals(vpcId))
                .forEach(s -> problems.add(s.subnetId() + " is in " + s.vpcId() + ", not " + vpcId));
        Map<String, List<String>> byZone = subnets.stream().collect(Collectors.groupingBy(Subnet::availabilityZone,
                Collectors.mapping(Subnet::subnetId, Collectors.toList())));
        byZone.forEach((zone, ids) -> {
            if (ids.size() > 1) {
                problems.add(ids + " are all in " + zone + ": give one subnet per availability zone");
            }
        });
        if (!problems.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("subnetIds in " + region + ": " + String.join("; ", problems),
                    ActivityFailures.BAD_INPUT);
        }
        return subnets;
    }

    // ---- security group ---------------------------------------------------------------------------------------

    public Optional<SecurityGroup> ownedGroup(String vpcId, String name) {
        return AwsFailures.call("finding security group " + name + " in " + vpcId, () -> ec2.describeSecurityGroups(r -> r
                .filters(Filter.builder().name("vpc-id").values(vpcId).build(), Filter.builder().name("group-name")
                        .values(name).build())).securityGroups()).stream().filter(g -> names.owns(tags(g.tags()))).findFirst();
    }

    public String createGroup(String vpcId, String name) {
        return AwsFailures.call("creating security group " + name + " in " + vpcId, () -> ec2.createSecurityGroup(r -> r
                .groupName(name).vpcId(vpcId).description("kafka-dr " + names.pair() + ": MSK brokers and Kafka Connect")
                .tagSpecifications(tags(ResourceType.SECURITY_GROUP, name))).groupId());
    }

    /**
     * Adds the ingress rules missing from {@code groupId}: each port from each CIDR and from the group
     * itself. Returns one resource per rule added (or, planning, that would be).
     */
    public List<ProvisionedResource> ensureIngress(String groupId, List<Integer> ports, List<String> cidrs, boolean plan) {
        List<IpPermission> existing = groupId == null ? List.of() : AwsFailures.call("describing security group " + groupId,
                () -> ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0).ipPermissions());
        List<ProvisionedResource> added = new ArrayList<>();
        List<IpPermission> missing = new ArrayList<>();
        for (int port : ports) {
            for (String cidr : cidrs) {
                if (existing.stream().noneMatch(p -> covers(p, port) && p.ipRanges().stream().anyMatch(r -> cidr.equals(r.cidrIp())))) {
                    missing.add(IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                            .ipRanges(IpRange.builder().cidrIp(cidr).description("kafka-dr " + names.pair()).build()).build());
                    added.add(created("security-group-rule", groupId + " tcp/" + port + " from " + cidr, region, plan));
                }
            }
            if (existing.stream().noneMatch(p -> covers(p, port) && p.userIdGroupPairs().stream()
                    .anyMatch(g -> g.groupId() != null && g.groupId().equals(groupId)))) {
                missing.add(IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(groupId).build()).build());
                added.add(created("security-group-rule", groupId + " tcp/" + port + " from itself", region, plan));
            }
        }
        if (!plan && !missing.isEmpty()) {
            AwsFailures.call("opening " + ports + " in security group " + groupId, () -> ec2.authorizeSecurityGroupIngress(
                    r -> r.groupId(groupId).ipPermissions(missing)));
        }
        return added;
    }

    private static boolean covers(IpPermission p, int port) {
        return "tcp".equals(p.ipProtocol()) && p.fromPort() != null && p.toPort() != null && p.fromPort() <= port
                && port <= p.toPort();
    }

    // ---- peering ----------------------------------------------------------------------------------------------

    /** The live peering kafka-dr made for this pair (requested from this region), if any. */
    public Optional<VpcPeeringConnection> ownedPeering() {
        return AwsFailures.call("finding the VPC peering of pair " + names.pair() + " in " + region,
                () -> ec2.describeVpcPeeringConnections(r -> r.filters(owned())).vpcPeeringConnections()).stream()
                .filter(p -> LIVE.contains(p.status().code())).findFirst();
    }

    public VpcPeeringConnection requestPeering(String vpcId, String peerVpcId, String peerRegion) {
        return AwsFailures.call("requesting VPC peering " + vpcId + " -> " + peerVpcId + " (" + peerRegion + ")",
                () -> ec2.createVpcPeeringConnection(r -> r.vpcId(vpcId).peerVpcId(peerVpcId).peerRegion(peerRegion)
                        .tagSpecifications(tags(ResourceType.VPC_PEERING_CONNECTION, names.peering())))
                        .vpcPeeringConnection());
    }

    /** The peering as this region sees it; retried while the request has not reached this (the accepter's) region yet. */
    public VpcPeeringConnection peering(String id) {
        try {
            List<VpcPeeringConnection> found = ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(id))
                    .vpcPeeringConnections();
            if (!found.isEmpty()) {
                return found.get(0);
            }
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            if (!AwsFailures.notFound(e)) {
                throw AwsFailures.of("describing VPC peering " + id + " in " + region, e);
            }
        }
        throw ApplicationFailure.newFailure("VPC peering " + id + " is not visible in " + region + " yet; retried",
                ActivityFailures.NOT_READY);
    }

    public void accept(String id) {
        AwsFailures.call("accepting VPC peering " + id + " in " + region,
                () -> ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)));
    }

    /** Lets this side's VPC resolve the peer's private DNS names (MSK's broker names) to private addresses. */
    public void allowRemoteDns(String id, boolean requester) {
        AwsFailures.call("enabling DNS resolution over VPC peering " + id + " in " + region, () -> ec2
                .modifyVpcPeeringConnectionOptions(r -> {
                    r.vpcPeeringConnectionId(id);
                    if (requester) {
                        r.requesterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(true));
                    } else {
                        r.accepterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(true));
                    }
                }));
    }

    public List<RouteTable> routeTables(String vpcId) {
        return AwsFailures.call("listing the route tables of " + vpcId, () -> ec2.describeRouteTables(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpcId).build())).routeTables());
    }

    /** A route to {@code cidr} over the peering in every route table of {@code vpcId}; one resource per route added. */
    public List<ProvisionedResource> ensureRoutes(String vpcId, String cidr, String peeringId, boolean plan) {
        List<ProvisionedResource> added = new ArrayList<>();
        for (RouteTable table : vpcId == null ? List.<RouteTable>of() : routeTables(vpcId)) {
            Optional<software.amazon.awssdk.services.ec2.model.Route> route = table.routes().stream()
                    .filter(r -> cidr.equals(r.destinationCidrBlock())).findFirst();
            if (route.isPresent() && peeringId != null && peeringId.equals(route.get().vpcPeeringConnectionId())) {
                continue;
            }
            if (route.isPresent()) {
                throw ApplicationFailure.newNonRetryableFailure("route table " + table.routeTableId() + " of " + vpcId
                        + " already routes " + cidr + " elsewhere (" + route.get() + "): the peer VPC's block must be "
                        + "free in every route table; remove that route or pick another CIDR", ActivityFailures.BAD_INPUT);
            }
            if (!plan) {
                AwsFailures.call("routing " + cidr + " over " + peeringId + " in " + table.routeTableId(), () -> ec2
                        .createRoute(r -> r.routeTableId(table.routeTableId()).destinationCidrBlock(cidr)
                                .vpcPeeringConnectionId(peeringId)));
            }
            added.add(created("route", table.routeTableId() + " " + cidr + " -> " + (peeringId == null
                    ? "peering" : peeringId), region, plan));
        }
        if (vpcId == null) {
            added.add(created("route", "every route table of the new VPC: " + cidr + " -> peering", region, true));
        }
        return added;
    }

    /** Deletes every route over {@code peeringId} in the route tables of {@code vpcId}. */
    public List<ProvisionedResource> deleteRoutes(String vpcId, String peeringId) {
        List<ProvisionedResource> deleted = new ArrayList<>();
        for (RouteTable table : routeTables(vpcId)) {
            for (var route : table.routes()) {
                if (peeringId.equals(route.vpcPeeringConnectionId()) && route.destinationCidrBlock() != null) {
                    try {
                        ec2.deleteRoute(r -> r.routeTableId(table.routeTableId())
                                .destinationCidrBlock(route.destinationCidrBlock()));
                    } catch (software.amazon.awssdk.core.exception.SdkException e) {
                        if (!AwsFailures.notFound(e)) {
                            throw AwsFailures.of("deleting the route to " + route.destinationCidrBlock() + " in "
                                    + table.routeTableId(), e);
                        }
                    }
                    deleted.add(new ProvisionedResource("route", table.routeTableId() + " " + route.destinationCidrBlock()
                            + " -> " + peeringId, region, ProvisionedResource.DELETED));
                }
            }
        }
        return deleted;
    }

    public void deletePeering(String id) {
        ignoreMissing("deleting VPC peering " + id, () -> ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)));
    }

    // ---- teardown ---------------------------------------------------------------------------------------------

    public List<SecurityGroup> ownedGroups() {
        return AwsFailures.call("finding the security groups of pair " + names.pair() + " in " + region,
                () -> ec2.describeSecurityGroups(r -> r.filters(owned())).securityGroups());
    }

    public List<Subnet> ownedSubnets() {
        return AwsFailures.call("finding the subnets of pair " + names.pair() + " in " + region,
                () -> ec2.describeSubnets(r -> r.filters(owned())).subnets());
    }

    public List<Vpc> ownedVpcs() {
        return AwsFailures.call("finding the VPCs of pair " + names.pair() + " in " + region,
                () -> ec2.describeVpcs(r -> r.filters(owned())).vpcs());
    }

    public void deleteGroup(String id) {
        ignoreMissing("deleting security group " + id, () -> ec2.deleteSecurityGroup(r -> r.groupId(id)));
    }

    public void deleteSubnet(String id) {
        ignoreMissing("deleting subnet " + id, () -> ec2.deleteSubnet(r -> r.subnetId(id)));
    }

    public void deleteVpc(String id) {
        ignoreMissing("deleting VPC " + id, () -> ec2.deleteVpc(r -> r.vpcId(id)));
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    public Subnet createSubnet(String vpcId, String cidr, String zone, String name) {
        return AwsFailures.call("creating subnet " + cidr + " in " + zone, () -> ec2.createSubnet(r -> r.vpcId(vpcId)
                .cidrBlock(cidr).availabilityZone(zone).tagSpecifications(tags(ResourceType.SUBNET, name))).subnet());
    }

    public boolean owns(List<Tag> tags) {
        return names.owns(tags(tags));
    }

    private TagSpecification tags(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(names.tags(extraTags, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
    }

    private List<Filter> owned(Filter... more) {
        List<Filter> filters = new ArrayList<>(List.of(tag(ProvisionNames.PAIR_TAG, names.pair()),
                tag(ProvisionNames.MANAGED_TAG, ProvisionNames.MANAGED_VALUE)));
        filters.addAll(List.of(more));
        return filters;
    }

    private static Filter tag(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }

    private void ignoreMissing(String what, Runnable call) {
        try {
            call.run();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            if (!AwsFailures.notFound(e)) {
                throw AwsFailures.of(what + " in " + region, e);
            }
        }
    }
}
