package io.kafkadr.starter.verify;

import io.kafkadr.workflows.verify.Check;
import io.kafkadr.workflows.verify.PartitionReport;
import io.kafkadr.workflows.verify.VerificationReport;
import java.io.PrintStream;

/** The readable form of a verification report. */
public final class ReportPrinter {

    private ReportPrinter() {
    }

    public static void print(VerificationReport r, PrintStream out) {
        out.printf("verification of %s -> %s for pair %s: %s after %d round(s), %d of %d checks failed%n",
                r.source(), r.target(), r.pair(), r.passed() ? "PASSED" : "FAILED", r.attempts(), r.failedChecks(),
                r.checks().size());
        out.printf("  %-6s %-38s %12s %12s  %s%n", "", "CHECK", "VALUE", "THRESHOLD", "DETAIL");
        for (Check c : r.checks()) {
            out.printf("  %-6s %-38s %12d %12d  %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.value(), c.threshold(), c.detail());
        }
        out.printf("  %-24s %12s %12s %12s %8s%n", "PARTITION", "SOURCE", "TARGET", "REPLICATED", "LAG");
        for (PartitionReport p : r.partitions()) {
            out.printf("  %-24s %12d %12d %12d %8d%n", p.topic() + "-" + p.partition(), p.sourceCount(), p.targetCount(),
                    p.lastReplicatedOffset(), p.lag());
        }
    }
}
