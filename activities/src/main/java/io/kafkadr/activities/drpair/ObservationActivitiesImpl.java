package io.kafkadr.activities.drpair;

import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.connect.ConnectRestException;
import io.kafkadr.activities.connect.FailedTasks;
import io.kafkadr.activities.connect.TargetTopics;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.drpair.FailedTask;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.ObservationActivities;
import io.kafkadr.workflows.drpair.ReplicationHealth;
import io.kafkadr.workflows.drpair.TaskRestart;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.MirrorConnector;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

public class ObservationActivitiesImpl implements ObservationActivities {

    private final ClusterActivities cluster;
    private final ConnectRestClient rest;
    private final TargetTopics targets;
    private final LongSupplier clock;

    /** {@code cluster} is the activity implementation, called as a plain object. */
    public ObservationActivitiesImpl(ClusterActivities cluster, ConnectRestClient rest, TargetTopics targets) {
        this(cluster, rest, targets, System::currentTimeMillis);
    }

    ObservationActivitiesImpl(ClusterActivities cluster, ConnectRestClient rest, TargetTopics targets, LongSupplier clock) {
        this.cluster = cluster;
        this.rest = rest;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public Observation watchActive(PairConfig pair, String alias) {
        List<String> topics = cluster.matchTopics(pair, alias);
        return new Observation(cluster.snapshot(pair, alias, topics, List.of()).partitions(), clock.getAsLong());
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
        String url = connectUrl(pair, direction);
        List<FailedTask> failed = new ArrayList<>();
        try {
            for (MirrorConnector connector : MirrorConnector.values()) {
                rest.status(url, connector.connectorName(pair.name(), direction)).map(FailedTasks::in)
                        .ifPresent(failed::addAll);
            }
        } catch (ConnectRestException e) {
            throw e.asFailure();
        }
        return new ReplicationHealth(failed, limits);
    }

    @Override
    public List<TaskRestart> restartFailed(PairConfig pair, Direction direction, List<FailedTask> tasks) {
        String url = connectUrl(pair, direction);
        List<TaskRestart> restarts = new ArrayList<>();
        try {
            for (String connector : tasks.stream().map(FailedTask::connector).distinct().toList()) {
                List<FailedTask> stillFailed = rest.status(url, connector).map(FailedTasks::in).orElse(List.of());
                for (FailedTask asked : tasks) {
                    for (FailedTask now : stillFailed) {
                        if (now.connector().equals(asked.connector()) && now.task() == asked.task()) {
                            FailedTasks.restart(rest, url, now);
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

    private static String connectUrl(PairConfig pair, Direction direction) {
        return pair.cluster(direction.target()).connectUrl();
    }

    private static String message(RuntimeException e) {
        return e instanceof ApplicationFailure a ? a.getOriginalMessage() : e.getMessage();
    }
}
