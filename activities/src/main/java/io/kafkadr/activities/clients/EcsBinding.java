package io.kafkadr.activities.clients;

import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.aws.AwsFailures;
import io.kafkadr.activities.common.Waiting;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.BindingType;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * The {@code ecs} binding: an application running as an ECS service next to each cluster
 * ({@code primary.*}, {@code secondary.*}; one service for both when they name the same).
 *
 * <p>Start on a cluster: take the task definition of that side's service, set the container's
 * {@code bootstrapEnv} to the cluster's bootstrap servers and its {@code secretEnv} variables to
 * the cluster's {@code aws-secretsmanager:} secret ARN (a reference, never a value), reuse a
 * revision that already is exactly that (the service's current one, the one it ran before
 * kafka-dr's last change, or the family's latest) or register one, update the service to it with
 * its desired count and wait until it is stable. Stop: every side's service to 0 tasks (the count
 * it had is kept in a service tag for the next start), wait until none runs. Health: the service
 * runs its revision, in one deployment, with every desired task running. A rollback is a stop and
 * a start on the cluster it came from: that start finds the revision the service ran there before
 * and returns to it, registering nothing. What it needs to be idempotent lives in AWS (service
 * tags, the revisions themselves): a re-run registers nothing new.
 */
public class EcsBinding implements BindingPlugin {

    /** Service tag: the task definition the service ran before kafka-dr's last change of it. */
    static final String PREVIOUS_TAG = "kafka-dr:previous-task-definition";
    /** Service tag: the desired count the service had when kafka-dr stopped it. */
    static final String COUNT_TAG = "kafka-dr:desired-count";
    static final String PRIMARY = "primary";
    static final String SECONDARY = "secondary";
    private static final String SECRET_PREFIX = "aws-secretsmanager:";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** How long a service may take to become stable (or stopped) within one attempt; then the activity retries. */
    static final Duration STABLE_TIMEOUT = Duration.ofMinutes(10);

    private final AwsClients aws;
    private final Duration poll;

    public EcsBinding(AwsClients aws) {
        this(aws, Duration.ofSeconds(5));
    }

    EcsBinding(AwsClients aws, Duration poll) {
        this.aws = aws;
        this.poll = poll;
    }

    /** One side's service. */
    record Side(String role, String region, String cluster, String service) {

        String label() {
            return "ECS service " + service + " (cluster " + cluster + ", " + region + ")";
        }
    }

    @Override
    public String type() {
        return BindingType.ECS;
    }

    @Override
    public List<String> validate(PairConfig pair, ClientRef client) {
        List<String> p = new ArrayList<>();
        ClientBinding b = client.binding();
        for (String role : List.of(PRIMARY, SECONDARY)) {
            if (region(pair, b, role).isEmpty()) {
                p.add("ecs binding needs settings." + role + ".region, or a region on the pair's " + role + " cluster");
            }
        }
        try {
            if (!secretEnv(b).isEmpty()) {
                pair.clusters().stream().filter(c -> secretArn(c).isEmpty()).forEach(c -> p.add("ecs binding's "
                        + "settings.secretEnv takes the secret of cluster " + c.alias() + " from its security.secretRef, "
                        + "which is not 'aws-secretsmanager:<arn>'; give it one or leave secretEnv out"));
            }
        } catch (IllegalArgumentException e) {
            p.add(e.getMessage());
        }
        String count = BindingType.ECS_DESIRED_COUNT.valueIn(b);
        if (!count.isBlank() && !count.matches("[1-9][0-9]{0,4}")) {
            p.add("ecs binding's settings.desiredCount: a whole number of tasks, at least 1 (got '" + count
                    + "'); leave it out to restart with the count the service had");
        }
        return p;
    }

    @Override
    public void stop(PairConfig pair, ClientRef client) {
        List<Side> sides = Stream.of(PRIMARY, SECONDARY).map(r -> side(pair, client, r)).distinct().toList();
        for (Side side : sides) {
            Service s = service(side);
            if (s.desiredCount() != null && s.desiredCount() > 0) {
                tag(side, s.serviceArn(), Map.of(COUNT_TAG, String.valueOf(s.desiredCount())));
                AwsFailures.call("scaling " + side.label() + " to 0", () -> ecs(side).updateService(u -> u
                        .cluster(side.cluster()).service(side.service()).desiredCount(0)));
            }
        }
        for (Side side : sides) {
            await(client, side, "stop", EcsRevisions::running);
        }
    }

