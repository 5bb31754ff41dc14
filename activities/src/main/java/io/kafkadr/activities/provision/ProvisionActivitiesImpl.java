package io.kafkadr.activities.provision;

import static io.kafkadr.workflows.provision.ProvisionedResource.DELETED;
import static io.kafkadr.workflows.provision.ProvisionedResource.REUSED;
import static io.kafkadr.workflows.provision.ProvisionedResource.created;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.aws.AwsEndpoints;
import io.kafkadr.activities.aws.ConnectOnEcs;
import io.kafkadr.activities.aws.Ec2Network;
import io.kafkadr.activities.aws.KmsKeys;
import io.kafkadr.activities.aws.MskApi;
import io.kafkadr.activities.aws.MskClusters;
import io.kafkadr.activities.aws.ScramSecrets;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigException;
import io.kafkadr.workflows.pair.PairRegistry;
import io.kafkadr.workflows.provision.ConnectService;
import io.kafkadr.workflows.provision.Found;
import io.kafkadr.workflows.provision.MskStatus;
import io.kafkadr.workflows.provision.Network;
import io.kafkadr.workflows.provision.ProvisionActivities;
import io.kafkadr.workflows.provision.ProvisionNames;
import io.kafkadr.workflows.provision.ProvisionTarget;
import io.kafkadr.workflows.provision.ProvisionedPair;
import io.kafkadr.workflows.provision.ProvisionedResource;
import io.kafkadr.workflows.provision.RegionSpec;
import io.kafkadr.workflows.provision.ServiceStatus;
import io.kafkadr.workflows.provision.Side;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReasonCode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** The AWS steps of provisioning and teardown (see {@link ProvisionActivities}), on the worker's AWS clients. */
public class ProvisionActivitiesImpl implements ProvisionActivities {

    private final AwsEndpoints endpoints;
    private final PairRegistry pairs;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();

    public ProvisionActivitiesImpl(AwsEndpoints endpoints, PairRegistry pairs) {
        this.endpoints = endpoints;
        this.pairs = pairs;
    }

    // ---- network ----------------------------------------------------------------------------------------------

