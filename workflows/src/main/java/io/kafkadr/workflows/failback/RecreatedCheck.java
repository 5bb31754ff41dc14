package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.cluster.PartitionOffset;
import java.util.List;

/**
 * What a read of the recreated topics found.
 *
 * @param checkedUpTo  per partition, the end offset the read went up to (exclusive): the next
 *                     read starts there
 * @param foreign      records in the range read that are not reverse copies, quarantined
 * @param cannotTell   why the records could not be told apart (provenance off: reverse copies
 *                     carry no origin), or null
 */
public record RecreatedCheck(List<PartitionOffset> checkedUpTo, List<ForeignWrites> foreign, String cannotTell) {

    public long foreignRecords() {
        return foreign.stream().mapToLong(ForeignWrites::count).sum();
    }

    /** For the report: topic-partition, offsets and count of each run. */
    public String describe() {
        return foreign.stream().map(f -> f.topic() + "-" + f.partition() + " offsets " + f.firstOffset() + ".."
                + f.lastOffset() + " (" + f.count() + ")").toList().toString();
    }
}
