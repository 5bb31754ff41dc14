package io.kafkadr.worker.metrics;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far MM2 is behind on one partition, exactly, from the provenance of the newest copy on the
 * target: the decision, kept apart from Kafka so it can be tested alone.
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

    /** What the end of a target partition says about the copies of its source partition. */
    public sealed interface TargetTail permits Empty, Copy, NoOrigin {
    }

    /** The target partition holds no record (nothing copied yet, or all of it deleted). */
    public record Empty() implements TargetTail {
    }

    /**
     * The newest copy of the source partition on the target.
     *
     * @param upstream its offset on the source
     * @param topicId  the id of the source topic it was copied from ("" when the copy does not say)
     */
    public record Copy(long upstream, String topicId) implements TargetTail {
    }

    /** The target's last records carry no origin of the source partition: how far MM2 got is not known here. */
    public record NoOrigin() implements TargetTail {
    }

    /**
     * The first source offset not copied yet; empty when the tail does not tell ({@link NoOrigin}).
     * A copy of another incarnation of the topic (deleted and recreated: another topic id, or an
     * upstream offset beyond the source's end) counts as no copy: everything on the source is
     * still to copy. Records deleted from the source before they were copied are not counted.
     *
     * @param sourceStart   the source partition's log start offset
     * @param sourceEnd     its end offset, listed after the target's tail was read (so no copy
     *                      can be ahead of it)
     * @param sourceTopicId the source topic's current id
     */
    public static OptionalLong firstUncopied(long sourceStart, long sourceEnd, String sourceTopicId, TargetTail tail) {
        if (tail instanceof NoOrigin) {
            return OptionalLong.empty();
        }
        if (!(tail instanceof Copy c)) {
            return OptionalLong.of(sourceStart);
        }
        boolean otherIncarnation = !c.topicId().isEmpty() && sourceTopicId != null && !c.topicId().equals(sourceTopicId)
                || c.upstream() + 1 > sourceEnd;
        return OptionalLong.of(otherIncarnation ? sourceStart : Math.max(sourceStart, c.upstream() + 1));
    }

    /**
     * Whether the target holds no copy of this incarnation of the source partition (nothing copied
     * yet, or only copies of an earlier topic of the same name): then what is to copy begins at
     * {@link #firstOwn}, not at the log start.
     */
    public static boolean nothingCopied(long sourceEnd, String sourceTopicId, TargetTail tail) {
        return tail instanceof Empty || tail instanceof Copy c && (!c.topicId().isEmpty() && sourceTopicId != null
                && !c.topicId().equals(sourceTopicId) || c.upstream() + 1 > sourceEnd);
    }

    /** The first record of the source at or after an offset: where it stands and whether it is a copy from the target. */
    public record SourceRecord(long offset, boolean fromTarget) {
    }

    /** Reads the first record at or after an offset, below the end; empty when there is none. */
    @FunctionalInterface
    public interface SourceProbe {
        Optional<SourceRecord> first(long from);
    }

    /**
     * Where the records still to copy begin on a source partition of which the target holds no copy
     * of this incarnation: the first record that is not itself a copy from the target. After a
     * failback the source's topic was recreated and refilled from the target (copies carrying the
     * target's origin, which replication never copies back) before its own clients wrote to it
     * again: those copies come first. {@code end} when every record is a copy from the target.
     * A binary search, about log2(end - from) reads of one record.
     *
     * @param from an offset before which every record is known to be a copy from the target (the log start at first)
     */
    public static long firstOwn(long from, long end, SourceProbe probe) {
        long lo = from;
        long hi = end;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            Optional<SourceRecord> r = probe.first(mid);
            if (r.isPresent() && r.get().fromTarget()) {
                lo = r.get().offset() + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
