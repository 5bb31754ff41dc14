package io.kafkadr.starter.failback;

import io.kafkadr.starter.failover.FailoverReportPrinter;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.verify.Check;
import java.io.PrintStream;
import java.time.Instant;

/** The readable (Markdown) form of a failback report. */
public final class FailbackReportPrinter {

    private FailbackReportPrinter() {
    }

    public static void markdown(FailbackReport r, PrintStream out) {
        out.printf("# Failback %s%n%n", r.operationId());
        out.printf("- pair **%s**: **%s**; reason: %s; approved by: %s%n", r.pair(), r.outcome(), r.reason(), r.approvedBy());
        out.printf("- started %s, ended %s%n", Instant.ofEpochMilli(r.startedAtMillis()), Instant.ofEpochMilli(r.endedAtMillis()));
        out.printf("- records salvaged to quarantine: %d; topics recreated: %s%n%n", r.recordsSalvaged(), r.recreatedTopics());
        FailoverReportPrinter.timeline(r.timeline(), out);
        out.println("\n## Salvaged (records of the primary that never reached the secondary)\n");
        for (PartitionOffset p : r.salvaged()) {
            out.printf("- %s-%d: %d%n", p.topic(), p.partition(), p.offset());
        }
        FailoverReportPrinter.moves(r.consumers(), out);
        FailoverReportPrinter.moves(r.producers(), out);
        out.println("\n## Restored replication\n");
        for (Check c : r.finalChecks()) {
            out.printf("- %s %s: %d (threshold %d) %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.value(), c.threshold(), c.detail());
        }
        out.println("\n## Notes\n");
        r.notes().forEach(n -> out.println("- " + n));
    }
}