    @Override
    public void start(PairConfig pair, ClientRef client, ClusterConfig target) {
        String role = target.alias().equals(pair.primary()) ? PRIMARY : SECONDARY;
        Side side = side(pair, client, role);
        Side other = side(pair, client, PRIMARY.equals(role) ? SECONDARY : PRIMARY);
        ClientBinding b = client.binding();
        Service s = service(side);
        RegisterTaskDefinitionRequest template = EcsRevisions.registration(s.taskDefinition() != null
                ? taskDefinition(side, s.taskDefinition()) : taskDefinition(other, service(other).taskDefinition()));
        String container = BindingType.ECS_CONTAINER.valueIn(b);
        Map<String, String> secrets = new LinkedHashMap<>();
        secretEnv(b).forEach((env, key) -> secrets.put(env, secretArn(target).orElseThrow(() -> bad(client, "settings."
                + "secretEnv needs cluster " + target.alias() + "'s security.secretRef to be 'aws-secretsmanager:<arn>'"))
                + ":" + key + "::"));
        RegisterTaskDefinitionRequest wanted = EcsRevisions.retarget(template, container,
                BindingType.ECS_BOOTSTRAP_ENV.valueIn(b), target.bootstrapServers(), secrets)
                .orElseThrow(() -> bad(client, "settings.container '" + container + "' is not a container of task "
                        + "definition family " + template.family() + " " + EcsRevisions.containers(template)
                        + "; name one of them"));
        Map<String, String> tags = tags(s);
        String revision = Stream.of(s.taskDefinition(), tags.get(PREVIOUS_TAG), template.family())
                .filter(arn -> arn != null && !arn.isBlank()).distinct()
                .map(arn -> candidate(side, arn)).flatMap(Optional::stream)
                .filter(td -> !"INACTIVE".equals(td.statusAsString()))
                .filter(td -> EcsRevisions.registration(td).equals(wanted))
                .map(TaskDefinition::taskDefinitionArn).findFirst()
                .orElseGet(() -> register(side, pair, target, wanted));
        int count = desiredCount(b, tags, other.equals(side) ? Map.of() : otherTags(other), s);
        if (s.taskDefinition() != null && !revision.equals(s.taskDefinition())) {
            tag(side, s.serviceArn(), Map.of(PREVIOUS_TAG, s.taskDefinition()));
        }
        if (!revision.equals(s.taskDefinition()) || s.desiredCount() == null || s.desiredCount() != count) {
            AwsFailures.call("updating " + side.label() + " to " + revision + " with " + count + " task(s)",
                    () -> ecs(side).updateService(u -> u.cluster(side.cluster()).service(side.service())
                            .taskDefinition(revision).desiredCount(count)));
        }
        await(client, side, "start", service -> EcsRevisions.unstable(service, revision));
    }

    @Override
    public Optional<String> health(PairConfig pair, ClientRef client, ClusterConfig cluster) {
        Service s = service(side(pair, client, cluster.alias().equals(pair.primary()) ? PRIMARY : SECONDARY));
        return EcsRevisions.unstable(s, s.taskDefinition());
    }

    /** The count to start with: the setting, else what kafka-dr saw when it stopped either side, else the service's, else 1. */
    private static int desiredCount(ClientBinding b, Map<String, String> own, Map<String, String> other, Service s) {
        String setting = BindingType.ECS_DESIRED_COUNT.valueIn(b);
        if (!setting.isBlank()) {
            return Integer.parseInt(setting);
        }
        return Stream.of(other.get(COUNT_TAG), own.get(COUNT_TAG)).filter(c -> c != null && c.matches("[1-9][0-9]*"))
                .map(Integer::parseInt).findFirst()
                .orElse(s.desiredCount() != null && s.desiredCount() > 0 ? s.desiredCount() : 1);
    }

