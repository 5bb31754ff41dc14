package io.kafkadr.activities.aws;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.provision.ConnectSpec;
import io.kafkadr.workflows.provision.ProvisionNames;
import io.kafkadr.workflows.provision.ServiceStatus;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * Kafka Connect on ECS Fargate in one region: the ECS cluster, the Connect task definition and
 * the service. The task definition carries the bootstrap servers and group as environment and the
 * SCRAM credentials as {@code secrets} from Secrets Manager (the ECS agent reads them with the
 * execution role): no credential is ever a plain environment value of the task definition.
 */
public final class ConnectOnEcs {

    public static final String CONTAINER = "connect";

    private final EcsClient ecs;
    private final String region;
    private final ProvisionNames names;
    private final Map<String, String> extraTags;

    public ConnectOnEcs(EcsClient ecs, String region, ProvisionNames names, Map<String, String> extraTags) {
        this.ecs = ecs;
        this.region = region;
        this.names = names;
        this.extraTags = extraTags;
    }

    /** The ACTIVE cluster named {@code name}; a clear error when it is not kafka-dr's. */
    public Optional<Cluster> cluster(String name) {
        Optional<Cluster> found = AwsFailures.call("describing ECS cluster " + name + " in " + region, () -> ecs
                .describeClusters(r -> r.clusters(name).include(ClusterField.TAGS)).clusters()).stream()
                .filter(c -> "ACTIVE".equals(c.status())).findFirst();
        found.filter(c -> !names.owns(tags(c.tags()))).ifPresent(c -> {
            throw ApplicationFailure.newNonRetryableFailure("ECS cluster " + name + " in " + region + " exists without the "
                    + "ownership tags of pair " + names.pair() + ": kafka-dr neither reuses nor deletes it; rename the "
                    + "pair (name) or remove that cluster", ActivityFailures.BAD_INPUT);
        });
        return found;
    }

    public String createCluster(String name) {
        return AwsFailures.call("creating ECS cluster " + name + " in " + region, () -> ecs.createCluster(r -> r
                .clusterName(name).tags(ecsTags(name))).cluster().clusterArn());
    }

