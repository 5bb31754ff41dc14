package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The one way kafka-dr creates a topic (quarantines, the primary's recreated topics, the canary's,
 * the benchmarks'): the replication factor by the pair's rule
 * ({@link ReplicationSettings#replicationFactorOn}) over the cluster's broker count, failures
 * translated with the cluster named. An existing topic is left as it is and reported, for the
 * caller to compare or adjust: never silently taken for the one asked for.
 */
public final class Topics {

    private Topics() {
    }

    /** The replication factor of a topic kafka-dr creates on {@code cluster}. */
    public static short replicationFactor(Admin admin, ClusterConfig cluster, ReplicationSettings settings) {
        int brokers = KafkaFailures.await(admin.describeCluster().nodes(), cluster, "describing the cluster").size();
        return (short) settings.replicationFactorOn(brokers);
    }

    /**
     * How {@code found} differs from {@code wanted} in partition count and in configs set on the
     * topic itself, or null when it does not.
     */
    public static String difference(TopicInfo wanted, TopicInfo found) {
        List<String> differences = new ArrayList<>();
        if (!found.exists()) {
            return "it does not exist";
        }
        if (found.partitions() != wanted.partitions()) {
            differences.add(found.partitions() + " partitions instead of " + wanted.partitions());
        }
        Set<String> names = new TreeSet<>(wanted.explicitConfigs().keySet());
        names.addAll(found.explicitConfigs().keySet());
        for (String name : names) {
            String want = wanted.explicitConfigs().get(name);
            String has = found.explicitConfigs().get(name);
            if (!Objects.equals(want, has)) {
                differences.add(name + "=" + (has == null ? "(default)" : has) + " instead of "
                        + (want == null ? "(default)" : want));
            }
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    /** Creates {@code topic}; false when it exists already (then nothing was changed). */
    public static boolean createUnlessExists(Admin admin, ClusterConfig cluster, ReplicationSettings settings,
                                             String topic, int partitions, Map<String, String> configs) {
        NewTopic wanted = new NewTopic(topic, partitions, replicationFactor(admin, cluster, settings)).configs(configs);
        try {
            admin.createTopics(List.of(wanted)).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw KafkaFailures.translate(e.getCause(), cluster, "creating " + topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaFailures.translate(e, cluster, "creating " + topic);
        }
    }
}
