package io.kafkadr.bench;

import java.io.PrintStream;
import java.util.List;

/** The human-readable result of {@code drctl bench replication}. */
final class ReplicationTable {

    private ReplicationTable() {
    }

    static void print(List<ReplicationRow> rows, String measuredLatency, PrintStream out) {
        out.printf("%-14s %9s %8s %8s %10s %8s %6s %8s %10s | %9s %6s %6s %7s %8s%n", "variant", "records", "MB",
                "seconds", "records/s", "MB/s", "ratio", "start s", "copy r/s", "at rate R", "p50ms", "p99ms",
                "max ms", "missing");
        for (ReplicationRow r : rows) {
            out.printf("%-14s %9d %8.1f %8.2f %10.0f %8.1f %6s %8s %10s | %9s %6s %6s %7s %8s%n", r.variant(), r.records(),
                    r.megabytes(), r.seconds(), r.recordsPerSecond(), r.megabytesPerSecond(), fixed(r.ratioToRaw(), 2),
                    fixed(r.firstCopySeconds(), 1), fixed(r.copyRecordsPerSecond(), 0),
                    r.latencyRatePerSecond() == null ? "-" : String.format("%.0f/s", r.latencyRatePerSecond()),
                    r.latency() == null ? "-" : Long.toString(r.latency().p50Millis()),
                    r.latency() == null ? "-" : Long.toString(r.latency().p99Millis()),
                    r.latency() == null ? "-" : Long.toString(r.latency().maxMillis()),
                    r.latencyMissing() == null ? "-" : Long.toString(r.latencyMissing()));
        }
        out.println();
        out.println("seconds: raw = first send to last ack (acks=all); MM2 = connector creation until the target's end "
                + "offsets hold all records (includes 'start s', the time until the first record was copied).");
        out.println("copy r/s: records / (seconds - start s). ratio: records/s over raw records/s.");
        out.println("latency: " + measuredLatency);
        out.println(verdict(rows));
        rows.stream().filter(r -> r.latencyAchievedPerSecond() != null && r.latencyRatePerSecond() != null
                        && r.latencyAchievedPerSecond() < 0.95 * r.latencyRatePerSecond())
                .forEach(r -> out.printf("note: %s's source producer achieved only %.0f records/s of the %.0f asked%n",
                        r.variant(), r.latencyAchievedPerSecond(), r.latencyRatePerSecond()));
    }

    /** The issue's target for kafka-dr's MM2: >= 0.6 x raw throughput, p99 < 1 s at half the raw rate. */
    static String verdict(List<ReplicationRow> rows) {
        return rows.stream().filter(r -> r.variant().equals(ReplicationBench.TUNED)).findFirst().map(r -> {
            boolean fast = r.ratioToRaw() != null && r.ratioToRaw() >= 0.6;
            String throughput = String.format("throughput %s (ratio %s, target >= 0.60)", fast ? "met" : "NOT met",
                    fixed(r.ratioToRaw(), 2));
            if (r.latency() == null) {
                return "target: " + throughput + "; latency not measured";
            }
            boolean prompt = r.latency().p99Millis() < 1000 && (r.latencyMissing() == null || r.latencyMissing() == 0);
            return String.format("target: %s; latency %s (p99 %d ms at %.0f records/s, target < 1000 ms)", throughput,
                    prompt ? "met" : "NOT met", r.latency().p99Millis(), r.latencyRatePerSecond());
        }).orElse("target: no mm2-tuned run");
    }

    static String fixed(Double value, int decimals) {
        return value == null ? "-" : String.format("%." + decimals + "f", value);
    }
}
