package io.kafkadr.starter.failover;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.handover.OffsetHandOver;
import java.io.PrintStream;
import java.time.Instant;

/** The readable (Markdown) form of a failover report. */
public final class FailoverReportPrinter {

    private FailoverReportPrinter() {
    }

    public static void markdown(FailoverReport r, PrintStream out) {
        out.printf("# Failover %s%n%n", r.operationId());
        out.printf("- pair **%s**, %s, %s -> %s: **%s**%n", r.pair(), r.mode(), r.from(), r.to(), r.outcome());
        out.printf("- reason: %s; incident: %s; approved by: %s%n", r.reason(), r.incidentId(), r.approvedBy());
        out.printf("- started %s, ended %s; RTO %s%n%n", Instant.ofEpochMilli(r.startedAtMillis()),
                Instant.ofEpochMilli(r.endedAtMillis()), r.rtoMillis() < 0 ? "not reached" : r.rtoMillis() + " ms");
        timeline(r.timeline(), out);
        moves(r.consumers(), out);
        moves(r.producers(), out);
        if (!r.lossBound().isEmpty()) {

            out.printf("%n## Loss bound (as of %s)%n%n", Instant.ofEpochMilli(r.lossBoundAsOfMillis()));
            for (PartitionOffset p : r.lossBound()) {
                out.printf("- %s-%d: at most %d records%n", p.topic(), p.partition(), p.offset());
            }
        }
        out.println("\n## Notes\n");
        r.notes().forEach(n -> out.println("- " + n));
    }

    public static void timeline(java.util.List<Step> timeline, PrintStream out) {
        out.println("## Timeline\n\n| step | duration ms | detail |\n|---|---:|---|");
        for (Step s : timeline) {
            out.printf("| %s | %d | %s |%n", s.name(), s.durationMillis(), s.detail());
        }
    }

    public static void moves(java.util.List<ClientMove> moves, PrintStream out) {
        for (ClientMove c : moves) {
            out.printf("%n## %s: %s (%s -> %s)%n%n%s%n", c.client(), c.outcome(), c.from(), c.to(), c.health());
            if (!c.offsets().isEmpty()) {
                out.println("\n| partition | committed on old | MM2 translated | committed on new | derived |\n|---|---:|---:|---:|---|");
                for (OffsetHandOver o : c.offsets()) {
                    out.printf("| %s-%d | %d | %d | %d | %s |%n", o.targetTopic(), o.partition(), o.sourceCommitted(),
                            o.mm2Translated(), o.targetOffset(), o.derivation());
                }
            }
        }
    }
}
