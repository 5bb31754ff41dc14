package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.ObservationActivities;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;

public class ObservationActivitiesImpl implements ObservationActivities {

    private final ClusterActivities cluster;

    /** {@code cluster} is the activity implementation, called as a plain object. */
    public ObservationActivitiesImpl(ClusterActivities cluster) {
        this.cluster = cluster;
    }

    @Override
    public Observation watchActive(PairConfig pair, String alias) {
        List<String> topics = cluster.matchTopics(pair, alias);
        return new Observation(cluster.snapshot(pair, alias, topics, List.of()).partitions(), System.currentTimeMillis());
    }
}
