package io.kafkadr.workflows.handover;

/**
 * Where one partition of a consumer group resumes on the new cluster.
 *
 * @param sourceCommitted offset the group had committed on the old cluster
 * @param mm2Translated   MM2's checkpoint for the partition, -1 if none
 * @param targetOffset    offset committed on the new cluster
 * @param derivation      {@code exact} (from the copies' origin headers: right after the last
 *                        copy of a record the group had read), {@code content} (copies without
 *                        origin: the same occurrence of the last consumed record's content),
 *                        {@code log-start} (nothing consumed yet), {@code mm2} (no match: MM2's
 *                        translation, which may re-deliver records) or {@code kept} (handed back
 *                        without a match, or an unplanned hand-over without a checkpoint: the
 *                        offset the group already had on the new cluster, which may re-deliver
 *                        records) or {@code none} (no placement possible: targetOffset -1, the
 *                        client's {@code auto.offset.reset} decides) or {@code uncommitted} (a
 *                        partition the group never committed on the source: placed where its
 *                        client would have started there at its stop, sourceCommitted being that
 *                        source position; see {@link io.kafkadr.workflows.pair.UncommittedStart})
 */
public record OffsetHandOver(String topic, String targetTopic, int partition, long sourceCommitted,
                             long mm2Translated, long targetOffset, String derivation) {

    public static final String EXACT = "exact";
    public static final String CONTENT = "content";
    public static final String LOG_START = "log-start";
    public static final String MM2 = "mm2";
    public static final String KEPT = "kept";
    /** Not placed (source gone, no MM2 checkpoint, nothing committed on the target): the client's auto.offset.reset decides. */
    public static final String NONE = "none";
    /** A partition the group never committed on the source, placed where its client would have started there. */
    public static final String UNCOMMITTED = "uncommitted";
}
