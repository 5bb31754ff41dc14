package io.kafkadr.workflows.verify;

/**
 * Figures of one mirrored partition.
 *
 * @param sourceCount        records on the source (end - start offset; in records as read_committed consumers see
 *                           them where offsets disagreed, up to the last replicated offset while the partition lags)
 * @param targetCount        records on the target's replica of the partition
 * @param sourceEndOffset    next offset the source will write
 * @param lastReplicatedOffset source offset of the last record MM2 committed as replicated, -1 if none
 * @param lag                source records beyond {@code lastReplicatedOffset}
 * @param sourceStartOffset  the source partition's first offset (absent in reports recorded before it: 0)
 */
public record PartitionReport(
        String topic,
        String targetTopic,
        int partition,
        long sourceCount,
        long targetCount,
        long sourceEndOffset,
        long lastReplicatedOffset,
        long lag,
        long sourceStartOffset) {

    /** A report whose counts are still in offsets: the start offset is {@code end - count}. */
    public PartitionReport(String topic, String targetTopic, int partition, long sourceCount, long targetCount,
                           long sourceEndOffset, long lastReplicatedOffset, long lag) {
        this(topic, targetTopic, partition, sourceCount, targetCount, sourceEndOffset, lastReplicatedOffset, lag,
                sourceEndOffset - sourceCount);
    }

    /** Where MM2's copies of this partition end on the source: one past the last replicated offset, at most the end. */
    public long copiedUntil() {
        return lag == 0 ? sourceEndOffset : Math.max(sourceStartOffset, lastReplicatedOffset + 1);
    }
}
