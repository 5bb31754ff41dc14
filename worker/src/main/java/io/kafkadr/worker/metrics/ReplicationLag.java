package io.kafkadr.worker.metrics;

import java.util.Optional;

/**
 * How far MM2 is behind on one partition, exactly, from the provenance of the newest copy on the
 * target (where the copies end: {@link io.kafkadr.activities.provenance.CopyProgress}, the same
 * decisions the activities use): the decision, kept apart from Kafka so it can be tested alone.
 *
 * <p>{@code records} = the source's end offset minus the first source offset not copied yet (the
 * upstream offset the newest copy carries, plus one); {@code seconds} = the age of the oldest
 * source record not copied yet, 0 when caught up. Offsets beyond the copies that hold no record
 * (transaction markers: MM2 copies the data records, not the commit marker after them) are not
 * lag: a partition whose last offsets are markers is caught up.
 */
public final class ReplicationLag {

    private ReplicationLag() {
    }

    /** The lag of one partition. */
    public record Lag(long records, double seconds) {
        public static final Lag NONE = new Lag(0, 0);
    }

    /**
     * The lag, once the oldest source record at or after {@code firstUncopied} was read.
     *
     * @param oldestUncopiedMillis the timestamp of the first record at or after {@code firstUncopied}
     *                             below {@code sourceEnd}; empty when there is none (only transaction
     *                             markers left: caught up)
     */
    public static Lag lag(long firstUncopied, long sourceEnd, Optional<Long> oldestUncopiedMillis, long nowMillis) {
        if (firstUncopied >= sourceEnd || oldestUncopiedMillis.isEmpty()) {
            return Lag.NONE;
        }
        return new Lag(sourceEnd - firstUncopied, Math.max(0, nowMillis - oldestUncopiedMillis.get()) / 1000.0);
    }
}
