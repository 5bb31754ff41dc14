package io.kafkadr.activities.clients;

import io.kafkadr.activities.cluster.TopicSelector;
import io.kafkadr.activities.common.Waiting;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

public class ClientActivitiesImpl implements ClientActivities {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final BindingRegistry bindings;
    private final KafkaAdmins admins;

    public ClientActivitiesImpl(BindingRegistry bindings, KafkaAdmins admins) {
        this.bindings = bindings;
        this.admins = admins;
    }

    @Override
    public void checkBindings(PairConfig pair) {
        List<ClientRef> all = new java.util.ArrayList<>();
        pair.consumerGroups().forEach(g -> all.add(ClientRef.of(g)));
        pair.producers().forEach(p -> all.add(ClientRef.of(p)));
        List<String> problems = all.stream().flatMap(c -> bindings.problems(pair, c).stream()).toList();
        if (!problems.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("cannot move every client of pair '" + pair.name() + "', so "
                    + "none is moved: " + String.join("; ", problems) + "; fix their bindings in the pair config",
                    ActivityFailures.BAD_INPUT);
        }
    }

    @Override
    public void stop(PairConfig pair, ClientRef client) {
        bindings.plugin(client).stop(pair, client);
    }

    @Override
    public void start(PairConfig pair, ClientRef client, String cluster) {
        bindings.plugin(client).start(pair, client, pair.cluster(cluster));
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

    /** The binding's own view first, then the Kafka check it asks for. */
    private Optional<String> problem(PairConfig pair, ClientRef client, String cluster, Map<TopicPartition, Long> base) {
        BindingPlugin plugin = bindings.plugin(client);
        ClusterConfig target = pair.cluster(cluster);
        Optional<String> problem = plugin.health(pair, client, target);
        if (problem.isPresent()) {
            return problem;
        }
        if (plugin.kafkaCheck() == BindingPlugin.KafkaCheck.COMMITTED) {
            return canaryProblem(target, client.name(), base);
        }
        return ClientRef.CONSUMER.equals(client.kind())
                ? consumerProblem(target, client.name(), base) : producerProblem(pair, target, base);
    }

    /**
     * The group of a binding without members (the canary) runs only inside the drill's activities, so it has no members: healthy once
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
}
