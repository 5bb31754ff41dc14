package io.kafkadr.activities.clients;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The {@code ecs} binding's decisions, pure: which task definition a service must run against a
 * cluster, whether a described revision already is it, and whether a service is stable or stopped.
 */
final class EcsRevisions {

    private EcsRevisions() {
    }

    /**
     * The registration that would give {@code td} again, environment and secrets of each
     * container sorted by name: two revisions are the same app on the same cluster when their
     * registrations are equal (tags, revision numbers and timestamps aside).
     */
    static RegisterTaskDefinitionRequest registration(TaskDefinition td) {
        return RegisterTaskDefinitionRequest.builder()
                .family(td.family()).taskRoleArn(td.taskRoleArn()).executionRoleArn(td.executionRoleArn())
                .networkMode(td.networkModeAsString())
                .containerDefinitions(td.containerDefinitions().stream().map(EcsRevisions::sorted).toList())
                .volumes(td.volumes()).placementConstraints(td.placementConstraints())
                .requiresCompatibilitiesWithStrings(td.requiresCompatibilitiesAsStrings())
                .cpu(td.cpu()).memory(td.memory()).pidMode(td.pidModeAsString()).ipcMode(td.ipcModeAsString())
                .proxyConfiguration(td.proxyConfiguration()).inferenceAccelerators(td.inferenceAccelerators())
                .ephemeralStorage(td.ephemeralStorage()).runtimePlatform(td.runtimePlatform())
                .enableFaultInjection(td.enableFaultInjection())
                .build();
    }

    private static ContainerDefinition sorted(ContainerDefinition c) {
        return c.toBuilder()
                .environment(c.environment().stream().sorted(Comparator.comparing(KeyValuePair::name)).toList())
                .secrets(c.secrets().stream().sorted(Comparator.comparing(Secret::name)).toList())
                .build();
    }

    /**
     * {@code base} with container {@code container}'s {@code bootstrapEnv} set to {@code bootstrap}
     * and each secret of {@code secrets} (env name to valueFrom) set; everything else as in
     * {@code base}. Absent when the task definition has no such container.
     */
    static Optional<RegisterTaskDefinitionRequest> retarget(RegisterTaskDefinitionRequest base, String container,
                                                            String bootstrapEnv, String bootstrap,
                                                            Map<String, String> secrets) {
        if (base.containerDefinitions().stream().noneMatch(c -> container.equals(c.name()))) {
            return Optional.empty();
        }
        List<ContainerDefinition> containers = base.containerDefinitions().stream()
                .map(c -> container.equals(c.name()) ? retarget(c, bootstrapEnv, bootstrap, secrets) : c).toList();
        return Optional.of(base.toBuilder().containerDefinitions(containers).build());
    }

    private static ContainerDefinition retarget(ContainerDefinition c, String bootstrapEnv, String bootstrap,
                                                Map<String, String> secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        c.environment().forEach(kv -> env.put(kv.name(), kv.value()));
        env.put(bootstrapEnv, bootstrap);
        Map<String, String> valueFrom = new LinkedHashMap<>();
        c.secrets().forEach(s -> valueFrom.put(s.name(), s.valueFrom()));
        valueFrom.putAll(secrets);
        ContainerDefinition.Builder b = c.toBuilder().environment(env.entrySet().stream()
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList());
        if (!secrets.isEmpty()) {
            b.secrets(valueFrom.entrySet().stream()
                    .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList());
        }
        return sorted(b.build());
    }

    /** The container names of a registration, for an error naming what exists. */
    static List<String> containers(RegisterTaskDefinitionRequest r) {
        return r.containerDefinitions().stream().map(ContainerDefinition::name).toList();
    }

    /**
     * Why {@code s} is not yet running {@code taskDefinition} stably: a started service is stable
     * when it is ACTIVE, runs that revision in a single deployment and runs as many tasks as it
     * wants (at least one).
     */
    static Optional<String> unstable(Service s, String taskDefinition) {
        List<String> p = new ArrayList<>();
        if (!"ACTIVE".equals(s.status())) {
            p.add("status " + s.status());
        }
        if (!taskDefinition.equals(s.taskDefinition())) {
            p.add("runs " + s.taskDefinition() + ", not " + taskDefinition);
        }
        if (s.deployments().size() != 1) {
            p.add(s.deployments().size() + " deployments (the old revision's tasks are still draining)");
        }
        if (s.desiredCount() == null || s.desiredCount() < 1) {
            p.add("desired count " + s.desiredCount());
        } else if (!s.desiredCount().equals(s.runningCount())) {
            p.add(s.runningCount() + " of " + s.desiredCount() + " tasks running");
        }
        return p.isEmpty() ? Optional.empty() : Optional.of("ECS service " + s.serviceName() + ": " + String.join(", ", p));
    }

    /** Why {@code s} is not yet stopped: it still wants or runs tasks. */
    static Optional<String> running(Service s) {
        int desired = s.desiredCount() == null ? 0 : s.desiredCount();
        int running = s.runningCount() == null ? 0 : s.runningCount();
        return desired == 0 && running == 0 ? Optional.empty() : Optional.of("ECS service " + s.serviceName()
                + " still runs " + running + " task(s) (desired " + desired + ")");
    }
}
