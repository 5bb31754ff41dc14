package io.kafkadr.starter.drill;

import io.kafkadr.workflows.drill.DrillObjectives;
import io.kafkadr.workflows.drill.DrillPhase;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.pair.Objectives;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a {@code DrillWorkflow} result into drctl's drill report, keeping its contract: the phases
 * {@code replicate, verify, failover, failback, verify} (the check on the secondary is part of the
 * failover phase there, a stand-down is a phase {@code stand-down}), each with its child's full
 * result as {@code details}, and the ledgers' verdict where drctl audited them.
 */
final class DrillReports {

    /** The check of the pair on the secondary shows under the failover phase, its checks prefixed so. */
    static final String ON_SECONDARY = "on-secondary:";

    /** What drctl adds around the workflow's result. */
    record Context(String temporalServer, long stackUpMillis, long stackRssMiB, String temporalUi,
                   Objectives objectives, Ledgers failoverLedgers, Ledgers failbackLedgers) {
    }

    private DrillReports() {
    }

    /** @param details a phase's full result (the child workflow's), fetched by drctl */
    static DrillReport report(DrillResult result, Context context, Function<DrillPhase, Object> details) {
        List<PhaseReport> phases = new ArrayList<>();
        for (DrillPhase phase : result.phases()) {
            if (DrillPhase.VERIFY_SECONDARY.equals(phase.name()) && !phases.isEmpty()
                    && DrillPhase.FAILOVER.equals(phases.get(phases.size() - 1).name())) {
                phases.set(phases.size() - 1, withCheckOnSecondary(phases.get(phases.size() - 1), phase));
                continue;
            }
            phases.add(phase(phase, details.apply(phase), context));
        }
        List<PhaseCheck> objectives = new ArrayList<>(result.objectives().stream().map(PhaseCheck::of).toList());
        if (context.failoverLedgers() != null && context.objectives().hasRpo()) {
            objectives.add(PhaseCheck.of(DrillObjectives.rpo(DrillObjectives.RPO_RECORDS + ":ledgers",
                    context.objectives().rpoRecords(), context.failoverLedgers().lost(), "the clients' ledgers")));
        }
        boolean passed = result.passed() && phases.stream().allMatch(PhaseReport::passed)
                && objectives.stream().allMatch(PhaseCheck::passed);
        return new DrillReport(passed, result.pair(), time(result.startedAtMillis()), time(result.endedAtMillis()),
                result.endedAtMillis() - result.startedAtMillis(), context.temporalServer(), context.stackUpMillis(),
                context.stackRssMiB(), phases, result.drillId(), context.temporalUi(), result.outcome().value(),
                objectives, result.leftActive(), result.leftWhere(), result.notes(), result.canary());
    }

    private static PhaseReport phase(DrillPhase phase, Object details, Context context) {
        String name = DrillPhase.PRE_VERIFY.equals(phase.name()) ? DrillPhase.VERIFY : phase.name();
        List<PhaseCheck> checks = phase.checks().stream().map(PhaseCheck::of).toList();
        Long rto = details instanceof io.kafkadr.workflows.failover.FailoverReport f ? f.rtoMillis() : null;
        Long salvaged = details instanceof io.kafkadr.workflows.failback.FailbackReport f ? f.recordsSalvaged() : null;
        PhaseReport report = new PhaseReport(name, phase.passed(), time(phase.startedAtMillis()), time(phase.endedAtMillis()),
                phase.durationMillis(), phase.workflowId(), checks, phase.passed() ? null : phase.detail(), details, rto,
                null, null, salvaged);
        Ledgers ledgers = DrillPhase.FAILOVER.equals(name) ? context.failoverLedgers()
                : DrillPhase.FAILBACK.equals(name) || DrillPhase.STAND_DOWN.equals(name) ? context.failbackLedgers() : null;
        return ledgers == null ? report : report.withLedgers(ledgers.checks(), ledgers.lost(), ledgers.duplicates());
    }

    private static PhaseReport withCheckOnSecondary(PhaseReport failover, DrillPhase onSecondary) {
        List<PhaseCheck> checks = onSecondary.checks().stream()
                .map(c -> new PhaseCheck(ON_SECONDARY + c.name(), c.value(), c.threshold(), c.passed(), c.detail()))
                .toList();
        PhaseReport both = failover.withChecks(checks, onSecondary.endedAtMillis(),
                onSecondary.passed() ? null : "on the secondary: " + onSecondary.detail());
        return onSecondary.passed() || !both.passed() ? both : both.withChecks(List.of(new PhaseCheck(ON_SECONDARY
                + "ran", 0, 1, false, onSecondary.detail())), onSecondary.endedAtMillis(), null);
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
