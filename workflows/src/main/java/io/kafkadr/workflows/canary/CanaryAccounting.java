package io.kafkadr.workflows.canary;

import io.kafkadr.workflows.verify.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts the canary end to end: given what each burst had acknowledged and every read (before and
 * after each switch), what was lost (acknowledged, never read) and duplicated (read more than once).
 * Pure and deterministic: workflow code, unit-tested without Temporal.
 */
public final class CanaryAccounting {

    private CanaryAccounting() {
    }

    /** The figures of {@code bursts}, named {@code name}. */
    public static CanaryHalf half(String name, List<Integer> bursts, Map<Integer, Long> acked, List<CanaryRead> reads) {
        long produced = 0;
        long read = 0;
        long lost = 0;
        long duplicated = 0;
        for (int burst : bursts) {
            long ackedHere = acked.getOrDefault(burst, 0L);
            produced += ackedHere;
            List<BurstRead> ofBurst = reads.stream().flatMap(r -> r.bursts().stream()).filter(b -> b.burst() == burst)
                    .toList();
            long highest = ofBurst.stream().flatMap(b -> b.seqs().stream()).mapToLong(SeqRange::to).max().orElse(-1);
            int[] times = new int[(int) Math.max(ackedHere, highest + 1)];
            for (BurstRead b : ofBurst) {
                read += b.records();
                duplicated += b.repeats();
                for (SeqRange range : b.seqs()) {
                    for (long seq = Math.max(0, range.from()); seq <= range.to(); seq++) {
                        times[(int) seq]++;
                    }
                }
            }
            for (int seq = 0; seq < times.length; seq++) {
                if (seq < ackedHere && times[seq] == 0) {
                    lost++;
                }
                duplicated += Math.max(0, times[seq] - 1);
            }
        }
        return new CanaryHalf(name, bursts, produced, read, lost, duplicated);
    }

    /**
     * A half passes when it lost no more than {@code rpoRecords} (none without an objective) and
     * duplicated nothing.
     */
    public static List<Check> checks(CanaryHalf half, Long rpoRecords) {
        long allowed = rpoRecords == null ? 0 : rpoRecords;
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("canary:" + half.name() + ":lost", half.lost(), allowed, half.lost() <= allowed,
                half.produced() + " acknowledged, " + half.read() + " read"
                        + (rpoRecords == null ? " (no rpoRecords objective: none may be lost)" : "")));
        checks.add(new Check("canary:" + half.name() + ":duplicated", half.duplicated(), 0, half.duplicated() == 0,
                "records read more than once"));
        return checks;
    }

    /** What one read took, per burst: records, distinct sequence numbers as ranges, repeats. */
    public static List<BurstRead> bursts(Map<Integer, List<Long>> seqsByBurst) {
        List<BurstRead> bursts = new ArrayList<>();
        seqsByBurst.forEach((burst, list) -> {
            long[] distinct = list.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            bursts.add(new BurstRead(burst, list.size(), ranges(distinct), list.size() - distinct.length));
        });
        return bursts;
    }

    /** Distinct sorted sequence numbers as ranges: what a read returns instead of thousands of numbers. */
    public static List<SeqRange> ranges(long[] sortedDistinct) {
        List<SeqRange> ranges = new ArrayList<>();
        for (int i = 0; i < sortedDistinct.length; ) {
            int j = i;
            while (j + 1 < sortedDistinct.length && sortedDistinct[j + 1] == sortedDistinct[j] + 1) {
                j++;
            }
            ranges.add(new SeqRange(sortedDistinct[i], sortedDistinct[j]));
            i = j + 1;
        }
        return ranges;
    }
}