    @Override
    public Network network(ProvisionTarget target, Side side, boolean plan) {
        RegionSpec spec = target.spec().region(side);
        ProvisionNames names = target.names();
        Ec2Network ec2 = ec2(target, side);
        List<ProvisionedResource> resources = new ArrayList<>();
        String vpcId;
        String vpcCidr;
        List<String> subnetIds = new ArrayList<>();
        if (spec.existingNetwork()) {
            Vpc vpc = ec2.existingVpc(spec.vpcId());
            vpcId = vpc.vpcId();
            vpcCidr = vpc.cidrBlock();
            ec2.existingSubnets(vpcId, spec.subnetIds()).stream().sorted(Comparator.comparing(Subnet::availabilityZone))
                    .forEach(s -> subnetIds.add(s.subnetId()));
            resources.add(new ProvisionedResource("vpc", vpcId + " (existing, not managed)", spec.region(), REUSED));
            subnetIds.forEach(s -> resources.add(new ProvisionedResource("subnet", s + " (existing, not managed)",
                    spec.region(), REUSED)));
        } else {
            Optional<Vpc> found = ec2.ownedVpc(names.vpc(spec));
            if (found.isPresent() && !spec.vpcCidr().equals(found.get().cidrBlock())) {
                throw ApplicationFailure.newNonRetryableFailure("VPC " + found.get().vpcId() + " (" + names.vpc(spec)
                        + ") has CIDR " + found.get().cidrBlock() + ", the spec asks for " + spec.vpcCidr() + ": a VPC's "
                        + "block cannot change; restore vpcCidr or tear the pair down first", ActivityFailures.BAD_INPUT);
            }
            vpcId = found.map(Vpc::vpcId).orElse(null);
            if (vpcId == null && !plan) {
                vpcId = ec2.createVpc(names.vpc(spec), spec.vpcCidr()).vpcId();
            }
            vpcCidr = spec.vpcCidr();
            resources.add(found.isPresent() ? new ProvisionedResource("vpc", vpcId, spec.region(), REUSED)
                    : created("vpc", vpcId == null ? names.vpc(spec) + " " + spec.vpcCidr() : vpcId, spec.region(), plan));
            List<Subnet> existing = vpcId == null ? List.of() : ec2.subnetsOf(vpcId);
            List<String> zones = ec2.zones(spec.subnetCidrs().size());
            for (int i = 0; i < zones.size(); i++) {
                String cidr = spec.subnetCidrs().get(i);
                String zone = zones.get(i);
                Optional<Subnet> subnet = existing.stream().filter(s -> cidr.equals(s.cidrBlock())).findFirst();
                if (subnet.isPresent()) {
                    if (!ec2.owns(subnet.get().tags()) || !zone.equals(subnet.get().availabilityZone())) {
                        throw ApplicationFailure.newNonRetryableFailure("subnet " + subnet.get().subnetId() + " " + cidr
                                + " of " + vpcId + " is in " + subnet.get().availabilityZone() + " or not kafka-dr's; "
                                + "expected a kafka-dr subnet in " + zone + ": delete it or change subnetCidrs",
                                ActivityFailures.BAD_INPUT);
                    }
                    subnetIds.add(subnet.get().subnetId());
                    resources.add(new ProvisionedResource("subnet", subnet.get().subnetId(), spec.region(), REUSED));
                } else if (plan) {
                    resources.add(created("subnet", cidr + " in " + zone, spec.region(), true));
                } else {
                    String id = ec2.createSubnet(vpcId, cidr, zone, names.subnet(spec, zone)).subnetId();
                    subnetIds.add(id);
                    resources.add(created("subnet", id, spec.region(), false));
                }
            }
        }
        String group = null;
        Optional<SecurityGroup> sg = vpcId == null ? Optional.empty() : ec2.ownedGroup(vpcId, names.securityGroup(spec));
        if (sg.isPresent()) {
            group = sg.get().groupId();
            resources.add(new ProvisionedResource("security-group", group, spec.region(), REUSED));
        } else if (plan) {
            resources.add(created("security-group", names.securityGroup(spec), spec.region(), true));
        } else {
            group = ec2.createGroup(vpcId, names.securityGroup(spec));
            resources.add(created("security-group", group, spec.region(), false));
        }
        return new Network(spec.region(), vpcId, vpcCidr, subnetIds, group, resources);
    }

    @Override
    public List<ProvisionedResource> securityRules(ProvisionTarget target, Side side, Network own, String peerCidr,
                                                   boolean plan) {
        List<Integer> ports = new ArrayList<>(List.of(ProvisionNames.KAFKA_SCRAM_PORT, ProvisionNames.CONNECT_PORT));
        if (target.spec().msk().iam()) {
            ports.add(1, ProvisionNames.KAFKA_IAM_PORT);
        }
        List<String> cidrs = new ArrayList<>(List.of(target.spec().workerCidr()));
        if (peerCidr != null) {
            cidrs.add(0, peerCidr);
        }
        return ec2(target, side).ensureIngress(own.securityGroupId(), ports, cidrs, plan || own.securityGroupId() == null);
    }