    /** The latest ACTIVE revision of {@code family}, with its tags. */
    public Optional<TaskDefinition> latest(String family) {
        List<String> arns = AwsFailures.call("listing task definitions " + family, () -> ecs.listTaskDefinitions(r -> r
                .familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns());
        return arns.stream().filter(a -> a.contains(":task-definition/" + family + ":")).findFirst()
                .map(arn -> AwsFailures.call("describing task definition " + arn, () -> ecs.describeTaskDefinition(r -> r
                        .taskDefinition(arn).include(TaskDefinitionField.TAGS)).taskDefinition()));
    }

    /** The task definition the spec asks for (compared with {@link #same}). */
    public TaskDefinition wanted(String family, ConnectSpec spec, String bootstrapServers, String group, String secretArn,
                                 String alias) {
        return TaskDefinition.builder().family(family).cpu(Integer.toString(spec.cpu()))
                .memory(Integer.toString(spec.memory())).taskRoleArn(spec.taskRoleArn())
                .executionRoleArn(spec.executionRoleArn()).networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .containerDefinitions(ContainerDefinition.builder().name(CONTAINER).image(spec.image()).essential(true)
                        .portMappings(PortMapping.builder().containerPort(ProvisionNames.CONNECT_PORT)
                                .protocol(TransportProtocol.TCP).build())
                        .environment(env("CONNECT_BOOTSTRAP_SERVERS", bootstrapServers), env("CONNECT_GROUP_ID", group))
                        .secrets(secret(ProvisionNames.CONNECT_SECRET_ENV + "_USERNAME", secretArn + ":username::"),
                                secret(ProvisionNames.CONNECT_SECRET_ENV + "_PASSWORD", secretArn + ":password::"))
                        .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                                "awslogs-group", names.logGroup(), "awslogs-region", region,
                                "awslogs-stream-prefix", alias, "awslogs-create-group", "true")).build())
                        .build())
                .build();
    }

    /** Whether a registered revision is the wanted one (what a re-run compares before registering another). */
    public static boolean same(TaskDefinition registered, TaskDefinition wanted) {
        ContainerDefinition a = registered.containerDefinitions().isEmpty() ? null : registered.containerDefinitions().get(0);
        ContainerDefinition b = wanted.containerDefinitions().get(0);
        return a != null && eq(registered.cpu(), wanted.cpu()) && eq(registered.memory(), wanted.memory())
                && eq(registered.taskRoleArn(), wanted.taskRoleArn())
                && eq(registered.executionRoleArn(), wanted.executionRoleArn()) && eq(a.image(), b.image())
                && Set.copyOf(a.environment()).equals(Set.copyOf(b.environment()))
                && Set.copyOf(a.secrets()).equals(Set.copyOf(b.secrets()));
    }

    public String register(TaskDefinition wanted) {
        return AwsFailures.call("registering task definition " + wanted.family() + " in " + region, () -> ecs
                .registerTaskDefinition(r -> r.family(wanted.family()).cpu(wanted.cpu()).memory(wanted.memory())
                        .taskRoleArn(wanted.taskRoleArn()).executionRoleArn(wanted.executionRoleArn())
                        .networkMode(wanted.networkMode()).requiresCompatibilities(wanted.requiresCompatibilities())
                        .containerDefinitions(wanted.containerDefinitions()).tags(ecsTags(wanted.family())))
                .taskDefinition().taskDefinitionArn());
    }

    /** The service (ACTIVE or DRAINING), if any. */
    public Optional<Service> service(String cluster, String name) {
        return AwsFailures.call("describing ECS service " + name + " in " + cluster, () -> ecs.describeServices(r -> r
                .cluster(cluster).services(name)).services()).stream().filter(s -> !"INACTIVE".equals(s.status())).findFirst();
    }

    /** Creates the service with no task running; the client token makes a retried call create it once. */
    public String createService(String cluster, String name, String taskDefinition, List<String> subnets,
                                String securityGroup, String targetGroupArn) {
        String token = UUID.nameUUIDFromBytes((region + "|" + cluster + "|" + name).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
        return AwsFailures.call("creating ECS service " + name + " in " + cluster, () -> ecs.createService(r -> {
            r.cluster(cluster).serviceName(name).taskDefinition(taskDefinition).desiredCount(0)
                    .launchType(LaunchType.FARGATE).clientToken(token).tags(ecsTags(name))
                    .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets).securityGroups(securityGroup)
                            .assignPublicIp(AssignPublicIp.DISABLED)));
            if (targetGroupArn != null) {
                r.loadBalancers(LoadBalancer.builder().targetGroupArn(targetGroupArn).containerName(CONTAINER)
                        .containerPort(ProvisionNames.CONNECT_PORT).build());
            }
        }).service().serviceArn());
    }

    public void update(String cluster, String service, String taskDefinition, Integer desired) {
        AwsFailures.call("updating ECS service " + service + " in " + cluster, () -> ecs.updateService(r -> r
                .cluster(cluster).service(service).taskDefinition(taskDefinition).desiredCount(desired)));
    }

    public ServiceStatus status(String cluster, String name) {
        Service s = service(cluster, name).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("ECS service " + name
                + " does not exist in " + cluster + " (" + region + "): run the provisioning again", ActivityFailures.BAD_INPUT));
        return new ServiceStatus(cluster + "/" + name, s.status(), s.desiredCount(), s.runningCount(), s.pendingCount(),
                s.deployments().size());
    }

    public void deleteService(String cluster, String name) {
        AwsFailures.call("deleting ECS service " + name + " in " + cluster, () -> ecs.deleteService(r -> r.cluster(cluster)
                .service(name).force(true)));
    }

    /** Deletes the cluster; retried (NotReady) while a deleted service still drains. */
    public void deleteCluster(String cluster) {
        boolean draining = AwsFailures.call("listing the services of " + cluster, () -> ecs.listServices(r -> r
                .cluster(cluster)).serviceArns()).stream().anyMatch(arn -> service(cluster, arn.substring(
                arn.lastIndexOf('/') + 1)).isPresent());
        if (draining) {
            throw ApplicationFailure.newFailure("ECS cluster " + cluster + " still has a service draining; retried",
                    ActivityFailures.NOT_READY);
        }
        AwsFailures.call("deleting ECS cluster " + cluster, () -> ecs.deleteCluster(r -> r.cluster(cluster)));
    }

    /** Every ACTIVE revision of {@code family} that carries the pair's ownership tags. */
    public List<String> ownedRevisions(String family) {
        List<String> arns = AwsFailures.call("listing task definitions " + family, () -> ecs.listTaskDefinitions(r -> r
                .familyPrefix(family).status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns());
        return arns.stream().filter(a -> a.contains(":task-definition/" + family + ":"))
                .filter(arn -> names.owns(tags(AwsFailures.call("listing the tags of " + arn, () -> ecs.listTagsForResource(
                        r -> r.resourceArn(arn)).tags())))).toList();
    }

    public void deregister(String arn) {
        AwsFailures.call("deregistering task definition " + arn, () -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)));
    }

    private List<Tag> ecsTags(String name) {
        return names.tags(extraTags, name).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                .build()).toList();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
    }

    private static KeyValuePair env(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }

    private static Secret secret(String name, String valueFrom) {
        return Secret.builder().name(name).valueFrom(valueFrom).build();
    }

    private static boolean eq(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