    private String register(Side side, PairConfig pair, ClusterConfig target, RegisterTaskDefinitionRequest wanted) {
        List<Tag> tags = List.of(tag("kafka-dr:managed", "true"), tag("kafka-dr:pair", pair.name()),
                tag("kafka-dr:cluster", target.alias()));
        return AwsFailures.call("registering a revision of task definition " + wanted.family() + " in " + side.region(),
                () -> ecs(side).registerTaskDefinition(wanted.toBuilder().tags(tags).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private void await(ClientRef client, Side side, String what, Function<Service, Optional<String>> problem) {
        Waiting.until(STABLE_TIMEOUT, poll, () -> problem.apply(service(side))).ifPresent(p -> {
            throw ApplicationFailure.newFailure(client.label() + ": " + what + " not done within "
                    + STABLE_TIMEOUT.toMinutes() + " min: " + p + "; retried", ActivityFailures.NOT_READY);
        });
    }

    static Side side(PairConfig pair, ClientRef client, String role) {
        ClientBinding b = client.binding();
        BindingType ecs = BindingType.of(BindingType.ECS).orElseThrow();
        return new Side(role, region(pair, b, role).orElseThrow(() -> bad(client, "settings." + role + ".region: "
                + "none given and the pair's " + role + " cluster has no region")),
                ecs.setting(role + ".cluster").valueIn(b), ecs.setting(role + ".service").valueIn(b));
    }

    private static Optional<String> region(PairConfig pair, ClientBinding b, String role) {
        ClusterConfig cluster = PRIMARY.equals(role) ? pair.primaryCluster() : pair.secondaryCluster();
        return BindingType.of(BindingType.ECS).orElseThrow().setting(role + ".region").optionalIn(b)
                .or(() -> Optional.ofNullable(cluster.region()).filter(r -> !r.isBlank()));
    }

    /** {@code secretEnv}: env var name to JSON key of the cluster's secret, in order. */
    static Map<String, String> secretEnv(ClientBinding b) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = BindingType.ECS_SECRET_ENV.valueIn(b);
        for (String entry : text.isBlank() ? new String[0] : text.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || !ENV_NAME.matcher(kv[0].trim()).matches() || kv[1].isBlank()) {
                throw new IllegalArgumentException("ecs binding's settings.secretEnv: '" + entry.trim() + "' is not "
                        + "VAR=jsonKey (e.g. KAFKA_USERNAME=username,KAFKA_PASSWORD=password)");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    private static Optional<String> secretArn(ClusterConfig cluster) {
        return Optional.ofNullable(cluster.security()).map(s -> s.secretRef())
                .filter(r -> r.startsWith(SECRET_PREFIX)).map(r -> r.substring(SECRET_PREFIX.length()));
    }

    private EcsClient ecs(Side side) {
        return aws.ecs(side.region());
    }

    private Service service(Side side) {
        var found = AwsFailures.call("describing " + side.label(), () -> ecs(side).describeServices(d -> d
                .cluster(side.cluster()).services(side.service()).include(ServiceField.TAGS)));
        return found.services().stream().filter(s -> !"INACTIVE".equals(s.status())).findFirst()
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(side.label() + " does not exist "
                        + found.failures() + ": create it (it may run 0 tasks) or fix settings." + side.role()
                        + ".cluster/.service of the ecs binding", ActivityFailures.BAD_INPUT));
    }

    private TaskDefinition taskDefinition(Side side, String arnOrFamily) {
        return AwsFailures.call("describing task definition " + arnOrFamily + " in " + side.region(),
                () -> ecs(side).describeTaskDefinition(d -> d.taskDefinition(arnOrFamily))).taskDefinition();
    }

    /**
     * The other side's service tags, for the count it ran with; none when its region does not
     * answer (a failover away from a region that is down must not depend on it).
     */
    private Map<String, String> otherTags(Side other) {
        try {
            return tags(service(other));
        } catch (ApplicationFailure e) {
            return Map.of();
        }
    }

    /**
     * A revision that may already be the wanted one; absent when ECS does not know it (a family
     * never registered in this region, a deleted revision), so that a new one is registered.
     */
    private Optional<TaskDefinition> candidate(Side side, String arnOrFamily) {
        try {
            return Optional.of(ecs(side).describeTaskDefinition(d -> d.taskDefinition(arnOrFamily)).taskDefinition());
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            if (e.statusCode() == 400 && !e.isThrottlingException()) {
                return Optional.empty();
            }
            throw AwsFailures.of("describing task definition " + arnOrFamily + " in " + side.region(), e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsFailures.of("describing task definition " + arnOrFamily + " in " + side.region(), e);
        }
    }

    /** A service's tags (described with it). */
    private static Map<String, String> tags(Service s) {
        Map<String, String> tags = new LinkedHashMap<>();
        s.tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private void tag(Side side, String serviceArn, Map<String, String> tags) {
        AwsFailures.call("tagging " + side.label(), () -> ecs(side).tagResource(t -> t.resourceArn(serviceArn)
                .tags(tags.entrySet().stream().map(e -> tag(e.getKey(), e.getValue())).toList())));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static ApplicationFailure bad(ClientRef client, String problem) {
        return ApplicationFailure.newNonRetryableFailure(client.label() + ": ecs binding's " + problem,
                ActivityFailures.BAD_INPUT);
    }
}