    @Override
    public Found peering(ProvisionTarget target, Network primary, Network secondary, boolean plan) {
        Ec2Network requester = ec2(target, Side.PRIMARY);
        Ec2Network accepter = ec2(target, Side.SECONDARY);
        String region = primary.region();
        List<ProvisionedResource> resources = new ArrayList<>();
        Optional<VpcPeeringConnection> found = requester.ownedPeering();
        if (found.isPresent() && !(found.get().requesterVpcInfo().vpcId().equals(primary.vpcId())
                && found.get().accepterVpcInfo().vpcId().equals(secondary.vpcId()))) {
            throw ApplicationFailure.newNonRetryableFailure("the VPC peering " + found.get().vpcPeeringConnectionId()
                    + " of pair " + target.spec().name() + " joins " + found.get().requesterVpcInfo().vpcId() + " and "
                    + found.get().accepterVpcInfo().vpcId() + ", not " + primary.vpcId() + " and " + secondary.vpcId()
                    + ": tear the pair down first", ActivityFailures.BAD_INPUT);
        }
        if (plan && found.isEmpty()) {
            resources.add(created("vpc-peering", target.names().peering(), region, true));
            resources.addAll(requester.ensureRoutes(primary.vpcId(), secondary.vpcCidr(), null, true));
            resources.addAll(accepter.ensureRoutes(secondary.vpcId(), primary.vpcCidr(), null, true));
            return new Found(null, resources);
        }
        String id;
        if (found.isPresent()) {
            id = found.get().vpcPeeringConnectionId();
            resources.add(new ProvisionedResource("vpc-peering", id, region, REUSED));
        } else {
            id = requester.requestPeering(primary.vpcId(), secondary.vpcId(), secondary.region()).vpcPeeringConnectionId();
            resources.add(created("vpc-peering", id, region, false));
        }
        if (!plan) {
            VpcPeeringConnection seen = accepter.peering(id);
            if (seen.status().code() == VpcPeeringConnectionStateReasonCode.PENDING_ACCEPTANCE) {
                accepter.accept(id);
                resources.add(new ProvisionedResource("vpc-peering-acceptance", id, secondary.region(),
                        ProvisionedResource.CREATED));
                seen = accepter.peering(id);
            }
            if (seen.status().code() != VpcPeeringConnectionStateReasonCode.ACTIVE) {
                throw ApplicationFailure.newFailure("VPC peering " + id + " is " + seen.status().code() + ", not active yet; "
                        + "retried", ActivityFailures.NOT_READY);
            }
            requester.allowRemoteDns(id, true);
            accepter.allowRemoteDns(id, false);
        }
        resources.addAll(requester.ensureRoutes(primary.vpcId(), secondary.vpcCidr(), id, plan));
        resources.addAll(accepter.ensureRoutes(secondary.vpcId(), primary.vpcCidr(), id, plan));
        return new Found(id, resources);
    }

    // ---- key, secret, MSK -------------------------------------------------------------------------------------

    @Override
    public Found kmsKey(ProvisionTarget target, Side side, boolean plan) {
        KmsKeys keys = kms(target, side);
        String region = target.spec().region(side).region();
        Optional<KeyMetadata> key = keys.find();
        if (key.isPresent()) {
            requireOwned(keys.owned(key.get().keyId()), "KMS key " + key.get().arn() + " (" + target.names().keyAlias() + ")",
                    region, target);
            return new Found(key.get().arn(), List.of(new ProvisionedResource("kms-key", key.get().arn(), region, REUSED)));
        }
        if (plan) {
            return new Found(null, List.of(created("kms-key", target.names().keyAlias(), region, true)));
        }
        String arn = keys.create().arn();
        return new Found(arn, List.of(created("kms-key", arn, region, false)));
    }

    @Override
    public Found scramSecret(ProvisionTarget target, Side side, String keyArn, boolean plan) {
        ScramSecrets secrets = secrets(target, side);
        String region = target.spec().region(side).region();
        String name = target.names().secret(target.spec().region(side));
        var found = secrets.find(name);
        if (found.isPresent()) {
            requireOwned(secrets.owned(found.get()), "secret " + found.get().arn(), region, target);
            return new Found(found.get().arn(), List.of(new ProvisionedResource("secret", found.get().arn(), region, REUSED)));
        }
        if (plan) {
            return new Found(null, List.of(created("secret", name, region, true)));
        }
        String arn = secrets.create(name, keyArn);
        return new Found(arn, List.of(created("secret", arn, region, false)));
    }

    @Override
    public Found mskCluster(ProvisionTarget target, Side side, Network network, String keyArn, boolean plan) {
        MskClusters msk = msk(target, side);
        String region = target.spec().region(side).region();
        String name = target.names().mskCluster(target.spec().region(side));
        Optional<JsonNode> found = msk.find(name);
        if (found.isPresent()) {
            String arn = found.get().path("clusterArn").asText();
            return new Found(arn, List.of(new ProvisionedResource("msk-cluster", arn, region, REUSED)));
        }
        if (plan) {
            return new Found(null, List.of(created("msk-cluster", name, region, true)));
        }
        String arn = msk.create(name, target.spec().msk(), network.subnetIds(), network.securityGroupId(), keyArn);
        return new Found(arn, List.of(created("msk-cluster", arn, region, false)));
    }

