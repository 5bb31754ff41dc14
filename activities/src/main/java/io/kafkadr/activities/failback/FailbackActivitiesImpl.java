package io.kafkadr.activities.failback;

import io.kafkadr.activities.common.Waiting;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.failback.FailbackActivities;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

public class FailbackActivitiesImpl implements FailbackActivities {

    private static final Duration DELETION_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final KafkaAdmins admins;
    private final ClusterActivities cluster;
    private final Quarantine quarantine;

    /** {@code cluster} is the activity implementation, called as a plain object. */
    public FailbackActivitiesImpl(KafkaAdmins admins, ClusterActivities cluster) {
        this.admins = admins;
        this.cluster = cluster;
        this.quarantine = new Quarantine(admins.configs());
    }

    @Override
    public List<PartitionOffset> salvage(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo) {
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Map<String, Long> copied = new HashMap<>();
        copiedUpTo.forEach(c -> copied.put(c.topic() + "-" + c.partition(), c.offset()));
        List<String> topics = cluster.matchTopics(pair, direction.source());
        List<PartitionOffset> salvaged = new ArrayList<>();
        for (var p : cluster.snapshot(pair, direction.source(), topics, List.of()).partitions()) {
            long committed = Math.max(p.startOffset(), copied.getOrDefault(p.topic() + "-" + p.partition(), -1L) + 1);
            long from = committed >= p.endOffset() ? committed : quarantine.firstAbsent(source,
                    new TopicPartition(p.topic(), p.partition()), committed, p.endOffset(), target,
                    new TopicPartition(pair.replication().remoteTopic(direction.source(), p.topic()), p.partition()),
                    pair.failover().handOverScanRecords());
            long orphans = Math.max(0, p.endOffset() - from);
            if (orphans > 0) {
                String topic = QUARANTINE_PREFIX + p.topic();
                ensureTopic(target, topic, partitionCount(pair, direction.source(), p.topic()));
                quarantine.copy(source, p.topic(), p.partition(), from, p.endOffset(), target, topic);
            }
            salvaged.add(new PartitionOffset(p.topic(), p.partition(), orphans));
            Activity.getExecutionContext().heartbeat("salvaged " + p.topic() + "-" + p.partition() + ": " + orphans);
        }
        return salvaged;
    }

    @Override
    public List<String> recreateTopics(PairConfig pair, Direction direction) {
        ClusterConfig clean = pair.cluster(direction.target());
        List<String> topics = cluster.matchTopics(pair, direction.source());
        List<TopicInfo> truth = cluster.snapshot(pair, direction.source(), topics, List.of()).topics();
        Admin admin = admins.admin(clean);
        Set<String> existing = await(admin.listTopics().names(), clean, "listing topics");
        List<String> doomed = topics.stream().filter(existing::contains).toList();
        if (!doomed.isEmpty()) {
            await(admin.deleteTopics(doomed).all(), clean, "deleting " + doomed);
        }
        awaitGone(admin, clean, doomed);
        int replicationFactor = Math.min(3, await(admin.describeCluster().nodes(), clean, "describing the cluster").size());
        for (TopicInfo t : truth) {
            try {
                admin.createTopics(List.of(new NewTopic(t.name(), t.partitions(), (short) replicationFactor)
                        .configs(t.explicitConfigs()))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw io.kafkadr.activities.kafka.KafkaFailures.translate(e.getCause(), clean, "creating " + t.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
            }
        }
        return topics;
    }

    private void awaitGone(Admin admin, ClusterConfig c, List<String> topics) {
        Waiting.until(DELETION_TIMEOUT, POLL, () -> {
            Set<String> left = new java.util.HashSet<>(await(admin.listTopics().names(), c, "listing topics"));
            left.retainAll(topics);
            return left.isEmpty() ? Optional.empty()
                    : Optional.of(left + " still exist on '" + c.alias() + "' after their deletion");
        }).ifPresent(p -> {
            throw ApplicationFailure.newNonRetryableFailure(p + " (waited " + DELETION_TIMEOUT.toSeconds() + " s)",
                    ActivityFailures.NOT_READY);
        });
    }

    private int partitionCount(PairConfig pair, String alias, String topic) {
        return cluster.snapshot(pair, alias, List.of(topic), List.of()).topics().get(0).partitions();
    }

    private void ensureTopic(ClusterConfig c, String topic, int partitions) {
        Admin admin = admins.admin(c);
        int replicationFactor = Math.min(3, await(admin.describeCluster().nodes(), c, "describing the cluster").size());
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicationFactor))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException) && !(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw io.kafkadr.activities.kafka.KafkaFailures.translate(e.getCause(), c, "creating " + topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
    }
}
