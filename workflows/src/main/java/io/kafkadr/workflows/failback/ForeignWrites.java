package io.kafkadr.workflows.failback;

/**
 * A run of records in a topic the failback recreated on the primary that are not reverse copies
 * (no provenance from the secondary): written there by a producer nobody stopped, after the
 * topic was recreated. Each is quarantined on the secondary like any other orphan.
 *
 * @param topic        the recreated topic on the primary
 * @param partition    its partition
 * @param firstOffset  offset of the first such record there
 * @param lastOffset   offset of the last such record there
 * @param count        how many such records lie in {@code [firstOffset, lastOffset]}
 * @param quarantined  how many of them the quarantine holds (read back): equal to {@code count}
 */
public record ForeignWrites(String topic, int partition, long firstOffset, long lastOffset, long count,
                            long quarantined) {
}
