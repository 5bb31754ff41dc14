package io.kafkadr.activities.provenance;

import java.util.Optional;

/**
 * Where, on a target partition, the copies of a source partition reach a given upstream offset:
 * the decision behind an exact hand-over, kept apart from Kafka so it can be tested alone.
 *
 * <p>Along a target partition the copies of one source partition carry growing upstream offsets
 * (MM2 copies a partition in order; its re-sends after a restart start again at or below what it
 * had reached and continue to the end, so they only re-deliver). Records without a matching origin
 * (written to the target directly, or copied before provenance was on) sit between them. The
 * boundary for upstream offset {@code X} is the first target offset after the last copy of an
 * upstream offset below {@code X}: a consumer that resumes there reads every copy of {@code X}
 * and later, and every record written to the target after them, and nothing it already read.
 */
public final class CopyBoundary {

    /** How many records one probe reads for a copy before it counts the stretch as records without origin. */
    public static final int PROBE_WINDOW = 256;

    private CopyBoundary() {
    }

    /** What a probe found from a target offset on. */
    public sealed interface Probe permits Copy, NoCopy {
    }

    /** The first copy of the source partition at or after the probed offset. */
    public record Copy(long at, long upstream) implements Probe {
    }

    /** No copy within the probe's window ({@code untilEnd}: none up to the partition's end). */
    public record NoCopy(boolean untilEnd) implements Probe {
    }

    /** Reads the target from an offset on. */
    @FunctionalInterface
    public interface Prober {
        Probe probe(long from);
    }

    /**
     * The boundary for {@code upstream} within {@code [start, end)} of the target; empty when no
     * copy below {@code upstream} is found (copies made before provenance was on, or a group
     * behind everything this replication copied), where the caller falls back to content.
     *
     * <p>First an anchor: probes gallop back from the end (256, 512, 1024... records) until one
     * finds a copy below {@code upstream}. Searching back from the end matters: the copies of the
     * current replication are the newest; before them a target may hold long stretches without a
     * matching origin (copies of an earlier incarnation of the topic, records written while it was
     * active), which a plain binary search would take for the records after the copies. Then a
     * binary search between the anchor and the end, where records without origin only follow copies.
     */
    public static Optional<Long> firstAtOrAfter(long start, long end, long upstream, Prober prober) {
        long lo = -1;
        for (long back = PROBE_WINDOW; lo < 0; back *= 2) {
            long at = Math.max(start, end - back);
            if (prober.probe(at) instanceof Copy c && c.upstream() < upstream) {
                lo = c.at() + 1;
            } else if (at == start) {
                break;
            }
        }
        if (lo < 0) {
            // nothing below the upstream offset: exact only if the target starts with a copy at or
            // past it (what came before no longer exists on the target)
            return start < end && prober.probe(start) instanceof Copy c && c.at() == start ? Optional.of(start)
                    : Optional.empty();
        }
        long hi = end;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (prober.probe(mid) instanceof Copy c && c.upstream() < upstream) {
                lo = c.at() + 1;
            } else {
                hi = mid;
            }
        }
        return Optional.of(lo);
    }
}
