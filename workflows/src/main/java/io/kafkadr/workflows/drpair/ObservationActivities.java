package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;

/** The pair entity's watch on the active cluster. */
@ActivityInterface
public interface ObservationActivities {

    /** End offsets of the mirrored partitions of {@code alias}; fails fast when it does not answer. */
    Observation watchActive(PairConfig pair, String alias);
}
