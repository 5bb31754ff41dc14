package io.kafkadr.starter.drill;

import java.util.List;

/**
 * What {@code drctl drill --local --json} prints: a contract read by tools. Add fields, never
 * rename or remove.
 *
 * @param stackUpMillis how long bringing the local stack up took (0 when it was already up)
 * @param stackRssMiB   resident memory of the stack's processes after start
 */
public record DrillReport(
        boolean passed,
        String pair,
        String startedAt,
        String endedAt,
        long durationMillis,
        String temporalServer,
        long stackUpMillis,
        long stackRssMiB,
        List<PhaseReport> phases) {
}
