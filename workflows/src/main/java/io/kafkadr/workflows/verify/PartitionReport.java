package io.kafkadr.workflows.verify;

/**
 * Figures of one mirrored partition.
 *
 * @param sourceCount        records on the source (end - start offset)
 * @param targetCount        records on the target's replica of the partition
 * @param sourceEndOffset    next offset the source will write
 * @param lastReplicatedOffset source offset of the last record MM2 committed as replicated, -1 if none
 * @param lag                source records beyond {@code lastReplicatedOffset}
 */
public record PartitionReport(
        String topic,
        String targetTopic,
        int partition,
        long sourceCount,
        long targetCount,
        long sourceEndOffset,
        long lastReplicatedOffset,
        long lag) {
}