    @Override
    public MskStatus describeMsk(ProvisionTarget target, Side side, String clusterArn) {
        return msk(target, side).describe(clusterArn);
    }

    @Override
    public List<ProvisionedResource> associateScramSecret(ProvisionTarget target, Side side, String clusterArn,
                                                          String secretArn) {
        boolean associated = msk(target, side).associate(clusterArn, secretArn);
        return List.of(new ProvisionedResource("msk-scram-association", clusterArn + " <- " + secretArn,
                target.spec().region(side).region(), associated ? ProvisionedResource.CREATED : REUSED));
    }

    @Override
    public String bootstrapBrokers(ProvisionTarget target, Side side, String clusterArn) {
        return msk(target, side).scramBrokers(clusterArn);
    }

    // ---- Connect on ECS ---------------------------------------------------------------------------------------

    @Override
    public ConnectService connectService(ProvisionTarget target, Side side, Network network, String bootstrapServers,
                                         String secretArn, boolean plan) {
        RegionSpec spec = target.spec().region(side);
        ProvisionNames names = target.names();
        ConnectOnEcs ecs = ecs(target, side);
        List<ProvisionedResource> resources = new ArrayList<>();
        String clusterName = names.ecsCluster(spec);
        Optional<String> cluster = ecs.cluster(clusterName).map(c -> c.clusterArn());
        if (cluster.isPresent()) {
            resources.add(new ProvisionedResource("ecs-cluster", cluster.get(), spec.region(), REUSED));
        } else {
            resources.add(created("ecs-cluster", plan ? clusterName : ecs.createCluster(clusterName), spec.region(), plan));
        }
        String family = names.taskFamily(spec);
        Optional<TaskDefinition> latest = ecs.latest(family);
        String taskDefinition;
        if (plan) {
            taskDefinition = latest.map(TaskDefinition::taskDefinitionArn).orElse(null);
            resources.add(latest.isPresent() ? new ProvisionedResource("ecs-task-definition", taskDefinition + " (or a new "
                    + "revision if the bootstrap servers changed)", spec.region(), REUSED)
                    : created("ecs-task-definition", family, spec.region(), true));
        } else {
            TaskDefinition wanted = ecs.wanted(family, target.spec().connect(), bootstrapServers, names.connectGroup(spec),
                    secretArn, spec.alias());
            if (latest.isPresent() && ConnectOnEcs.same(latest.get(), wanted)) {
                taskDefinition = latest.get().taskDefinitionArn();
                resources.add(new ProvisionedResource("ecs-task-definition", taskDefinition, spec.region(), REUSED));
            } else {
                taskDefinition = ecs.register(wanted);
                resources.add(created("ecs-task-definition", taskDefinition, spec.region(), false));
            }
        }
        String service = names.connectService();
        Optional<Service> existing = cluster.flatMap(c -> ecs.service(clusterName, service));
        if (existing.isEmpty()) {
            resources.add(created("ecs-service", plan ? clusterName + "/" + service : ecs.createService(clusterName, service,
                    taskDefinition, network.subnetIds(), network.securityGroupId(), spec.connectTargetGroupArn()),
                    spec.region(), plan));
        } else if (!plan && !taskDefinition.equals(existing.get().taskDefinition())) {
            ecs.update(clusterName, service, taskDefinition, null);
            resources.add(ProvisionedResource.updated("ecs-service", existing.get().serviceArn() + " -> " + taskDefinition,
                    spec.region(), false));
        } else {
            resources.add(new ProvisionedResource("ecs-service", existing.get().serviceArn(), spec.region(), REUSED));
        }
        return new ConnectService(spec.region(), clusterName, service, taskDefinition, resources);
    }

    @Override
    public ServiceStatus scaleConnect(ProvisionTarget target, Side side, int desired) {
        RegionSpec spec = target.spec().region(side);
        ConnectOnEcs ecs = ecs(target, side);
        String cluster = target.names().ecsCluster(spec);
        String service = target.names().connectService();
        ServiceStatus status = ecs.status(cluster, service);
        if (status.desired() != desired) {
            ecs.update(cluster, service, null, desired);
            status = ecs.status(cluster, service);
        }
        return status;
    }

