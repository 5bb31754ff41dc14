package io.kafkadr.starter.report;

import io.kafkadr.workflows.cluster.PartitionOffset;
import java.util.List;

/**
 * One figure per partition (records lost at most, salvaged, an offset reached) under a title.
 *
 * @param meaning   what a figure means, for people
 * @param summable  the figures are record counts and their total means something
 */
public record PartitionFigures(String title, String meaning, List<PartitionOffset> partitions, boolean summable) {

    public static final String LOSS_BOUND = "Loss bound";
    public static final String SALVAGED = "Salvaged";

    public long total() {
        return partitions.stream().mapToLong(PartitionOffset::offset).sum();
    }
}
