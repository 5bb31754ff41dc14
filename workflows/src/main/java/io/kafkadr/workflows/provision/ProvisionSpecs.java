package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.pair.PairConfigException;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.pair.PairValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a provisioning spec ({@link AwsProvisionSpec}) by the rules of pair configs
 * (unknown keys, wrong types, keys given twice are errors naming the key), and everything that would
 * otherwise fail late on AWS: overlapping CIDRs, a subnet outside its VPC, a broker count that does
 * not spread evenly over the availability zones, sizes AWS refuses. Pure: workflows call it too.
 */
public final class ProvisionSpecs {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9-]{0,14}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern KAFKA_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(\\.[a-z0-9]+)?");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
    private static final Pattern TARGET_GROUP_ARN = Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:.+:targetgroup/.+");
    private static final Set<Integer> FARGATE_CPU = Set.of(256, 512, 1024, 2048, 4096, 8192, 16384);
    static final String SHAPE = "kind (aws-provision), name, workerCidr, primary, secondary, msk, connect, pair "
            + "(see pairs/aws-example.yaml)";

    private ProvisionSpecs() {
    }

    public static AwsProvisionSpec parseFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PairConfigException(file.toString(), List.of("file not found (working directory "
                    + Path.of("").toAbsolutePath() + ")"));
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new PairConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    public static AwsProvisionSpec parse(String text, String source) {
        return validate(PairConfigParser.read(text, source, AwsProvisionSpec.class, SHAPE), source);
    }

    /** Returns the spec, or throws with every problem found. */
    public static AwsProvisionSpec validate(AwsProvisionSpec spec, String source) {
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new PairConfigException(source, problems);
        }
        return spec;
    }

    public static List<String> problems(AwsProvisionSpec spec) {
        if (spec == null) {
            return List.of("the spec is empty: give " + SHAPE);
        }
        List<String> p = new ArrayList<>();
        if (!AwsProvisionSpec.KIND.equals(spec.kind())) {
            p.add("kind: must be '" + AwsProvisionSpec.KIND + "' (got '" + spec.kind() + "'): it tells the worker's "
                    + "pairs folders that this file is a provisioning spec, not a pair");
        }
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            p.add("name: required, 2 to 32 lower-case letters, digits and '-', starting with a letter (got '"
                    + spec.name() + "'): it prefixes every resource's name");
        }
        spec.tags().forEach((k, v) -> {
            if (k.startsWith("kafka-dr:") || k.startsWith("aws:") || k.equals(ProvisionNames.NAME_TAG)) {
                p.add("tags." + k + ": kafka-dr sets the tags kafka-dr:*, Name and AWS the aws:* tags itself; remove it");
            }
        });
        Optional<Cidr> worker = cidr("workerCidr", spec.workerCidr(), p);
        region("primary", spec.primary(), p);
        region("secondary", spec.secondary(), p);
        if (spec.primary() != null && spec.secondary() != null) {
            if (spec.primary().alias() != null && spec.primary().alias().equals(spec.secondary().alias())) {
                p.add("secondary.alias: must differ from primary.alias ('" + spec.primary().alias() + "')");
            }
            if (spec.primary().region() != null && spec.primary().region().equals(spec.secondary().region())) {
                p.add("secondary.region: must differ from primary.region ('" + spec.primary().region()
                        + "'): the pair is for a regional outage");
            }
            Optional<Cidr> a = Cidr.parse(spec.primary().vpcCidr());
            Optional<Cidr> b = Cidr.parse(spec.secondary().vpcCidr());
            if (a.isPresent() && b.isPresent() && a.get().overlaps(b.get())) {
                p.add("secondary.vpcCidr: " + spec.secondary().vpcCidr() + " overlaps primary.vpcCidr "
                        + spec.primary().vpcCidr() + ": VPC peering needs disjoint blocks; pick another");
            }
            for (RegionSpec side : List.of(spec.primary(), spec.secondary())) {
                Optional<Cidr> vpc = Cidr.parse(side.vpcCidr());
                if (worker.isPresent() && vpc.isPresent() && worker.get().overlaps(vpc.get())) {
                    p.add("workerCidr: " + spec.workerCidr() + " overlaps " + side.alias() + "'s vpcCidr " + side.vpcCidr()
                            + ": the worker runs outside both VPCs (or give existing VPCs by vpcId)");
                }
            }
        }
        msk(spec, p);
        connect(spec.connect(), p);
        if (spec.pair() == null || spec.pair().topics() == null) {
            p.add("pair.topics: required: the topics to mirror (names: [...] or regex: ...), as in a pair config");
        } else {
            bindings(spec.pair(), p);
        }
        if (p.isEmpty() && spec.pair() != null) {
            for (String problem : PairValidator.problems(ProvisionedPair.of(spec, ProvisionedPair.Cluster.placeholder(),
                    ProvisionedPair.Cluster.placeholder()))) {
                p.add("pair: " + problem);
            }
        }
        return p;
    }

    /**
     * Client bindings decide what the worker runs and calls; a workflow input (which this spec
     * becomes) must not: they are added to the registered pair file on the worker's host.
     */
    private static void bindings(PairSettings pair, List<String> p) {
        String why = ": bindings decide what the worker runs and calls, so a workflow input may not bring them; leave "
                + "it out and add the bindings to the provisioned pair's file with `drctl pair register` on the worker's host";
        for (int i = 0; i < (pair.consumerGroups() == null ? 0 : pair.consumerGroups().size()); i++) {
            if (pair.consumerGroups().get(i) != null && pair.consumerGroups().get(i).binding() != null) {
                p.add("pair.consumerGroups[" + i + "].binding" + why);
            }
        }
        for (int i = 0; i < (pair.producers() == null ? 0 : pair.producers().size()); i++) {
            if (pair.producers().get(i) != null && pair.producers().get(i).binding() != null) {
                p.add("pair.producers[" + i + "].binding" + why);
            }
        }
    }

    private static void region(String key, RegionSpec side, List<String> p) {
        if (side == null) {
            p.add(key + ": required: alias, region, vpcCidr and subnetCidrs (or vpcId and subnetIds), connectUrl");
            return;
        }
        if (side.alias() == null || !ALIAS.matcher(side.alias()).matches()) {
            p.add(key + ".alias: required, up to 15 lower-case letters, digits and '-' (got '" + side.alias() + "')");
        }
        if (side.region() == null) {
            p.add(key + ".region: required, the AWS region (e.g. us-east-1)");
        } else if (!REGION.matcher(side.region()).matches()) {
            p.add(key + ".region: not an AWS region name (got '" + side.region() + "'; e.g. us-east-1)");
        }
        if (side.vpcId() != null && side.vpcCidr() != null) {
            p.add(key + ": give vpcId (an existing VPC) or vpcCidr (a VPC to create), not both");
        } else if (side.vpcId() == null && side.vpcCidr() == null) {
            p.add(key + ": give vpcId (an existing VPC) or vpcCidr (a VPC to create)");
        }
        if (side.vpcId() != null) {
            if (!VPC_ID.matcher(side.vpcId()).matches()) {
                p.add(key + ".vpcId: not a VPC id (got '" + side.vpcId() + "'; e.g. vpc-0a1b2c3d)");
            }
            if (!side.subnetCidrs().isEmpty()) {
                p.add(key + ".subnetCidrs: with an existing VPC give subnetIds, not subnetCidrs");
            }
            if (side.subnetIds().size() < 2) {
                p.add(key + ".subnetIds: at least 2 subnets of " + side.vpcId() + ", each in another availability zone");
            }
            side.subnetIds().stream().filter(s -> !SUBNET_ID.matcher(String.valueOf(s)).matches())
                    .forEach(s -> p.add(key + ".subnetIds: not a subnet id: '" + s + "'"));
        }
        if (side.vpcCidr() != null) {
            Optional<Cidr> vpc = cidr(key + ".vpcCidr", side.vpcCidr(), p);
            vpc.filter(c -> c.prefix() < 16 || c.prefix() > 28).ifPresent(c -> p.add(key + ".vpcCidr: a VPC's block is "
                    + "/16 to /28 (got /" + c.prefix() + ")"));
            if (!side.subnetIds().isEmpty()) {
                p.add(key + ".subnetIds: a VPC to create gets subnetCidrs, not subnetIds");
            }
            if (side.subnetCidrs().size() < 2) {
                p.add(key + ".subnetCidrs: at least 2, one per availability zone (MSK spreads brokers over them)");
            }
            List<Cidr> subnets = new ArrayList<>();
            for (int i = 0; i < side.subnetCidrs().size(); i++) {
                String at = key + ".subnetCidrs[" + i + "]";
                Optional<Cidr> subnet = cidr(at, side.subnetCidrs().get(i), p);
                if (subnet.isEmpty()) {
                    continue;
                }
                if (vpc.isPresent() && !vpc.get().contains(subnet.get())) {
                    p.add(at + ": " + side.subnetCidrs().get(i) + " is not inside vpcCidr " + side.vpcCidr());
                }
                for (int j = 0; j < subnets.size(); j++) {
                    if (subnets.get(j).overlaps(subnet.get())) {
                        p.add(at + ": " + side.subnetCidrs().get(i) + " overlaps " + key + ".subnetCidrs[" + j + "]");
                    }
                }
                subnets.add(subnet.get());
            }
        }
        if (side.connectUrl() == null) {
            p.add(key + ".connectUrl: required: the URL of the internal load balancer in front of the Connect "
                    + "service (http://<host>:8083), which the worker calls");
        } else if (!side.connectUrl().matches("https?://[^/\\s]+(/.*)?")) {
            p.add(key + ".connectUrl: not an http(s) URL (got '" + side.connectUrl() + "')");
        }
        if (side.connectTargetGroupArn() != null && !TARGET_GROUP_ARN.matcher(side.connectTargetGroupArn()).matches()) {
            p.add(key + ".connectTargetGroupArn: not a target group ARN (got '" + side.connectTargetGroupArn() + "')");
        }
    }

    private static void msk(AwsProvisionSpec spec, List<String> p) {
        MskSpec msk = spec.msk();
        if (msk == null) {
            p.add("msk: required: brokerCount, instanceType, kafkaVersion, volumeGb (iam optional)");
            return;
        }
        if (msk.brokerCount() < 1) {
            p.add("msk.brokerCount: at least 1 (got " + msk.brokerCount() + ")");
        }
        for (RegionSpec side : new RegionSpec[] {spec.primary(), spec.secondary()}) {
            if (side != null && side.zones() >= 2 && msk.brokerCount() % side.zones() != 0) {
                p.add("msk.brokerCount: " + msk.brokerCount() + " is not a multiple of the " + side.zones()
                        + " availability zones of " + side.alias() + ": MSK puts the same number of brokers in each "
                        + "zone (give " + side.zones() * Math.max(1, (msk.brokerCount() + side.zones() - 1) / side.zones())
                        + ")");
            }
        }
        if (msk.instanceType() == null || !msk.instanceType().startsWith("kafka.")) {
            p.add("msk.instanceType: required, an MSK broker type such as kafka.m5.large (got '" + msk.instanceType() + "')");
        }
        if (msk.kafkaVersion() == null || !KAFKA_VERSION.matcher(msk.kafkaVersion()).matches()) {
            p.add("msk.kafkaVersion: required, a version MSK offers such as 3.6.0 (got '" + msk.kafkaVersion() + "')");
        }
        if (msk.volumeGb() < 1 || msk.volumeGb() > 16384) {
            p.add("msk.volumeGb: EBS storage per broker in GiB, 1 to 16384 (got " + msk.volumeGb() + ")");
        }
    }

    private static void connect(ConnectSpec c, List<String> p) {
        if (c == null) {
            p.add("connect: required: image, cpu, memory, tasks, taskRoleArn, executionRoleArn");
            return;
        }
        if (c.image() == null || c.image().isBlank()) {
            p.add("connect.image: required: the Connect image built from deploy/aws/connect");
        }
        if (!FARGATE_CPU.contains(c.cpu())) {
            p.add("connect.cpu: Fargate CPU units, one of " + FARGATE_CPU.stream().sorted().toList() + " (got " + c.cpu() + ")");
        }
        if (c.memory() < 512) {
            p.add("connect.memory: MiB, at least 512 and a size Fargate accepts for the cpu (got " + c.memory() + ")");
        }
        if (c.tasks() < 2) {
            p.add("connect.tasks: at least 2 Connect workers (got " + c.tasks() + "): one task's restart must not stop replication");
        }
        if (c.taskRoleArn() == null || !ROLE_ARN.matcher(c.taskRoleArn()).matches()) {
            p.add("connect.taskRoleArn: required, an IAM role ARN (deploy/aws/iam: the Connect task role); got '"
                    + c.taskRoleArn() + "'");
        }
        if (c.executionRoleArn() == null || !ROLE_ARN.matcher(c.executionRoleArn()).matches()) {
            p.add("connect.executionRoleArn: required, an IAM role ARN (deploy/aws/iam: the ECS task execution role); got '"
                    + c.executionRoleArn() + "'");
        }
    }

    private static Optional<Cidr> cidr(String key, String value, List<String> p) {
        if (value == null) {
            p.add(key + ": required, an IPv4 CIDR block (e.g. 10.0.0.0/16)");
            return Optional.empty();
        }
        Optional<Cidr> cidr = Cidr.parse(value);
        if (cidr.isEmpty()) {
            p.add(key + ": not an IPv4 CIDR block (got '" + value + "'; e.g. 10.0.0.0/16)");
        }
        return cidr;
    }
}
