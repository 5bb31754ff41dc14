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
     * The boundary for {@code upstream} within {@code [start, end)} of the target, found by binary
     * search; empty when the copies near the start carry no origin (copied before provenance was
     * on), where the caller must fall back to matching content.
     */
    public static Optional<Long> firstAtOrAfter(long start, long end, long upstream, Prober prober) {
        long lo = start;
        long hi = end;
        boolean anchored = false;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (prober.probe(mid) instanceof Copy c && c.upstream() < upstream) {
                lo = c.at() + 1;
                anchored = true;
            } else {
                hi = mid;
            }
        }
        if (anchored) {
            return Optional.of(lo);
        }
        // Nothing below the upstream offset was found: exact only if the target starts with a copy
        // at or past it (what came before no longer exists on the target).
        return lo < end && prober.probe(start) instanceof Copy c && c.at() == start ? Optional.of(start)
                : Optional.empty();
    }
}
