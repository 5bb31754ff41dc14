package io.kafkadr.operations.report;

import io.kafkadr.workflows.cluster.PartitionOffset;
import java.util.List;

/**
 * One figure per partition (records lost at most, salvaged, an offset reached) under a title.
 *
 * @param meaning   what a figure means, for people
 * @param summable  the figures are record counts and their total means something
 */
public record PartitionFigures(String title, String meaning, List<PartitionOffset> partitions, boolean summable) {

    /** An old report's single loss figure: what it saw beyond Connect's offsets plus an estimate; not a bound. */
    public static final String LOSS_BOUND = "Loss (old report: seen plus estimated)";
    /** Records the old cluster was last seen to hold that the new one has no copy of: a lower bound. */
    public static final String LOSS_KNOWN = "Known lost";
    /** What the old cluster may have taken beyond that: its peak rate times the silence. */
    public static final String LOSS_ESTIMATE = "Estimated beyond";
    public static final String SALVAGED = "Salvaged";

    public long total() {
        return partitions.stream().mapToLong(PartitionOffset::offset).sum();
    }
}
