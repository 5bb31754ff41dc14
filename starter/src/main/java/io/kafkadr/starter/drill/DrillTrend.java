package io.kafkadr.starter.drill;

import io.kafkadr.workflows.drill.DrillResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code drctl drill history}: one row per drill of a pair, from its workflow's result and, for a
 * drill drctl ran on the local stack, the report it kept (the sample apps' ledgers: lost and
 * duplicated as the clients saw them); the trend over them. Pure.
 */
public final class DrillTrend {

    private DrillTrend() {
    }

    /**
     * One drill.
     *
     * @param status      the run's status in Temporal (a drill that failed as a workflow, e.g. refused, has no result)
     * @param outcome     passed, failed, stood-down; null without a result
     * @param rtoMillis   the failover's RTO, -1 when it was not reached
     * @param lost        the workflow's figure (0 for a completed planned failover), -1 unknown
     * @param ledgerLost  lost by the clients' own ledgers (local drills run by drctl), null when not kept
     * @param ledgerDuplicates duplicated by the ledgers, null when not kept
     */
    public record Row(String id, String status, String outcome, long startedAtMillis, long rtoMillis, long lost,
                      Long ledgerLost, Long ledgerDuplicates, boolean objectivesMet) {
    }

    /** Summary over the rows: how many drills, how they ended, RTO median and worst, what the ledgers counted. */
    public record Summary(int drills, int passed, int failed, int stoodDown, long rtoMedianMillis, long rtoMaxMillis,
                          long ledgerLost, long ledgerDuplicates) {
    }

    /** The row of a completed drill; {@code kept} is drctl's local report of it, if any. */
    public static Row row(DrillResult r, String status, DrillReport kept) {
        Long lost = null;
        Long dups = null;
        if (kept != null) {
            lost = kept.phases().stream().mapToLong(p -> p.recordsLost() == null ? 0 : p.recordsLost()).sum();
            dups = kept.phases().stream().mapToLong(p -> p.duplicates() == null ? 0 : p.duplicates()).sum();
        }
        boolean met = r.objectives() == null || r.objectives().stream().allMatch(c -> c.passed());
        return new Row(r.drillId(), status, r.outcome() == null ? null : r.outcome().value(), r.startedAtMillis(),
                r.rtoMillis(), r.recordsLost(), lost, dups, met);
    }

    /** Newest first. */
    public static List<Row> newestFirst(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Row::startedAtMillis).reversed());
        return sorted;
    }

    public static Summary summary(List<Row> rows) {
        List<Long> rtos = rows.stream().map(Row::rtoMillis).filter(r -> r >= 0).sorted().toList();
        return new Summary(rows.size(), count(rows, "passed"), count(rows, "failed"), count(rows, "stood-down"),
                rtos.isEmpty() ? -1 : rtos.get((rtos.size() - 1) / 2), rtos.isEmpty() ? -1 : rtos.get(rtos.size() - 1),
                rows.stream().mapToLong(r -> r.ledgerLost() == null ? 0 : r.ledgerLost()).sum(),
                rows.stream().mapToLong(r -> r.ledgerDuplicates() == null ? 0 : r.ledgerDuplicates()).sum());
    }

    private static int count(List<Row> rows, String outcome) {
        return (int) rows.stream().filter(r -> outcome.equals(r.outcome())).count();
    }

    /** The table people read, then the trend line. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format("%-20s  %-10s  %8s  %5s  %12s  %10s  %s%n", "started (UTC)",
                "outcome", "RTO", "lost", "ledger lost", "ledger dup", "drill"));
        for (Row r : rows) {
            out.append(String.format("%-20s  %-10s  %8s  %5s  %12s  %10s  %s%n",
                    Instant.ofEpochMilli(r.startedAtMillis()).toString().replaceFirst("\\.\\d+Z$", "Z"),
                    r.outcome() == null ? r.status() : r.outcome() + (r.objectivesMet() ? "" : "*"),
                    seconds(r.rtoMillis()), r.lost() < 0 ? "-" : Long.toString(r.lost()),
                    r.ledgerLost() == null ? "-" : r.ledgerLost().toString(),
                    r.ledgerDuplicates() == null ? "-" : r.ledgerDuplicates().toString(), r.id()));
        }
        Summary s = summary(rows);
        out.append(String.format("%d drills: %d passed, %d failed, %d stood down; RTO median %s, worst %s; ledgers: "
                        + "%d lost, %d duplicated%s%n", s.drills(), s.passed(), s.failed(), s.stoodDown(),
                seconds(s.rtoMedianMillis()), seconds(s.rtoMaxMillis()), s.ledgerLost(), s.ledgerDuplicates(),
                rows.stream().anyMatch(r -> !r.objectivesMet()) ? " (* an objective missed)" : ""));
        return out.toString();
    }

    static String seconds(long millis) {
        return millis < 0 ? "-" : String.format("%.1f s", millis / 1000.0);
    }

    /** Kept reports by drill id. */
    public static Map<String, DrillReport> byId(List<DrillReport> kept) {
        Map<String, DrillReport> map = new java.util.HashMap<>();
        kept.forEach(k -> map.put(k.drillWorkflowId(), k));
        return map;
    }
}
