package io.kafkadr.activities.drpair;

import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.connect.ConnectRestException;
import io.kafkadr.activities.connect.FailedTasks;
import io.kafkadr.activities.connect.TargetTopics;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.ListedOffsets;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.drpair.FailedTask;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.ObservationActivities;
import io.kafkadr.workflows.drpair.ReplicationHealth;
import io.kafkadr.workflows.drpair.TaskRestart;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.MirrorConnector;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

public class ObservationActivitiesImpl implements ObservationActivities {

    private final ClusterActivities cluster;
    private final ConnectRestClient rest;
    private final TargetTopics targets;
    private final LongSupplier clock;
    private final EndOffsets endOffsets;
    private final WatchLayouts layouts;

    /** End offsets of partitions of one cluster of a pair, in one listing. */
    @FunctionalInterface
    public interface EndOffsets {
        Map<TopicPartition, Long> of(PairConfig pair, String alias, List<TopicPartition> partitions);
    }

    /** {@code cluster} is the activity implementation, called as a plain object. */
    public ObservationActivitiesImpl(ClusterActivities cluster, KafkaAdmins admins, ConnectRestClient rest,
                                     TargetTopics targets) {
        this(cluster, (pair, alias, partitions) -> ListedOffsets.of(admins.admin(pair.cluster(alias)),
                pair.cluster(alias), partitions, OffsetSpec.latest(), "listing end offsets of the mirrored partitions"),
                rest, targets, System::currentTimeMillis, System::nanoTime);
    }

    ObservationActivitiesImpl(ClusterActivities cluster, EndOffsets endOffsets, ConnectRestClient rest,
                              TargetTopics targets, LongSupplier clock, LongSupplier nanoTime) {
        this.cluster = cluster;
        this.endOffsets = endOffsets;
        this.rest = rest;
        this.targets = targets;
        this.clock = clock;
        this.layouts = new WatchLayouts(nanoTime);
    }

    /**
     * A full look (topics, partitions, start and end offsets) every {@link WatchLayouts#RELIST};
     * in between, one batched listing of the end offsets of the partitions the last look found.
     */
    @Override
    public Observation watchActive(PairConfig pair, String alias) {
        String key = pair.name() + "/" + alias + "@" + pair.cluster(alias).bootstrapServers();
        Optional<List<PartitionOffsets>> layout = layouts.fresh(key);
        if (layout.isPresent()) {
            try {
                List<TopicPartition> tps = layout.get().stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                Optional<List<PartitionOffsets>> observed = WatchLayouts.withEnds(layout.get(),
                        endOffsets.of(pair, alias, tps));
                if (observed.isPresent()) {
                    return new Observation(observed.get(), clock.getAsLong());
                }
            } catch (RuntimeException e) {
                layouts.forget(key);
                throw e;
            }
        }
        List<String> topics = cluster.matchTopics(pair, alias);
        List<PartitionOffsets> partitions = cluster.snapshot(pair, alias, topics, List.of()).partitions();
        layouts.listed(key, partitions);
        return new Observation(partitions, clock.getAsLong());
    }

    @Override
    public ReplicationHealth checkReplication(PairConfig pair, Direction direction) {
        List<String> limits;
        try {
            limits = targets.raiseLimits(pair, direction);
        } catch (RuntimeException e) {
            // a cluster not answering must not keep the watch from restarting failed tasks
            limits = List.of("could not check the target topics' max.message.bytes: " + message(e));
        }
        ConnectEndpoint connect = endpoint(pair, direction);
        List<FailedTask> failed = new ArrayList<>();
        try {
            for (MirrorConnector connector : MirrorConnector.values()) {
                rest.status(connect, connector.connectorName(pair.name(), direction)).map(FailedTasks::in)
                        .ifPresent(failed::addAll);
            }
        } catch (ConnectRestException e) {
            throw e.asFailure();
        }
        return new ReplicationHealth(failed, limits);
    }

    @Override
    public List<TaskRestart> restartFailed(PairConfig pair, Direction direction, List<FailedTask> tasks) {
        ConnectEndpoint connect = endpoint(pair, direction);
        List<TaskRestart> restarts = new ArrayList<>();
        try {
            for (String connector : tasks.stream().map(FailedTask::connector).distinct().toList()) {
                List<FailedTask> stillFailed = rest.status(connect, connector).map(FailedTasks::in).orElse(List.of());
                for (FailedTask asked : tasks) {
                    for (FailedTask now : stillFailed) {
                        if (now.connector().equals(asked.connector()) && now.task() == asked.task()) {
                            FailedTasks.restart(rest, connect, now);
                            restarts.add(new TaskRestart(now.connector(), now.task(), now.trace(), clock.getAsLong()));
                        }
                    }
                }
            }
            return restarts;
        } catch (ConnectRestException e) {
            throw e.asFailure();
        }
    }

    private static ConnectEndpoint endpoint(PairConfig pair, Direction direction) {
        return pair.cluster(direction.target()).connect();
    }

    private static String message(RuntimeException e) {
        return e instanceof ApplicationFailure a ? a.getOriginalMessage() : e.getMessage();
    }
}
