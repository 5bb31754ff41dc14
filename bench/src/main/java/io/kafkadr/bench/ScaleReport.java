package io.kafkadr.bench;

import java.util.Comparator;
import java.util.List;

/**
 * {@code drctl bench scale}'s result: each size, and how the histories grew from the smallest
 * to the largest number of groups (linear growth equals {@code groupsFactor}).
 *
 * @param runs                  each size, smallest first
 * @param groupsFactor          largest / smallest number of groups
 * @param largestEventsGrowth   events of the largest history, largest size / smallest size
 * @param largestBytesGrowth    bytes of the largest history, the same way
 * @param totalEventsGrowth     events of all histories, the same way
 * @param checks                the targets, each with the figure it was judged by
 */
record ScaleReport(List<ScaleRun> runs, Double groupsFactor, Double largestEventsGrowth, Double largestBytesGrowth,
                   Double totalEventsGrowth, List<Check> checks) {

    /** A history's event count over this makes the Temporal server warn (and it fails at 50K). */
    static final long MAX_EVENTS = 10_000;
    static final long MAX_BYTES = 5L * 1024 * 1024;
    static final long MAX_MILLIS = 180_000;
    /** Growth allowed for 10x groups: 12, i.e. 1.2 x linear. */
    static final double MAX_GROWTH_OVER_LINEAR = 1.2;

    record Check(String name, boolean passed, String detail) {
    }

    static ScaleReport of(List<ScaleRun> measured) {
        List<ScaleRun> runs = measured.stream().sorted(Comparator.comparingInt(ScaleRun::groups)).toList();
        List<Check> checks = new java.util.ArrayList<>();
        for (ScaleRun r : runs) {
            checks.add(new Check("completed:" + r.groups(), "completed".equals(r.outcome()), "outcome " + r.outcome()));
            checks.add(new Check("time:" + r.groups(), r.totalMillis() < MAX_MILLIS,
                    String.format("%.1f s (target < %d s)", r.totalMillis() / 1000.0, MAX_MILLIS / 1000)));
            checks.add(new Check("history-events:" + r.groups(), r.largest().events() <= MAX_EVENTS,
                    r.largest().events() + " events in " + r.largest().workflowId() + " (target <= " + MAX_EVENTS + ")"));
            checks.add(new Check("history-bytes:" + r.groups(), r.largestBytes().bytes() <= MAX_BYTES,
                    r.largestBytes().bytes() + " bytes in " + r.largestBytes().workflowId() + " (target <= " + MAX_BYTES + ")"));
        }
        if (runs.size() < 2 || runs.get(0).groups() == runs.get(runs.size() - 1).groups()) {
            return new ScaleReport(runs, null, null, null, null, checks);
        }
        ScaleRun small = runs.get(0);
        ScaleRun large = runs.get(runs.size() - 1);
        double factor = (double) large.groups() / small.groups();
        double largestGrowth = ratio(large.largest().events(), small.largest().events());
        double bytesGrowth = ratio(large.largestBytes().bytes(), small.largestBytes().bytes());
        double totalGrowth = ratio(large.totalEvents(), small.totalEvents());
        double limit = factor * MAX_GROWTH_OVER_LINEAR;
        checks.add(new Check("growth-largest-history", largestGrowth <= limit,
                String.format("%.2f for %.0fx groups (linear %.0f, target <= %.1f)", largestGrowth, factor, factor, limit)));
        checks.add(new Check("growth-largest-history-bytes", bytesGrowth <= limit,
                String.format("%.2f for %.0fx groups (linear %.0f, target <= %.1f)", bytesGrowth, factor, factor, limit)));
        checks.add(new Check("growth-total-events", totalGrowth <= limit,
                String.format("%.2f for %.0fx groups (linear %.0f, target <= %.1f)", totalGrowth, factor, factor, limit)));
        return new ScaleReport(runs, factor, largestGrowth, bytesGrowth, totalGrowth, checks);
    }

    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
