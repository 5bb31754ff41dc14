package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.failback.FailbackActivities;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;

/** {@link FailbackActivities} that salvages a scripted count and recreates the pair's topics. */
public class FakeFailbackActivities extends RecordingFake implements FailbackActivities {

    private volatile List<PartitionOffset> salvaged = List.of();

    public FakeFailbackActivities salvages(PartitionOffset... perPartition) {
        salvaged = List.of(perPartition);
        return this;
    }

    @Override
    public List<PartitionOffset> salvage(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo) {
        record("salvage", direction, copiedUpTo);
        return salvaged;
    }

    @Override
    public List<String> recreateTopics(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo) {
        record("recreateTopics", direction);
        return pair.topics().names();
    }
}
