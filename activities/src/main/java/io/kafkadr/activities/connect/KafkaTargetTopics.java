package io.kafkadr.activities.connect;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

import io.kafkadr.activities.cluster.TopicSelector;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** {@link TargetTopics} through the admin API of both clusters. */
public class KafkaTargetTopics implements TargetTopics {

    private static final String LIMIT = TopicConfig.MAX_MESSAGE_BYTES_CONFIG;

    private final KafkaAdmins admins;

    public KafkaTargetTopics(KafkaAdmins admins) {
        this.admins = admins;
    }

    @Override
    public List<String> prepare(PairConfig pair, Direction direction, int replicationFactor) {
        return ensure(pair, direction, replicationFactor);
    }

    @Override
    public List<String> raiseLimits(PairConfig pair, Direction direction) {
        return ensure(pair, direction, 0);
    }

    /** {@code createWithFactor} 0: create nothing. */
    private List<String> ensure(PairConfig pair, Direction direction, int createWithFactor) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Admin src = admins.admin(source);
        Admin tgt = admins.admin(target);
        List<String> topics = TopicSelector.selectOn(src, source, pair.topics());
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, Config> sourceConfigs = configs(src, source, topics);
        Map<String, String> remoteOf = new HashMap<>();
        topics.forEach(t -> remoteOf.put(t, pair.replication().remoteTopic(source.alias(), t)));
        List<String> changes = new ArrayList<>();
        Set<String> onTarget = await(tgt.listTopics().names(), target, "listing topics");
        if (createWithFactor > 0) {
            List<String> missing = topics.stream().filter(t -> !onTarget.contains(remoteOf.get(t))).toList();
            changes.addAll(create(pair, source, target, missing, remoteOf, sourceConfigs, createWithFactor));
        }
        List<String> existing = topics.stream().filter(t -> onTarget.contains(remoteOf.get(t))).toList();
        if (existing.isEmpty()) {
            return changes;
        }
        Map<String, Config> targetConfigs = configs(tgt, target, existing.stream().map(remoteOf::get).toList());
        Map<ConfigResource, Collection<AlterConfigOp>> raises = new HashMap<>();
        for (String topic : existing) {
            String remote = remoteOf.get(topic);
            int targetLimit = limit(targetConfigs.get(remote));
            OptionalInt raise = TopicLimits.raise(limit(sourceConfigs.get(topic)), targetLimit,
                    TopicLimits.room(pair, source.alias(), topic));
            if (raise.isPresent()) {
                raises.put(new ConfigResource(ConfigResource.Type.TOPIC, remote), List.of(new AlterConfigOp(
                        new ConfigEntry(LIMIT, Integer.toString(raise.getAsInt())), AlterConfigOp.OpType.SET)));
                changes.add(remote + " on '" + target.alias() + "': " + LIMIT + " " + targetLimit + " -> " + raise.getAsInt());
            }
        }
        if (!raises.isEmpty()) {
            await(tgt.incrementalAlterConfigs(raises).all(), target, "raising " + LIMIT + " of " + raises.keySet());
        }
        return changes;
    }

    /** The target topics MM2 would create, created first with room for the headers. */
    private List<String> create(PairConfig pair, ClusterConfig source, ClusterConfig target, List<String> missing,
                                Map<String, String> remoteOf, Map<String, Config> sourceConfigs, int replicationFactor) {
        if (missing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = await(admins.admin(source).describeTopics(missing).allTopicNames(),
                source, "describing topics");
        List<String> created = new ArrayList<>();
        for (String topic : missing) {
            Map<String, String> configs = new HashMap<>();
            for (ConfigEntry e : sourceConfigs.get(topic).entries()) {
                if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && e.value() != null
                        && MirrorConnectorConfigs.synced(e.name())) {
                    configs.put(e.name(), e.value());
                }
            }
            int limit = TopicLimits.required(limit(sourceConfigs.get(topic)), TopicLimits.room(pair, source.alias(), topic));
            configs.put(LIMIT, Integer.toString(limit));
            String remote = remoteOf.get(topic);
            NewTopic newTopic = new NewTopic(remote, described.get(topic).partitions().size(), (short) replicationFactor)
                    .configs(configs);
            try {
                admins.admin(target).createTopics(List.of(newTopic)).all().get();
                created.add(remote + " on '" + target.alias() + "': created with " + LIMIT + " " + limit);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw io.kafkadr.activities.kafka.KafkaFailures.translate(e.getCause(), target, "creating " + remote);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw io.kafkadr.activities.kafka.KafkaFailures.translate(e, target, "creating " + remote);
            }
        }
        return created;
    }

    private static Map<String, Config> configs(Admin admin, ClusterConfig cluster, List<String> topics) {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<String, Config> byName = new HashMap<>();
        await(admin.describeConfigs(resources).all(), cluster, "describing topic configs")
                .forEach((r, c) -> byName.put(r.name(), c));
        return byName;
    }

    /** The topic's effective limit: its own, else its broker's {@code message.max.bytes}. */
    private static int limit(Config config) {
        ConfigEntry e = config == null ? null : config.get(LIMIT);
        if (e == null || e.value() == null) {
            throw new IllegalStateException("the broker did not describe " + LIMIT);
        }
        return Integer.parseInt(e.value());
    }
}
