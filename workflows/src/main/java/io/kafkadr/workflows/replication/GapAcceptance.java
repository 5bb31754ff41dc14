package io.kafkadr.workflows.replication;

/**
 * An operator's acceptance that {@code startAt: end} skips, for good, the records MM2 has not
 * copied yet. Without it such a start is refused; with it the run records who accepted what and
 * why ({@link ReplicationSetupResult#gapAccepted()}, {@link ReplicationSetupResult#skipped()}).
 * Hard to give by accident: every field is required, and {@code maxRecords} is the figure the
 * refusal names, so a gap larger than the one the operator saw is refused again.
 *
 * @param by         who accepts the gap (audit trail)
 * @param reason     why the skipped records may be lost (e.g. "the target was re-seeded from a snapshot")
 * @param maxRecords the most records the start may skip; at least 1
 */
public record GapAcceptance(String by, String reason, long maxRecords) {

    /** Why this acceptance is not one, or null. */
    public String malformed() {
        if (by == null || by.isBlank()) {
            return "acceptGap.by: who accepts the gap is required (audit trail)";
        }
        if (reason == null || reason.isBlank()) {
            return "acceptGap.reason: why the skipped records may be lost is required (it is recorded in the run)";
        }
        if (maxRecords < 1) {
            return "acceptGap.maxRecords: at least 1, the number of records the refusal of startAt 'end' named (got "
                    + maxRecords + ")";
        }
        return null;
    }
}
