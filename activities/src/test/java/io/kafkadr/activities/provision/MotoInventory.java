package io.kafkadr.activities.provision;

import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.aws.MskApi;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.Side;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * What moto holds of a provisioned pair (owned, live), by kind, both regions together: counted with
 * plain SDK calls, independently of the adapters under test. Shared with the e2e tests (test-jar).
 */
public final class MotoInventory {

    private MotoInventory() {
    }

    public static Map<String, Integer> of(AwsClients aws, AwsProvisionSpec spec) {
        Map<String, Integer> n = new TreeMap<>();
        for (String region : List.of(spec.region(Side.PRIMARY).region(), spec.region(Side.SECONDARY).region())) {
            var ec2 = aws.ec2(region);
            Filter pair = Filter.builder().name("tag:kafka-dr:pair").values(spec.name()).build();
            add(n, "vpcs", ec2.describeVpcs(r -> r.filters(pair)).vpcs().size());
            add(n, "subnets", ec2.describeSubnets(r -> r.filters(pair)).subnets().size());
            add(n, "security-groups", ec2.describeSecurityGroups(r -> r.filters(pair)).securityGroups().size());
            if (region.equals(spec.primary().region())) {
                add(n, "peerings-active", (int) ec2.describeVpcPeeringConnections(r -> r.filters(pair))
                        .vpcPeeringConnections().stream().filter(p -> p.status().codeAsString().equals("active")).count());
            }
            add(n, "kms-keys-enabled", (int) aws.kms(region).listKeys().keys().stream().filter(k -> aws.kms(region)
                    .describeKey(r -> r.keyId(k.keyId())).keyMetadata().keyStateAsString().equals("Enabled")).count());
            add(n, "secrets", aws.secretsManager(region).listSecrets().secretList().size());
            add(n, "msk-clusters", new MskApi(aws).listClustersV2(region, spec.name()).size());
            var ecs = aws.ecs(region);
            add(n, "ecs-clusters", (int) ecs.describeClusters(r -> r.clusters(ecs.listClusters().clusterArns()))
                    .clusters().stream().filter(c -> c.status().equals("ACTIVE")).count());
            for (String cluster : ecs.listClusters().clusterArns()) {
                add(n, "ecs-services-active", (int) ecs.describeServices(r -> r.cluster(cluster).services(
                        ecs.listServices(s -> s.cluster(cluster)).serviceArns())).services().stream()
                        .filter(s -> s.status().equals("ACTIVE")).count());
            }
            add(n, "task-definitions", ecs.listTaskDefinitions(r -> r.status("ACTIVE")).taskDefinitionArns().size());
        }
        return n;
    }

    /** {@code n} without the kinds counted 0: what is left. */
    public static Map<String, Integer> nonZero(Map<String, Integer> n) {
        Map<String, Integer> left = new TreeMap<>(n);
        left.values().removeIf(v -> v == 0);
        return left;
    }

    private static void add(Map<String, Integer> n, String key, int count) {
        n.merge(key, count, Integer::sum);
    }
}
