package io.kafkadr.workflows.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * One verification check: a measured figure against its threshold.
 *
 * @param name      what was checked, e.g. {@code count:orders-0}
 * @param value     the measured figure
 * @param threshold the limit it is held to
 * @param passed    whether the figure is within the limit
 * @param detail    the figures behind the value, for people
 */
public record Check(String name, long value, long threshold, boolean passed, String detail) {

    /** Above this many checks an operation's report keeps the failed ones and a summary. */
    public static final int KEPT_IN_REPORTS_UP_TO = 100;

    /**
     * The checks as an operation's report keeps them: all of them up to
     * {@value #KEPT_IN_REPORTS_UP_TO}; above, the failed ones and one summary check (value: how
     * many passed, threshold: how many ran) pointing to {@code fullIn}, the workflow whose result
     * lists every check, so that a report of thousands of partitions and groups stays small.
     */
    public static List<Check> keptInReport(List<Check> checks, String fullIn) {
        if (checks.size() <= KEPT_IN_REPORTS_UP_TO) {
            return checks;
        }
        List<Check> kept = new ArrayList<>(checks.stream().filter(c -> !c.passed()).toList());
        long passed = checks.size() - kept.size();
        kept.add(0, new Check("summary", passed, checks.size(), kept.isEmpty(), passed + " of " + checks.size()
                + " checks passed; " + (kept.isEmpty() ? "" : "the failed ones follow; ") + "every check is in the result "
                + "of workflow " + fullIn));
        return kept;
    }

    static Check atMost(String name, long value, long max, String detail) {
        return new Check(name, value, max, value <= max, detail);
    }

    static Check atLeast(String name, long value, long min, String detail) {
        return new Check(name, value, min, value >= min, detail);
    }
}
