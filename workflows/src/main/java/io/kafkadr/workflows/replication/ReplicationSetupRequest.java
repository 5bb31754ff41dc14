package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.WorkflowInput;
import io.kafkadr.workflows.pair.Direction;
import java.util.List;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * Input of {@link ReplicationSetupWorkflow}. Give the pair inline ({@code pair}) or as a file
 * on the worker's host ({@code pairFile}); {@code direction} defaults to primary -> secondary.
 *
 * @param startAt where MirrorSourceConnector starts copying: null keeps what Connect remembers
 *                (a re-run continues), {@code beginning} copies every record (reverse replication
 *                into emptied topics), {@code end} copies only new records (restoring the normal
 *                direction when both sides already hold the same data). {@code end} is refused while MM2
 *                has not copied up to the source's end, unless {@code acceptGap} is given: what it had
 *                not copied would never be
 * @param startOffsets per source partition, the next offset to copy; when given, it wins over
 *                {@code startAt} (restoring replication exactly where both sides last agreed)
 * @param acceptGap only with {@code startAt: end}: the operator accepts that the records MM2 has not
 *                copied yet are skipped for good (who, why, at most how many); recorded in the result
 */
@WorkflowInput
public record ReplicationSetupRequest(PairConfig pair, String pairFile, Direction direction, String startAt,
                                      List<PartitionOffset> startOffsets, GapAcceptance acceptGap) {

    public static final String BEGINNING = "beginning";
    public static final String END = "end";

    public ReplicationSetupRequest(PairConfig pair, String pairFile, Direction direction) {
        this(pair, pairFile, direction, null, null, null);
    }

    public ReplicationSetupRequest(PairConfig pair, String pairFile, Direction direction, String startAt) {
        this(pair, pairFile, direction, startAt, null, null);
    }

    public ReplicationSetupRequest(PairConfig pair, String pairFile, Direction direction, String startAt,
                                   List<PartitionOffset> startOffsets) {
        this(pair, pairFile, direction, startAt, startOffsets, null);
    }
}
