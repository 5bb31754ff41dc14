package io.kafkadr.activities.clients;

import io.kafkadr.activities.cluster.TopicSelector;
import io.kafkadr.activities.common.Waiting;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

public class ClientActivitiesImpl implements ClientActivities {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final ProcessBinding process;
    private final HttpBinding http;
    private final KafkaAdmins admins;

    public ClientActivitiesImpl(Path workDir, OkHttpClient httpClient, KafkaAdmins admins) {
        this.process = new ProcessBinding(workDir);
        this.http = new HttpBinding(httpClient);
        this.admins = admins;
    }

    /**
     * Settings each binding type this worker runs needs. {@code canary} (the drill's canary group)
     * needs none: nothing runs between its activities, so stop and start do nothing.
     */
    /** What each type needs: a process binding its commands, the others their settings. */
    static final Map<String, List<String>> REQUIRED_SETTINGS = Map.of(
            "process", List.of("stop", "start"),
            "http", List.of("controlUrl", "statusUrl"),
            ClientBinding.CANARY, List.of());

    @Override
    public void checkBindings(PairConfig pair) {
        List<ClientRef> all = new java.util.ArrayList<>();
        pair.consumerGroups().forEach(g -> all.add(ClientRef.of(g)));
        pair.producers().forEach(p -> all.add(ClientRef.of(p)));
        List<String> problems = new java.util.ArrayList<>();
        for (ClientRef c : all) {
            if (c.binding() == null || c.binding().type() == null) {
                problems.add(c.label() + ": no binding");
                continue;
            }
            List<String> required = REQUIRED_SETTINGS.get(c.binding().type());
            if (required == null) {
                problems.add(c.label() + ": binding type '" + c.binding().type() + "' is not supported by this worker "
                        + REQUIRED_SETTINGS.keySet());
                continue;
            }
            for (String setting : required) {
                boolean process = "process".equals(c.binding().type());
                boolean missing = process ? c.binding().commands().getOrDefault(setting, List.of()).isEmpty()
                        : c.binding().settings().get(setting) == null || c.binding().settings().get(setting).isBlank();
                if (missing) {
                    problems.add(c.label() + ": " + c.binding().type() + " binding needs "
                            + (process ? "commands." : "settings.") + setting);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("cannot move every client of pair '" + pair.name() + "', so "
                    + "none is moved: " + String.join("; ", problems) + "; fix their bindings in the pair config",
                    ActivityFailures.BAD_INPUT);
        }
    }

    @Override
    public void stop(PairConfig pair, ClientRef client) {
        switch (type(client)) {
            case "process" -> process.stop(client);
            case "http" -> http.stop(client);
            case ClientBinding.CANARY -> { }
            default -> throw unsupported(client);
        }
    }

    @Override
    public void start(PairConfig pair, ClientRef client, String cluster) {
        ClusterConfig target = pair.cluster(cluster);
        switch (type(client)) {
            case "process" -> process.start(client, target);
            case "http" -> http.start(client, target);
            case ClientBinding.CANARY -> { }
            default -> throw unsupported(client);
        }
    }

    @Override
    public String awaitHealthy(PairConfig pair, ClientRef client, String cluster, List<PartitionOffset> baseline) {
        ClusterConfig target = pair.cluster(cluster);
        Map<TopicPartition, Long> base = baseline.isEmpty() && ClientRef.PRODUCER.equals(client.kind())
                ? endOffsets(target, topicPartitions(pair, target)) : toMap(baseline);
        Optional<String> last = Waiting.until(Duration.ofSeconds(pair.failover().clientHealthTimeoutSeconds()), POLL,
                () -> problem(pair, client, cluster, base)
                        .map(p -> client.label() + " not yet healthy on " + cluster + ": " + p));
        if (last.isPresent()) {
            throw ApplicationFailure.newNonRetryableFailure(last.get() + " (gave up after "
                    + pair.failover().clientHealthTimeoutSeconds() + " s)", ActivityFailures.CLIENT_UNHEALTHY);
        }
        return client.label() + " healthy on " + cluster;
    }

    private Optional<String> problem(PairConfig pair, ClientRef client, String cluster, Map<TopicPartition, Long> base) {
        Optional<String> problem = "http".equals(type(client)) ? httpProblem(client, cluster) : Optional.empty();
        if (problem.isPresent()) {
            return problem;
        }
        ClusterConfig target = pair.cluster(cluster);
        if (ClientBinding.CANARY.equals(type(client))) {
            return canaryProblem(target, client.name(), base);
        }
        return ClientRef.CONSUMER.equals(client.kind())
                ? consumerProblem(target, client.name(), base) : producerProblem(pair, target, base);
    }

    /**
     * The canary group runs only inside the drill's activities, so it has no members: healthy once
     * its committed offsets on the target are at or past the hand-over.
     */
    private Optional<String> canaryProblem(ClusterConfig cluster, String group, Map<TopicPartition, Long> baseline) {
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaFailures.await(admins.admin(cluster)
                .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), cluster, "reading offsets of " + group);
        List<String> behind = baseline.entrySet().stream()
                .filter(e -> committed.get(e.getKey()) == null || committed.get(e.getKey()).offset() < e.getValue())
                .map(e -> e.getKey() + " at " + (committed.get(e.getKey()) == null ? "none" : committed.get(e.getKey())
                        .offset()) + " < " + e.getValue()).sorted().toList();
        return behind.isEmpty() ? Optional.empty()
                : Optional.of("canary group " + group + " is not committed at the hand-over: " + behind);
    }

    private Optional<String> httpProblem(ClientRef client, String cluster) {
        Optional<String> reported = http.reportedCluster(client);
        return reported.filter(cluster::equals).isPresent() ? Optional.empty()
                : Optional.of("its status URL reports cluster " + reported.orElse("(no answer)"));
    }

    /** Healthy: the group has members and commits past the hand-over (or has nothing left to read). */
    private Optional<String> consumerProblem(ClusterConfig cluster, String group, Map<TopicPartition, Long> baseline) {
        Admin admin = admins.admin(cluster);
        ConsumerGroupDescription d = KafkaFailures.await(admin.describeConsumerGroups(List.of(group)).describedGroups()
                .get(group), cluster, "describing group " + group);
        if (d.members().isEmpty() || d.groupState() != GroupState.STABLE) {
            return Optional.of("group " + group + " is " + d.groupState() + " with " + d.members().size() + " members");
        }
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaFailures.await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), cluster, "reading offsets of " + group);
        Map<TopicPartition, Long> ends = endOffsets(cluster, baseline.keySet());
        boolean progressed = false;
        boolean caughtUp = true;
        for (TopicPartition tp : baseline.keySet()) {
            long now = committed.get(tp) == null ? -1 : committed.get(tp).offset();
            progressed |= now > baseline.get(tp);
            caughtUp &= now >= ends.getOrDefault(tp, 0L);
        }
        return progressed || caughtUp ? Optional.empty()
                : Optional.of("group " + group + " has members but has not committed past the hand-over offsets yet");
    }

    /** Healthy: the mirrored topics grow on the new cluster. */
    private Optional<String> producerProblem(PairConfig pair, ClusterConfig cluster, Map<TopicPartition, Long> baseline) {
        Map<TopicPartition, Long> now = endOffsets(cluster, baseline.keySet());
        long written = baseline.entrySet().stream().mapToLong(e -> now.getOrDefault(e.getKey(), 0L) - e.getValue()).sum();
        return written > 0 ? Optional.empty() : Optional.of("no new record on " + cluster.alias() + " yet");
    }

    private List<TopicPartition> topicPartitions(PairConfig pair, ClusterConfig cluster) {
        Admin admin = admins.admin(cluster);
        List<String> topics = TopicSelector.selectOn(admin, cluster, pair.topics());
        return KafkaFailures.await(admin.describeTopics(topics).allTopicNames(), cluster, "describing topics").values()
                .stream().flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .toList();
    }

    private Map<TopicPartition, Long> endOffsets(ClusterConfig cluster, java.util.Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (!latest.isEmpty()) {
            KafkaFailures.await(admins.admin(cluster).listOffsets(latest).all(), cluster, "listing end offsets")
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
        }
        return ends;
    }

    private static Map<TopicPartition, Long> toMap(List<PartitionOffset> offsets) {
        Map<TopicPartition, Long> map = new HashMap<>();
        offsets.forEach(o -> map.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        return map;
    }

    private static String type(ClientRef client) {
        if (client.binding() == null) {
            throw ApplicationFailure.newNonRetryableFailure(client.label() + " has no binding: kafka-dr cannot move it; "
                    + "give it one in the pair config", ActivityFailures.BAD_INPUT);
        }
        return client.binding().type();
    }

    private static ApplicationFailure unsupported(ClientRef client) {
        return ApplicationFailure.newNonRetryableFailure(client.label() + ": binding type '" + client.binding().type()
                + "' is not supported by this worker " + REQUIRED_SETTINGS.keySet(), ActivityFailures.BAD_INPUT);
    }
}
