package io.kafkadr.workflows.verify;

import java.util.List;

/**
 * Result of {@link VerifyReplicationWorkflow}: every check with its figure and threshold, and the
 * per-partition and per-group figures behind them. This is a contract read by tools (drill
 * reports, incident tooling): add fields, never rename.
 *
 * @param attempts how many times the checks ran before they all passed or the timeout elapsed
 */
public record VerificationReport(
        String pair,
        String source,
        String target,
        boolean passed,
        int attempts,
        long startedAtMillis,
        long endedAtMillis,
        List<Check> checks,
        List<PartitionReport> partitions,
        List<GroupReport> groups) {

    public long failedChecks() {
        return checks.stream().filter(c -> !c.passed()).count();
    }
}