    @Override
    public ServiceStatus describeConnect(ProvisionTarget target, Side side) {
        return ecs(target, side).status(target.names().ecsCluster(target.spec().region(side)), target.names().connectService());
    }

    @Override
    public String registerPair(ProvisionTarget target, ProvisionedPair.Cluster primary, ProvisionedPair.Cluster secondary) {
        PairConfig pair = ProvisionedPair.of(target.spec(), primary, secondary);
        Optional<PairConfig> registered = pairs.find(pair.name());
        if (registered.isPresent() && !registered.get().equals(pair) && !provisioned(registered.get(), target)) {
            throw ApplicationFailure.newNonRetryableFailure("the worker already serves a pair named '" + pair.name()
                    + "' that provisioning did not make: kafka-dr does not replace it; give the spec another name",
                    ActivityFailures.BAD_INPUT);
        }
        try {
            return pairs.register(pair).toString();
        } catch (PairConfigException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ActivityFailures.BAD_INPUT);
        }
    }

    /** Whether {@code pair} is one provisioning registered for this spec: its secrets are the pair's AmazonMSK_ secrets. */
    private static boolean provisioned(PairConfig pair, ProvisionTarget target) {
        return pair.clusters().stream().allMatch(c -> c.security() != null && c.security().secretRef() != null
                && (c.security().secretRef().contains(":secret:" + target.names().secret(target.spec().primary()))
                || c.security().secretRef().contains(":secret:" + target.names().secret(target.spec().secondary()))));
    }

    // ---- teardown ---------------------------------------------------------------------------------------------

    @Override
    public List<ProvisionedResource> deleteConnect(ProvisionTarget target, Side side) {
        RegionSpec spec = target.spec().region(side);
        ConnectOnEcs ecs = ecs(target, side);
        String clusterName = target.names().ecsCluster(spec);
        List<ProvisionedResource> deleted = new ArrayList<>();
        var cluster = ecs.cluster(clusterName);
        if (cluster.isPresent()) {
            String service = target.names().connectService();
            Optional<Service> existing = ecs.service(clusterName, service);
            if (existing.isPresent() && "ACTIVE".equals(existing.get().status())) {
                ecs.deleteService(clusterName, service);
                deleted.add(new ProvisionedResource("ecs-service", existing.get().serviceArn(), spec.region(), DELETED));
            }
        }
        for (String arn : ecs.ownedRevisions(target.names().taskFamily(spec))) {
            ecs.deregister(arn);
            deleted.add(new ProvisionedResource("ecs-task-definition", arn, spec.region(), DELETED));
        }
        if (cluster.isPresent()) {
            ecs.deleteCluster(clusterName);
            deleted.add(new ProvisionedResource("ecs-cluster", cluster.get().clusterArn(), spec.region(), DELETED));
        }
        return deleted;
    }

    @Override
    public List<ProvisionedResource> deletePeering(ProvisionTarget target) {
        Ec2Network requester = ec2(target, Side.PRIMARY);
        Optional<VpcPeeringConnection> peering = requester.ownedPeering();
        if (peering.isEmpty()) {
            return List.of();
        }
        String id = peering.get().vpcPeeringConnectionId();
        List<ProvisionedResource> deleted = new ArrayList<>(requester.deleteRoutes(peering.get().requesterVpcInfo().vpcId(), id));
        deleted.addAll(ec2(target, Side.SECONDARY).deleteRoutes(peering.get().accepterVpcInfo().vpcId(), id));
        requester.deletePeering(id);
        deleted.add(new ProvisionedResource("vpc-peering", id, target.spec().primary().region(), DELETED));
        return deleted;
    }

    @Override
    public List<ProvisionedResource> deleteMskCluster(ProvisionTarget target, Side side) {
        MskClusters msk = msk(target, side);
        Optional<JsonNode> cluster = msk.find(target.names().mskCluster(target.spec().region(side)));
        if (cluster.isEmpty()) {
            return List.of();
        }
        String arn = cluster.get().path("clusterArn").asText();
        msk.delete(arn);
        return List.of(new ProvisionedResource("msk-cluster", arn, target.spec().region(side).region(), DELETED));
    }

    @Override
    public boolean mskClusterLeft(ProvisionTarget target, Side side) {
        return msk(target, side).anyNamed(target.names().mskCluster(target.spec().region(side))).isPresent();
    }

    @Override
    public List<ProvisionedResource> deleteSecret(ProvisionTarget target, Side side) {
        ScramSecrets secrets = secrets(target, side);
        var found = secrets.find(target.names().secret(target.spec().region(side)));
        if (found.isEmpty() || !secrets.owned(found.get())) {
            return List.of();
        }
        secrets.delete(found.get().arn());
        return List.of(new ProvisionedResource("secret", found.get().arn(), target.spec().region(side).region(), DELETED));
    }

    @Override
    public List<ProvisionedResource> deleteKey(ProvisionTarget target, Side side) {
        KmsKeys keys = kms(target, side);
        Optional<KeyMetadata> key = keys.find();
        if (key.isEmpty() || !keys.owned(key.get().keyId())) {
            return List.of();
        }
        keys.deleteAlias();
        keys.scheduleDeletion(key.get().keyId());
        return List.of(new ProvisionedResource("kms-key", key.get().arn() + " (deletion in 7 days)",
                target.spec().region(side).region(), DELETED));
    }

    @Override
    public List<ProvisionedResource> deleteNetwork(ProvisionTarget target, Side side) {
        Ec2Network ec2 = ec2(target, side);
        String region = target.spec().region(side).region();
        List<ProvisionedResource> deleted = new ArrayList<>();
        for (SecurityGroup group : ec2.ownedGroups()) {
            ec2.deleteGroup(group.groupId());
            deleted.add(new ProvisionedResource("security-group", group.groupId(), region, DELETED));
        }
        for (Subnet subnet : ec2.ownedSubnets()) {
            ec2.deleteSubnet(subnet.subnetId());
            deleted.add(new ProvisionedResource("subnet", subnet.subnetId(), region, DELETED));
        }
        for (Vpc vpc : ec2.ownedVpcs()) {
            ec2.deleteVpc(vpc.vpcId());
            deleted.add(new ProvisionedResource("vpc", vpc.vpcId(), region, DELETED));
        }
        return deleted;
    }

    // ---- clients ----------------------------------------------------------------------------------------------

    private static void requireOwned(boolean owned, String what, String region, ProvisionTarget target) {
        if (!owned) {
            throw ApplicationFailure.newNonRetryableFailure(what + " in " + region + " exists without the ownership tags "
                    + "of pair " + target.spec().name() + ": kafka-dr neither reuses nor deletes it; give the spec another "
                    + "name or remove it", ActivityFailures.BAD_INPUT);
        }
    }

    private AwsClients clients(ProvisionTarget target) {
        return endpoints.clients(target.endpointUrl());
    }

    private Ec2Network ec2(ProvisionTarget target, Side side) {
        String region = target.spec().region(side).region();
        return new Ec2Network(clients(target).ec2(region), region, target.names(), target.spec().tags());
    }

    private KmsKeys kms(ProvisionTarget target, Side side) {
        String region = target.spec().region(side).region();
        return new KmsKeys(clients(target).kms(region), region, target.names(), target.spec().tags());
    }

    private ScramSecrets secrets(ProvisionTarget target, Side side) {
        String region = target.spec().region(side).region();
        return new ScramSecrets(clients(target).secretsManager(region), region, target.names(), target.spec().tags());
    }

    private MskClusters msk(ProvisionTarget target, Side side) {
        String region = target.spec().region(side).region();
        return new MskClusters(new MskApi(clients(target), http), region, target.names(), target.spec().tags());
    }

    private ConnectOnEcs ecs(ProvisionTarget target, Side side) {
        String region = target.spec().region(side).region();
        return new ConnectOnEcs(clients(target).ecs(region), region, target.names(), target.spec().tags());
    }
}
