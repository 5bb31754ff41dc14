package io.kafkadr.workflows.provision;

import static io.kafkadr.workflows.provision.Side.PRIMARY;
import static io.kafkadr.workflows.provision.Side.SECONDARY;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.operation.Timeline;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

public class ProvisionWorkflowImpl implements ProvisionWorkflow {

    private final ProvisionActivities aws = ProvisionOptions.activities();
    private final Timeline timeline = new Timeline();
    private final List<ProvisionedResource> resources = new ArrayList<>();
    private ProvisionTarget target;
    private boolean plan;

    @Override
    public ProvisionResult provision(ProvisionRequest request) {
        AwsProvisionSpec spec = checked(request);
        target = new ProvisionTarget(spec, request.endpointUrl());
        plan = request.plan();
        timeline.tag(spec.name(), plan ? "provision-plan" : "provision");

        Map<Side, Network> networks = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            networks.put(side, record(timeline.step("network " + alias(side), region(side),
                    () -> aws.network(target, side, plan))));
        }
        requireDisjoint(networks.get(PRIMARY), networks.get(SECONDARY));
        for (Side side : Side.values()) {
            resources.addAll(timeline.step("security group " + alias(side), "Kafka and Connect from the peer and the worker",
                    () -> aws.securityRules(target, side, networks.get(side), networks.get(side.other()).vpcCidr(), plan)));
        }
        record(timeline.step("vpc peering", region(PRIMARY) + " <-> " + region(SECONDARY),
                () -> aws.peering(target, networks.get(PRIMARY), networks.get(SECONDARY), plan)));

