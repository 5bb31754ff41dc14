package io.kafkadr.activities.provenance;

import io.kafkadr.replication.provenance.Origin;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far MM2 has copied a source partition, read off the provenance of the newest copy on the
 * target: the decisions, kept apart from Kafka so they can be tested alone. The drain, the
 * hand-over, verification, the failover's loss figures ({@link CopiedOffsets}) and the worker's
 * lag metrics all decide by these, so none of them waits for Connect's offset flush.
 *
 * <p>Offsets beyond the newest copy that hold no record (transaction markers: MM2 copies the data
 * records, not the commit marker after them) are not left to copy: callers count records, not
 * offsets, in what is left. A copy of another incarnation of the topic (deleted and recreated) is
 * no copy; after a failback the source's recreated topic first holds copies from the target, which
 * replication never copies back ({@link #firstOwn}).
 */
public final class CopyProgress {

    private CopyProgress() {
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

    /**
     * The target's last records (as far back as the search went) carry no origin of the source
     * partition: how far MM2 got is not known from the target (copies made before provenance was
     * on, or only records written to the target itself).
     */
    public record NoOrigin() implements TargetTail {
    }

    /**
     * The newest copy among copies read in target order (at least one): the highest upstream offset
     * among those of the last one's topic incarnation. Not simply the last: after a restart MM2
     * re-sends from its last committed offset, so the last copy may be a re-send below what it had
     * already copied.
     */
    public static Copy newest(List<Origin> copies) {
        String id = copies.get(copies.size() - 1).topicId();
        return new Copy(copies.stream().filter(o -> o.topicId().equals(id)).mapToLong(Origin::offset).max().orElseThrow(),
                id);
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
        return OptionalLong.of(otherIncarnation(sourceEnd, sourceTopicId, c) ? sourceStart
                : Math.max(sourceStart, c.upstream() + 1));
    }

    /**
     * Whether the target holds no copy of this incarnation of the source partition (nothing copied
     * yet, or only copies of an earlier topic of the same name): then what is to copy begins at
     * {@link #firstOwn}, not at the log start.
     */
    public static boolean nothingCopied(long sourceEnd, String sourceTopicId, TargetTail tail) {
        return tail instanceof Empty || tail instanceof Copy c && otherIncarnation(sourceEnd, sourceTopicId, c);
    }

    private static boolean otherIncarnation(long sourceEnd, String sourceTopicId, Copy c) {
        return !c.topicId().isEmpty() && sourceTopicId != null && !c.topicId().equals(sourceTopicId)
                || c.upstream() + 1 > sourceEnd;
    }

    /**
     * The upstream offset of the last record MM2 copied (the form of MM2's own committed source
     * offsets; -1: none), when the source could not be asked (it does not answer: an unplanned
     * failover): the newest copy's incarnation is taken for the source's. Empty for
     * {@link NoOrigin}: the target does not tell.
     */
    public static OptionalLong lastCopiedWithoutSource(TargetTail tail) {
        if (tail instanceof Copy c) {
            return OptionalLong.of(c.upstream());
        }
        return tail instanceof Empty ? OptionalLong.of(-1) : OptionalLong.empty();
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
     * One read when the first record is the source's own (a topic that never was refilled), else a
     * binary search, about log2(end - from) reads of one record.
     *
     * @param from an offset before which every record is known to be a copy from the target (the log start at first)
     */
    public static long firstOwn(long from, long end, SourceProbe probe) {
        if (from >= end) {
            return from;
        }
        Optional<SourceRecord> first = probe.first(from);
        if (first.isEmpty() || !first.get().fromTarget()) {
            return from;
        }
        long lo = first.get().offset() + 1;
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
}
