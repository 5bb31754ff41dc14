package io.kafkadr.workflows.cluster;

/** Log start and end offsets of one partition; their difference is its record count. */
public record PartitionOffsets(String topic, int partition, long startOffset, long endOffset) {

    public long count() {
        return endOffset - startOffset;
    }
}