        Map<Side, String> secrets = new EnumMap<>(Side.class);
        Map<Side, String> clusters = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            String key = record(timeline.step("kms key " + alias(side), target.names().keyAlias(),
                    () -> aws.kmsKey(target, side, plan))).id();
            secrets.put(side, record(timeline.step("scram secret " + alias(side), target.names().secret(spec.region(side)),
                    () -> aws.scramSecret(target, side, key, plan))).id());
            clusters.put(side, record(timeline.step("msk cluster " + alias(side), target.names().mskCluster(spec.region(side)),
                    () -> aws.mskCluster(target, side, networks.get(side), key, plan))).id());
        }
        if (plan) {
            for (Side side : Side.values()) {
                record(timeline.step("connect " + alias(side), "ECS Fargate in " + region(side),
                        () -> aws.connectService(target, side, networks.get(side), null, secrets.get(side), true)));
            }
            timeline.done("planned", summary());
            return new ProvisionResult(spec.name(), true, List.copyOf(resources), null, null, timeline.steps());
        }

        Map<Side, MskStatus> statuses = waitActive(clusters);
        requireMatching(statuses);
        Map<Side, String> bootstrap = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            resources.addAll(timeline.step("associate secret " + alias(side), "SCRAM credentials of the cluster",
                    () -> aws.associateScramSecret(target, side, clusters.get(side), secrets.get(side))));
            bootstrap.put(side, timeline.step("bootstrap brokers " + alias(side), "SASL/SCRAM listener",
                    () -> aws.bootstrapBrokers(target, side, clusters.get(side))));
        }
        for (Side side : Side.values()) {
            record(timeline.step("connect " + alias(side), "ECS Fargate in " + region(side), () -> aws.connectService(
                    target, side, networks.get(side), bootstrap.get(side),
                    secrets.get(side), false)));
        }
        // Connect next to the secondary replicates into it; the primary's waits at zero for a failback
        scaleAndWait(SECONDARY, spec.connect().tasks());
        scaleAndWait(PRIMARY, 0);

        ProvisionedPair.Cluster primary = new ProvisionedPair.Cluster(bootstrap.get(PRIMARY), secrets.get(PRIMARY));
        ProvisionedPair.Cluster secondary = new ProvisionedPair.Cluster(bootstrap.get(SECONDARY), secrets.get(SECONDARY));
        PairConfig pair = ProvisionedPair.of(spec, primary, secondary);
        String registeredAs = timeline.step("register pair", spec.name(), () -> aws.registerPair(target, primary, secondary));
        timeline.done("completed", summary());
        return new ProvisionResult(spec.name(), false, List.copyOf(resources), pair, registeredAs, timeline.steps());
    }

    /** The spec, validated here as well: a run started by hand gets the same checks as drctl's. */
    static AwsProvisionSpec checked(ProvisionRequest request) {
        if (request == null || request.spec() == null) {
            throw ApplicationFailure.newNonRetryableFailure("empty input: give {\"spec\": {...the provisioning spec...}, "
                    + "\"endpointUrl\": null, \"plan\": false}", ActivityFailures.BAD_INPUT);
        }
        return validated(request.spec());
    }

    static AwsProvisionSpec validated(AwsProvisionSpec spec) {
        try {
            return ProvisionSpecs.validate(spec, "in the workflow input");
        } catch (PairConfigException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ActivityFailures.BAD_INPUT);
        }
    }

    private void requireDisjoint(Network primary, Network secondary) {
        if (primary.vpcCidr() != null && secondary.vpcCidr() != null
                && Cidr.parse(primary.vpcCidr()).orElseThrow().overlaps(Cidr.parse(secondary.vpcCidr()).orElseThrow())) {
            throw ApplicationFailure.newNonRetryableFailure("the VPCs' CIDR blocks overlap (" + primary.vpcId() + " "
                    + primary.vpcCidr() + ", " + secondary.vpcId() + " " + secondary.vpcCidr() + "): VPC peering "
                    + "needs disjoint blocks; give another VPC", ActivityFailures.BAD_INPUT);
        }
    }

    /** Both clusters polled together (they are created together): describe, sleep, until both are ACTIVE. */
    private Map<Side, MskStatus> waitActive(Map<Side, String> clusters) {
        Map<Side, MskStatus> statuses = new EnumMap<>(Side.class);
        timeline.step("wait msk active", "both clusters (15-40 minutes on AWS)", () -> {
            ProvisionOptions.waitUntil("both MSK clusters ACTIVE", ProvisionOptions.MSK_WAIT, () -> {
                for (Side side : Side.values()) {
                    if (statuses.containsKey(side) && statuses.get(side).active()) {
                        continue;
                    }
                    MskStatus status = aws.describeMsk(target, side, clusters.get(side));
                    if (MskStatus.FAILED.equals(status.state())) {
                        throw ApplicationFailure.newNonRetryableFailure("MSK cluster " + status.arn() + " is FAILED: see "
                                + "its stateInfo in the MSK console; tear down and provision again", ActivityFailures.BAD_INPUT);
                    }
                    statuses.put(side, status);
                }
                timeline.at("wait msk active", alias(PRIMARY) + " " + statuses.get(PRIMARY).state() + ", "
                        + alias(SECONDARY) + " " + statuses.get(SECONDARY).state());
                return statuses.values().stream().allMatch(MskStatus::active);
            });
            return null;
        });
        return statuses;
    }

    /** Runbook step 1: the secondary matches the primary (brokers, instance type, version, security). */
    private void requireMatching(Map<Side, MskStatus> statuses) {
        List<String> differences = statuses.get(PRIMARY).shape().differences(alias(PRIMARY), statuses.get(SECONDARY).shape(),
                alias(SECONDARY));
        timeline.step("clusters match", differences.isEmpty() ? "same brokers, type, version and security"
                : String.join("; ", differences), () -> null);
        if (!differences.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("the MSK clusters differ: " + String.join("; ", differences)
                    + ": make them match (an existing cluster of that name is reused as it is), then run again",
                    ActivityFailures.BAD_INPUT);
        }
    }

    private void scaleAndWait(Side side, int desired) {
        timeline.step("connect stable " + alias(side), desired + " task(s)", () -> {
            ServiceStatus scaled = aws.scaleConnect(target, side, desired);
            ProvisionOptions.waitUntil("Connect service in " + region(side) + " stable", ProvisionOptions.SERVICE_WAIT, () -> {
                ServiceStatus status = aws.describeConnect(target, side);
                timeline.at("connect stable " + alias(side), status.describe());
                return status.stable();
            });
            return scaled;
        });
    }

    private Found record(Found found) {
        resources.addAll(found.resources());
        return found;
    }

    private Network record(Network network) {
        resources.addAll(network.resources());
        return network;
    }

    private ConnectService record(ConnectService service) {
        resources.addAll(service.resources());
        return service;
    }

    private String summary() {
        Map<String, Long> byAction = new java.util.TreeMap<>();
        resources.forEach(r -> byAction.merge(r.action(), 1L, Long::sum));
        return byAction.isEmpty() ? "nothing" : byAction.toString();
    }

    private String alias(Side side) {
        return target.spec().region(side).alias();
    }

    private String region(Side side) {
        return target.spec().region(side).region();
    }

    @Override
    public Progress progress() {
        return timeline.progress();
    }
}
