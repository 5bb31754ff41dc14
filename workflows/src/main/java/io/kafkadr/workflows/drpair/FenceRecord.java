package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.failback.WriteFence;

/** An operation's word on the write fence: {@code fence} stands now (null: the operation lifted it). */
public record FenceRecord(String operationId, WriteFence fence) {
}
